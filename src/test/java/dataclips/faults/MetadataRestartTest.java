package dataclips.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import dataclips.embedded.PgNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metadata database (the embedded primary here) restarts under a running app: a download in flight ends
 * whole and right or aborted (never a short body that looks complete), a request during the outage answers an
 * error in bounded time, and afterwards the app serves again on its own, with sign-in sessions and tokens
 * still valid and the instance's lease taken again.
 */
class MetadataRestartTest {
    /** About 3,000,000 lines: still streaming when the primary goes down a megabyte in. */
    private static final long ROWS = 3_000_000;
    /** Room for the whole result, not the first million. */
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_MAX_ROWS", "4000000"));

    @AfterAll
    static void stop() {
        TestCluster.get().primary().start();
    }

    @Test
    void theAppRecoversOnItsOwnAndInFlightRequestsFailCleanly() throws Exception {
        String token = app.adminToken();
        Http browser = app.signedInAdmin();
        String big = create(token, "Big through a restart", "select g, md5(g::text) as hash from generate_series(1, "
                + ROWS + ") g", 0);
        String small = create(token, "Small after a restart", "select 42 as answer", 0);
        assertEquals(200, app.http().get("/clips/" + small + ".csv").status());
        assertEquals(200, browser.get("/admin/users").status(), "signed in before the restart");
        long lockedBefore = leaseLocks();
        assertTrue(lockedBefore >= 1, "the app holds its lease");

        PgNode primary = TestCluster.get().primary();
        Streamed inFlight = Streamed.get(app.base() + "/clips/" + big + ".csv");
        assertEquals(200, inFlight.status());
        inFlight.read(1 << 20);
        CompletableFuture<Streamed.End> ending = CompletableFuture.supplyAsync(inFlight::readToEnd);
        primary.stop();
        long stopped = System.nanoTime();
        Http.Response during = app.http().get("/clips/" + small + ".csv");
        double answeredIn = (System.nanoTime() - stopped) / 1e9;
        assertTrue(during.status() >= 500, "an error while the metadata database is down: " + during.status());
        assertTrue(answeredIn < 15, "answered within the pool's wait, not hung: " + answeredIn + " s");
        assertTrue(during.body().contains("the app's own database is unavailable"), during.body());

        Streamed.End end = ending.get(90, TimeUnit.SECONDS);
        if (end == Streamed.End.COMPLETE) { // it may finish: its rows come from the follower, not the metadata database
            assertEquals(ROWS + 1, inFlight.lines(), "a download that ended properly holds every row, and ends: " + inFlight.tail());
            assertTrue(inFlight.tail().endsWith("\n" + ROWS + "," + md5(ROWS) + "\r\n"), inFlight.tail());
        } // else ABORTED: the client saw a broken download (with all rows or fewer), which is what must happen
        System.out.printf("RESTART in-flight download ended %s after %,d bytes; a request during the outage got %d in %.2f s%n",
                end, inFlight.bytes(), during.status(), answeredIn);

        primary.start();
        long started = System.nanoTime();
        Http.Response after = awaitOk("/clips/" + small + ".csv");
        double recovered = (System.nanoTime() - started) / 1e9;
        assertEquals("answer\r\n42\r\n", after.body());
        assertEquals(200, browser.get("/admin/users").status(), "the sign-in session survived the restart");
        assertEquals(200, browser.get("/api/v1/me").status(), "and answers who is signed in");
        assertEquals(200, app.http().get("/api/v1/clips", Http.bearer(token)).status(), "and the API token");
        long leaseDeadline = System.currentTimeMillis() + 10_000;
        while (leaseLocks() < lockedBefore && System.currentTimeMillis() < leaseDeadline) {
            TestDatabase.sleep(100);
        }
        double leaseBack = (System.nanoTime() - started) / 1e9;
        assertEquals(lockedBefore, leaseLocks(), "the lease was taken again");
        String bigResults = "select coalesce(string_agg(r.state || ':' || coalesce(r.row_count::text, '-'), ','), '') "
                + "from results r join clips c on c.id = r.clip_id where c.slug = '" + big + "'";
        String stored = TestDatabase.scalar(primary, EmbeddedCluster.METADATA_DATABASE, bigResults);
        for (long deadline = System.currentTimeMillis() + 20_000; stored.contains("writing")
                && System.currentTimeMillis() < deadline; TestDatabase.sleep(200)) {
            stored = TestDatabase.scalar(primary, EmbeddedCluster.METADATA_DATABASE, bigResults);
        }
        assertTrue(stored.isEmpty() || stored.equals("complete:" + ROWS), "nothing half-stored, and no leftover "
                + "'writing' row of this live instance (which no sweep would remove): " + stored);
        System.out.printf("RESTART first successful request %.2f s after the primary was up; lease back after %.2f s%n",
                recovered, leaseBack);
    }

    private static String md5(long n) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(Long.toString(n).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Http.Response awaitOk(String path) {
        long deadline = System.currentTimeMillis() + 30_000;
        Http.Response last = null;
        while (System.currentTimeMillis() < deadline) {
            last = app.http().get(path);
            if (last.status() == 200) {
                return last;
            }
            TestDatabase.sleep(100);
        }
        throw new AssertionError("no success within 30 s of the restart: " + last.status() + " " + last.body());
    }

    private static long leaseLocks() {
        return Long.parseLong(TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE,
                "select count(*) from pg_locks where locktype = 'advisory' and classid = " + 0x64636c69
                        + " and objsubid = 2 and granted"));
    }

    private static String create(String token, String title, String sql, int maxAge) {
        Http.Response r = app.http().postJson("/api/v1/clips", Map.of("title", title, "source", "employees", "sql", sql),
                Http.bearer(token));
        assertEquals(201, r.status(), r.body());
        String slug = r.json().get("slug").asText();
        assertEquals(200, app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", maxAge),
                Http.bearer(token)).status());
        return slug;
    }
}
