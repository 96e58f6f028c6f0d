package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestApp;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import dataclips.embedded.PgNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The follower restarts (stop, start) in the middle of a 3,000,000-row live export (max age 0): the download
 * breaks (no last chunk), nothing of the run is stored, the pool drops its dead connections, and the next
 * request on the same source succeeds. How long that healing takes is printed for bench/README.md.
 */
class FollowerRestartExportTest {
    private static final String BIG = "select g, md5(g::text) as hash from generate_series(1, 3000000) g";
    private static TestApp app;
    private static String admin;
    private static PgNode follower;
    private static final List<String> SLUGS = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of("DATACLIPS_MAX_ROWS", "4000000"));
        admin = app.adminToken();
        follower = TestCluster.get().addFollower("restart-export");
        Http.Response r = app.http().postJson("/api/v1/sources", Map.of("name", "restart-export",
                "followers", List.of(TestDatabase.readerUrl(follower))), Http.bearer(admin));
        assertEquals(201, r.status(), r.body());
    }

    @AfterAll
    static void stop() {
        try {
            SLUGS.forEach(slug -> assertEquals(204, app.http().delete("/api/v1/clips/" + slug, Http.bearer(admin)).status()));
            assertEquals(204, app.http().delete("/api/v1/sources/restart-export", Http.bearer(admin)).status());
        } finally {
            follower.stop();
            app.close();
        }
    }

    @Test
    void aFollowerRestartBreaksTheDownloadStoresNothingAndThePoolHeals() throws Exception {
        String big = clip("Big through a follower restart", BIG);
        String small = clip("Small after a follower restart", "select 7 as seven");
        assertEquals(200, app.http().get("/clips/" + small + ".csv").status());
        try (RawDownload download = RawDownload.get(app.base(), "/clips/" + big + ".csv")) {
            assertEquals(200, download.status());
            download.readAtLeast(1 << 20);
            follower.stop();
            follower.start();
            RawDownload.End end = download.readToEnd();
            assertNotEquals(RawDownload.End.COMPLETE, end, "the download ended with its last chunk, looking complete");
            assertTrue(download.body().length < 100_000_000, "broken early, after " + download.body().length + " bytes");
        }
        long restarted = System.nanoTime();
        Http.Response next = null;
        for (long deadline = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < deadline; ) {
            next = app.http().get("/clips/" + small + ".csv");
            if (next.status() == 200) {
                break;
            }
            TestDatabase.sleep(100);
        }
        double healed = (System.nanoTime() - restarted) / 1e9;
        assertEquals(200, next.status(), next.body());
        assertEquals("seven\r\n7\r\n", next.body());
        System.out.printf("HEAL first successful request %.2f s after the follower was back%n", healed);
        awaitNothingStored(big);
    }

    /** The broken run's result row goes (it is deleted on abort); no complete result and no chunk remain. */
    private static void awaitNothingStored(String slug) {
        String query = "select count(*) from results r join clips c on c.id = r.clip_id where c.slug = '" + slug + "'";
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"0".equals(metadata(query)) && System.currentTimeMillis() < deadline) {
            TestDatabase.sleep(100);
        }
        assertEquals("0", metadata(query), "no result row of the broken run, complete or not");
        assertEquals("0", metadata("select count(*) from result_chunks k where not exists "
                + "(select from results r where r.id = k.result_id)"), "no orphan chunks");
    }

    private static String metadata(String query) {
        return TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE, query);
    }

    private static String clip(String title, String sql) {
        Http.Response r = app.http().postJson("/api/v1/clips", Map.of("title", title, "source", "restart-export",
                "sql", sql), Http.bearer(admin));
        assertEquals(201, r.status(), r.body());
        String slug = r.json().get("slug").asText();
        SLUGS.add(slug);
        assertEquals(200, app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0),
                Http.bearer(admin)).status());
        return slug;
    }
}
