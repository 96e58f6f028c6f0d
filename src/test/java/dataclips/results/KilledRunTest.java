package dataclips.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.TestApp;
import dataclips.TestClips;
import dataclips.export.ChildApp;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * An app instance killed with SIGKILL in the middle of a large run leaves nothing visible, and its
 * half-written result is removed when an instance starts next; while it lived, a starting instance left
 * its result alone (its lease said it was alive).
 */
class KilledRunTest {
    @Test
    void aKilledInstanceLeavesNoVisibleResultAndItsLeftoverGoesAtTheNextStart() throws Exception {
        String slug;
        try (TestApp app = TestApp.start()) {
            slug = TestClips.slug(app, app.adminToken(), "killed mid-run",
                    "select g, repeat('x', 200) as filler from generate_series(1, 3000000) g");
        }
        ChildApp child = ChildApp.start("-Xmx256m");
        try {
            HttpResponse<InputStream> download = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(child.base() + "/clips/" + slug + ".csv")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            InputStream body = download.body();
            assertEquals(4 << 20, body.readNBytes(4 << 20).length);
            awaitChunks(slug, 3);
            assertEquals(1, writing(slug), "the run is being stored");
            try (TestApp starting = TestApp.start()) {
                assertEquals(1, writing(slug), "a starting instance leaves a living instance's run alone");
            }
            child.kill();
            body.close();
        } finally {
            child.close();
        }
        assertEquals(0, StoredChunks.results(slug), "nothing of the killed run is visible");
        assertEquals(1, writing(slug), "its leftover is still there, invisible");
        try (TestApp next = TestApp.start()) {
            assertEquals(0, writing(slug), "the next start removed the leftover");
            assertEquals(0, SnapshotsTest.countResults("join result_chunks k on k.result_id = r.id join clips c on "
                    + "c.id = r.clip_id where c.slug = '" + slug + "'"), "and its chunks");
        }
    }

    private static int writing(String slug) {
        return SnapshotsTest.countResults("join clips c on c.id = r.clip_id where c.slug = '" + slug + "' and r.state = 'writing'");
    }

    private static void awaitChunks(String slug, int chunks) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (SnapshotsTest.countResults("join result_chunks k on k.result_id = r.id join clips c on c.id = r.clip_id "
                + "where c.slug = '" + slug + "'") < chunks) {
            assertTrue(System.currentTimeMillis() < deadline, "no chunks stored within 30 s");
            Thread.sleep(100);
        }
    }
}
