package dataclips.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestClips;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metadata database cannot store a result ("disk full", SQLSTATE 53100, raised by test-only triggers that
 * are dropped afterwards). Before the first byte the viewer gets a 503 saying so; after it, the viewer's
 * download, whose rows come from the follower, still ends whole and right while nothing is stored (no result
 * row, no orphan chunk); once the fault is gone the next request runs and is stored again.
 */
class DiskFullTest {
    private static final long ROWS = 300_000; // some 12 MB of CSV: dozens of 256 KiB chunks
    private static final String FAIL = """
            create or replace function dataclips_test_disk_full() returns trigger language plpgsql as $$
            begin
              if tg_table_name = 'result_chunks' then
                if new.seq < 2 then
                  return new; -- the first chunks fit: the disk fills up during the run
                end if;
              end if;
              raise exception 'could not extend file "base/16384/16999": No space left on device'
                using errcode = '53100', hint = 'Check free disk space.';
            end $$""";
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @BeforeAll
    static void start() {
        metadata(FAIL);
    }

    @AfterEach
    void removeTheFault() {
        metadata("drop trigger if exists dataclips_test_disk_full on result_chunks",
                "drop trigger if exists dataclips_test_disk_full on results");
    }

    @AfterAll
    static void stop() {
        metadata("drop function if exists dataclips_test_disk_full()");
    }

    @Test
    void aFullDiskBeforeTheFirstByteIsA503WithAMessage() {
        String slug = app.slug("Disk full at the start", "select 1 as one");
        metadata("create trigger dataclips_test_disk_full before insert on results for each row "
                + "execute function dataclips_test_disk_full()");
        for (String extension : new String[] {"csv", "json"}) {
            Http.Response r = app.http().get("/clips/" + slug + "." + extension);
            assertEquals(503, r.status(), r.body());
            assertTrue(r.body().contains("cannot store more right now") && r.body().contains("No space left on device"),
                    r.body());
        }
        Http.Response json = app.http().get("/clips/" + slug + ".json");
        assertEquals("storage_unavailable", json.json().at("/error/code").asText());
        TestClips.Table page = TestClips.run(app.http(), slug);
        assertEquals(503, page.status(), page.text());

        removeTheFault();
        Http.Response after = app.http().get("/clips/" + slug + ".csv");
        assertEquals(200, after.status(), after.body());
        assertEquals("one\r\n1\r\n", after.body());
        assertEquals("1", stored(slug, "complete"), "stored again once there is room");
    }

    @Test
    void aFullDiskMidRunStoresNothingAndTheNextRequestAfterTheFaultSucceeds() throws Exception {
        String slug = app.slug("Disk full mid-run",
                "select g, md5(g::text) as hash from generate_series(1, " + ROWS + ") g");
        metadata("create trigger dataclips_test_disk_full before insert on result_chunks for each row "
                + "execute function dataclips_test_disk_full()");
        try (Streamed download = Streamed.get(app.base() + "/clips/" + slug + ".csv")) {
            assertEquals(200, download.status());
            assertEquals(Streamed.End.COMPLETE, download.readToEnd(), "the viewer's rows come from the follower");
            assertEquals(ROWS + 1, download.lines(), "every row");
            assertTrue(download.tail().endsWith("\n" + ROWS + "," + md5(ROWS) + "\r\n"), download.tail());
        }
        awaitNoResult(slug);
        assertEquals("0", metadata1("select count(*) from result_chunks k where not exists "
                + "(select from results r where r.id = k.result_id)"), "no orphan chunks");

        removeTheFault();
        Http.Response after = app.http().get("/clips/" + slug + ".csv");
        assertEquals(200, after.status());
        assertTrue(after.body().endsWith("\n" + ROWS + "," + md5(ROWS) + "\r\n"));
        assertEquals("1", stored(slug, "complete"), "stored once there is room");
        Http.Response replayed = app.http().get("/clips/" + slug + ".csv");
        assertEquals("stored", replayed.header("X-Result").orElse(""));
        assertEquals(after.body(), replayed.body(), "the stored result replays the same bytes");
    }

    private static void awaitNoResult(String slug) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"0".equals(stored(slug, null)) && System.currentTimeMillis() < deadline) {
            TestDatabase.sleep(100);
        }
        assertEquals("0", stored(slug, null), "no result row of the run, complete or half-written");
    }

    private static String stored(String slug, String state) {
        return metadata1("select count(*) from results r join clips c on c.id = r.clip_id where c.slug = '" + slug + "'"
                + (state == null ? "" : " and r.state = '" + state + "'"));
    }

    private static String md5(long n) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(Long.toString(n).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String metadata1(String query) {
        return TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE, query);
    }

    private static void metadata(String... statements) {
        TestDatabase.onPrimary(EmbeddedCluster.METADATA_DATABASE, statements);
    }
}
