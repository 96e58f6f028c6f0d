package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import dataclips.TestClips;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A query that switches off its own statement timeout: PostgreSQL arms the timeout again at each fetch from the
 * setting's current value, which the query's first rows set to 0, so its later rows could run for as long as they
 * like. The app ends every run at the source's limit itself (3 s on the hostile source), whatever the SQL does to its
 * settings, with the error PostgreSQL gives for its own timeout: the page, a download, a snapshot and a preview alike.
 * set_config is refused by name; a function of the database that calls it is how a clip gets past that check.
 */
class HostileDeadlineTest {
    /**
     * 1,000 rows (one fetch) that switch the timeout off, then a row that sleeps far past the limit. A download reads the
     * follower's COPY (issue 32), whose last rows before the sleep stay in the follower's 8 KB send buffer; it begins on
     * the rows that came when the follower pauses ({@link CursorReader#first}), as a cursor's would on its first fetch.
     */
    static final String SWITCHED_OFF = "select hostile_set_config('statement_timeout', '0', true) as a, g::text as b "
            + "from generate_series(1, 1000) g union all select pg_sleep(25)::text, '0'";
    static final String TIMED_OUT = "canceling statement due to statement timeout";
    /** The source's limit, give or take two seconds. */
    static final long EARLIEST_MS = (HostileFixture.TIMEOUT_SECONDS - 2) * 1000L;
    static final long LATEST_MS = (HostileFixture.TIMEOUT_SECONDS + 2) * 1000L;
    @RegisterExtension
    static final HostileFixture fx = new HostileFixture();

    @Test
    void theClipPageEndsAtTheSourcesLimit() {
        String slug = fx.slug("timeout off", SWITCHED_OFF);
        TestClips.Table page = timed("page", () -> TestClips.run(fx.http(), slug));
        assertEquals("error", page.state(), page.text());
        assertTrue(page.html().selectFirst(".db-message").text().contains(TIMED_OUT), page.text());
        fx.probeClean();
    }

    @Test
    void aDownloadAndASnapshotEndAtTheSourcesLimit() {
        String slug = fx.slug("timeout off", SWITCHED_OFF);
        // The first rows went out before the timeout: the download is broken off, never a short file.
        IllegalStateException broken = timed("csv", () -> assertThrows(IllegalStateException.class,
                () -> fx.http().get("/clips/" + slug + ".csv")));
        assertTrue(broken.getCause() instanceof java.io.IOException, String.valueOf(broken.getCause()));
        Http.Response snapshot = timed("snapshot", () -> fx.http().postJson("/api/v1/clips/" + slug + "/snapshots",
                Map.of(), Http.bearer(fx.admin())));
        assertEquals(422, snapshot.status(), snapshot.body());
        assertTrue(snapshot.body().contains(TIMED_OUT), snapshot.body());
        fx.probeClean();
    }

    @Test
    void aPreviewEndsAtTheSourcesLimit() {
        // Its first rows went out before the timeout, as a download's: the preview is broken off, never a short answer.
        IllegalStateException broken = timed("preview", () -> assertThrows(IllegalStateException.class,
                () -> fx.http().postJson("/api/v1/sources/" + HostileFixture.SOURCE + "/preview",
                        Map.of("sql", SWITCHED_OFF, "limit", 10_000), Http.bearer(fx.admin()))));
        assertTrue(broken.getCause() instanceof java.io.IOException, String.valueOf(broken.getCause()));
        fx.probeClean();
    }

    /**
     * The deadline counts the follower's time, not the viewer's: a download read slowly for longer than the limit (its
     * rows all fetched in far less) ends complete, with its last row and the run stored.
     */
    @Test
    void aSlowViewerIsNotCutShortByTheDeadline() throws Exception {
        String slug = fx.slug("slow viewer", "select g, repeat('x', 90) as filler from generate_series(1, 300000) g");
        long started = System.nanoTime();
        String body;
        try (Socket socket = RawHttp.open(fx.app(), "/clips/" + slug + ".csv")) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read.write(buffer, 0, n);
                Thread.sleep(10); // at most 6 MB/s: the 30 MB (far more than socket buffers hold) take over 3 s
            }
            body = read.toString(StandardCharsets.ISO_8859_1);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms > HostileFixture.TIMEOUT_SECONDS * 1000L, "read in " + ms + " ms: not slower than the limit");
        assertTrue(body.contains("\r\n300000,"), "the last row arrived after " + ms + " ms");
        assertTrue(body.contains("X-Row-Count: 300000"), "complete, with its trailers");
    }

    /**
     * The preamble sets the timeouts of the way the run reads: a download's COPY runs without PostgreSQL's statement
     * timeout (the run's deadline keeps the limit) and with client_connection_check_interval; the page's cursor keeps the
     * source's statement timeout and the follower's own check interval (off).
     */
    @Test
    void eachWayOfReadingHasItsTimeouts() {
        String slug = fx.slug("timeouts", "select current_setting('statement_timeout') as st, "
                + "current_setting('client_connection_check_interval') as cci");
        assertEquals(200, fx.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0),
                Http.bearer(fx.admin())).status(), "each request runs the clip");
        Http.Response csv = fx.http().get("/clips/" + slug + ".csv");
        assertEquals(200, csv.status(), csv.body());
        assertEquals("st,cci\r\n0,5s\r\n", csv.body());
        assertEquals(List.of(List.of(HostileFixture.TIMEOUT_SECONDS + "s", "0")), TestClips.run(fx.http(), slug).rows());
    }

    /** set_config itself, however it is spelled, is refused before anything is sent: a clip has no setting to change. */
    @Test
    void setConfigIsRefusedByName() {
        for (String sql : new String[] {"select set_config('statement_timeout', '0', true)",
                "select \"SET_CONFIG\"('lock_timeout', '0', true)", "select pg_catalog.set_config('work_mem', '1GB', false)"}) {
            Http.Response preview = fx.http().postJson("/api/v1/sources/" + HostileFixture.SOURCE + "/preview",
                    Map.of("sql", sql), Http.bearer(fx.admin()));
            assertEquals(422, preview.status(), preview.body());
            assertEquals("forbidden_function", preview.json().get("error").get("code").asText(), preview.body());
            assertTrue(preview.json().get("error").get("message").asText().contains("a clip may not call set_config"),
                    preview.body());
        }
    }

    private static <T> T timed(String what, Supplier<T> request) {
        long started = System.nanoTime();
        T answer = request.get();
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms >= EARLIEST_MS && ms <= LATEST_MS, what + " ended after " + ms + " ms, not at the source's "
                + HostileFixture.TIMEOUT_SECONDS + " s limit (±2 s)");
        return answer;
    }
}
