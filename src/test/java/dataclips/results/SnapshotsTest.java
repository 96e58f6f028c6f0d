package dataclips.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestApp;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import dataclips.embedded.PgNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snapshots and pins over HTTP on the embedded pair: a pinned clip's URLs give the same bytes after the
 * data under it changes, after its SQL is edited and after its follower is gone; its live twin follows the
 * data once its max age has passed, and not before.
 */
class SnapshotsTest {
    private static final List<String> FORMATS = List.of("csv", "json", "xml");
    /** Long enough that the steps between the twin's first run and its "still stored" check fit on a slow machine. */
    private static final int TWIN_MAX_AGE_SECONDS = 8;
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @BeforeAll
    static void start() {
        TestDatabase.onPrimary("employees", "drop table if exists snap_sales",
                "create table snap_sales (month int primary key, amount numeric, note text)",
                "insert into snap_sales values (1, 100.50, 'jan'), (2, 200, null), (3, 300, '')");
        awaitFollowerRows(TestCluster.get().follower(), 3);
    }

    @Test
    void aPinnedClipServesItsSnapshotByteForByteWhileTheDataAndTheSqlChange() throws Exception {
        String slug = app.slug("Sales by month", "select * from snap_sales order by month");
        String twin = app.slug("Sales by month, live", "select * from snap_sales order by month");
        patch(slug, Map.of("max_age_seconds", 1));
        patch(twin, Map.of("max_age_seconds", TWIN_MAX_AGE_SECONDS));
        JsonNode snapshot = takeSnapshot(slug, "before the write");
        assertEquals(3, snapshot.get("row_count").asInt());
        assertTrue(snapshot.get("url").asText().endsWith("/clips/" + slug + "/snapshots/" + snapshot.get("id").asText()));
        assertTrue(snapshot.hasNonNull("captured_at"));
        long id = snapshot.get("id").asLong();
        Http.Response pinned = app.http().send("PUT", "/api/v1/clips/" + slug + "/pin", Map.of("snapshot", id), Http.bearer(app.admin()));
        assertEquals(200, pinned.status(), pinned.body());
        assertEquals(id, pinned.json().get("clip").get("pinned_snapshot").asLong());
        Map<String, String> before = bodies("/clips/" + slug);
        Map<String, String> snapshotBodies = bodies("/clips/" + slug + "/snapshots/" + id);
        assertEquals(before, snapshotBodies, "the clip's URLs serve the snapshot's bytes");
        long twinRan = System.nanoTime();
        String twinBefore = app.http().get("/clips/" + twin + ".csv").body();

        TestDatabase.onPrimary("employees", "insert into snap_sales values (4, 400, 'apr')", "update snap_sales set amount = 1 where month = 1");
        awaitFollowerRows(TestCluster.get().follower(), 4);
        Http.Response twinSoon = app.http().get("/clips/" + twin + ".csv");
        assertEquals("stored", twinSoon.header("X-Result").orElseThrow(), "within its max age the live twin is served from the store");
        assertEquals(twinBefore, twinSoon.body(), "and does not change before its max age");
        patch(slug, Map.of("sql", "select month from snap_sales where false"));
        // past both max ages (1 s and the twin's), counted from the twin's run: however long the steps above took
        TestDatabase.sleep(Math.max(0, (TWIN_MAX_AGE_SECONDS * 1000L + 500) - (System.nanoTime() - twinRan) / 1_000_000));

        assertEquals(before, bodies("/clips/" + slug), "pinned: identical after a write on the primary and an SQL edit");
        Http.Response pinnedCsv = app.http().get("/clips/" + slug + ".csv");
        assertEquals("pinned", pinnedCsv.header("X-Result").orElseThrow());
        assertEquals(Long.toString(id), pinnedCsv.header("X-Snapshot").orElseThrow());
        String twinAfter = app.http().get("/clips/" + twin + ".csv").body();
        assertNotEquals(twinBefore, twinAfter, "the live twin follows the data after its max age");
        assertTrue(twinAfter.contains("4,400,apr") && twinAfter.contains("1,1,jan"), twinAfter);

        Http.Response unpinned = app.http().send("DELETE", "/api/v1/clips/" + slug + "/pin", null, Http.bearer(app.admin()));
        assertEquals(200, unpinned.status(), unpinned.body());
        assertTrue(unpinned.json().get("pinned_snapshot").isNull());
        Http.Response now = app.http().get("/clips/" + slug + ".csv");
        assertEquals("live", now.header("X-Result").orElseThrow());
        assertEquals("month\r\n", now.body(), "unpinned, the clip is back to \"now\" with its edited SQL");
        assertEquals(snapshotBodies, bodies("/clips/" + slug + "/snapshots/" + id), "the snapshot itself never changes");
    }

    @Test
    void aPinnedClipStillServesWhenItsFollowerIsGone() throws Exception {
        PgNode follower = TestCluster.get().addFollower("pinned-gone");
        try {
            Http.Response source = app.http().postJson("/api/v1/sources", Map.of("name", "pinned-gone",
                    "followers", List.of(TestDatabase.readerUrl(follower))), Http.bearer(app.admin()));
            assertEquals(201, source.status(), source.body());
            TestDatabase.awaitOnFollower(follower, "employees", "select 1 from snap_sales having count(*) >= 3");
            Http.Response created = app.http().postJson("/api/v1/clips", Map.of("title", "on a doomed follower",
                    "source", "pinned-gone", "sql", "select month, note from snap_sales where month <= 3 order by month"),
                    Http.bearer(app.admin()));
            String slug = created.json().get("slug").asText();
            long id = takeSnapshot(slug, "kept").get("id").asLong();
            assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + slug + "/pin", Map.of("snapshot", id),
                    Http.bearer(app.admin())).status());
            Map<String, String> before = bodies("/clips/" + slug);
            follower.stop();
            assertEquals(before, bodies("/clips/" + slug), "no follower is needed to serve a pinned clip");
            Document page = Jsoup.parse(app.http().get("/clips/" + slug + "/table").body());
            assertEquals(List.of("month", "note"), page.select("table.results thead .col-name").eachText());
            assertTrue(page.text().contains("pinned to snapshot 1 "), "the clip's first snapshot: " + page.text());
            assertEquals(204, app.http().delete("/api/v1/clips/" + slug, Http.bearer(app.admin())).status());
        } finally {
            follower.stop();
            app.http().delete("/api/v1/sources/pinned-gone", Http.bearer(app.admin()));
        }
    }

    @Test
    void theSnapshotPageShowsTheSqlVersionItRanAndOwnerActionsWork() {
        String slug = app.slug("versioned", "select 1 as one");
        long first = takeSnapshot(slug, "v1 <b>label</b>").get("id").asLong();
        patch(slug, Map.of("sql", "select 2 as two"));
        Http browser = app.signedInAdmin();
        Document page = Jsoup.parse(browser.get("/clips/" + slug + "/snapshots/" + first).body());
        assertEquals("SQL version 1", page.selectFirst(".snapshot-version").text());
        assertEquals("select 1 as one", page.selectFirst(".snapshot-sql").text());
        assertEquals(" · v1 <b>label</b>", page.selectFirst(".snapshot-label").wholeText(), "labels are text, never markup");
        assertEquals(List.of("one"), page.select("table.results thead .col-name").eachText());
        assertTrue(page.select(".snapshot-facts").text().contains("by " + TestApp.ADMIN_EMAIL));
        Document linkHolder = Jsoup.parse(app.http().get("/clips/" + slug + "/snapshots/" + first).body());
        assertEquals(List.of("one"), linkHolder.select("table.results thead .col-name").eachText(), "the results, yes");
        assertNull(linkHolder.selectFirst(".snapshot-sql"), "not the SQL");
        String facts = linkHolder.select(".snapshot-facts, .result-facts").text();
        assertFalse(facts.contains(TestApp.ADMIN_EMAIL) || facts.contains("localhost:"), "nor who took it or where: " + facts);
        Document clipPage = Jsoup.parse(browser.get("/clips/" + slug).body());
        assertEquals(1, clipPage.select(".snapshot-list tbody tr").size());
        String total = Jsoup.parse(browser.get("/admin/runs").body()).selectFirst(".storage").text();
        assertTrue(total.matches("Stored results of every clip .*: \\d+ results?, [0-9.]+ (bytes|[kMGT]B)\\."), total);
        assertTrue(clipPage.selectFirst(".storage").text().matches("Stored results of this clip .*: 1 result, \\d+ bytes\\."),
                clipPage.selectFirst(".storage").text());

        Http.Response taken = browser.postForm("/clips/" + slug + "/snapshots", Map.of("label", "from the page",
                "_csrf", browser.get("/clips/" + slug).csrf()));
        assertEquals(302, taken.status(), taken.body());
        String location = taken.header("Location").orElseThrow();
        assertTrue(location.matches("/clips/" + slug + "/snapshots/\\d+\\?notice=taken"), location);
        JsonNode list = app.http().get("/api/v1/clips/" + slug + "/snapshots", Http.bearer(app.admin())).json();
        assertEquals(2, list.size());
        assertEquals("from the page", list.get(0).get("label").asText());
        assertEquals(2, list.get(0).get("clip_version").asInt());

        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + slug + "/pin", Map.of("snapshot", first), Http.bearer(app.admin())).status());
        Http.Response refused = app.http().delete("/api/v1/clips/" + slug + "/snapshots/" + first, Http.bearer(app.admin()));
        assertEquals(409, refused.status());
        assertTrue(refused.body().contains("unpin it"), refused.body());
        app.http().send("DELETE", "/api/v1/clips/" + slug + "/pin", null, Http.bearer(app.admin()));
        assertEquals(204, app.http().delete("/api/v1/clips/" + slug + "/snapshots/" + first, Http.bearer(app.admin())).status());
        assertEquals(404, app.http().get("/clips/" + slug + "/snapshots/" + first + ".csv").status());
    }

    @Test
    void badSnapshotRequestsGetClearAnswers() {
        String slug = app.slug("mine", "select 1 as one");
        String other = app.slug("other", "select 2 as two");
        long foreign = takeSnapshot(other, null).get("id").asLong();
        Http.Response wrongClip = app.http().send("PUT", "/api/v1/clips/" + slug + "/pin", Map.of("snapshot", foreign), Http.bearer(app.admin()));
        assertEquals(422, wrongClip.status());
        assertTrue(wrongClip.body().contains("not one of this clip's snapshots"), wrongClip.body());
        assertEquals(422, app.http().send("PUT", "/api/v1/clips/" + slug + "/pin", "{}", Http.bearer(app.admin())).status());
        assertEquals(404, app.http().get("/clips/" + slug + "/snapshots/" + foreign + ".csv").status(), "another clip's snapshot");
        assertEquals(404, app.http().get("/clips/" + slug + "/snapshots/abc.csv").status());
        assertEquals(404, app.http().get("/clips/" + other + "/snapshots/" + foreign + ".pdf").status());
        Http.Response badSql = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(app.admin()));
        assertEquals(201, badSql.status(), "an empty body takes an unlabelled snapshot");
        TestDatabase.forceClipSql(slug, "select nonsense from nowhere");
        Http.Response failed = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of("label", "x"), Http.bearer(app.admin()));
        assertEquals(422, failed.status());
        assertTrue(failed.body().contains("no snapshot was taken"), failed.body());
        assertEquals(1, app.http().get("/api/v1/clips/" + slug + "/snapshots", Http.bearer(app.admin())).json().size());
        assertEquals(401, app.http().postJson("/api/v1/clips/" + other + "/snapshots", Map.of()).status());
    }

    @Test
    void rotatingTheLinkKillsSnapshotUrlsAndDeletingTheClipDeletesItsResults() {
        String slug = app.slug("rotated", "select 1 as one");
        long id = takeSnapshot(slug, null).get("id").asLong();
        assertEquals(200, app.http().get("/clips/" + slug + "/snapshots/" + id + ".csv").status(), "anyone with the link");
        String fresh = app.http().postJson("/api/v1/clips/" + slug + "/rotate", Map.of(), Http.bearer(app.admin())).json()
                .get("slug").asText();
        assertEquals(404, app.http().get("/clips/" + slug + "/snapshots/" + id + ".csv").status());
        assertEquals("one\r\n1\r\n", app.http().get("/clips/" + fresh + "/snapshots/" + id + ".csv").body());
        assertEquals("stored", app.http().get("/clips/" + fresh + ".csv").header("X-Result").orElseThrow(),
                "a snapshot just taken is a fresh result of the clip's current version");
        app.http().send("PATCH", "/api/v1/clips/" + fresh, Map.of("max_age_seconds", 0), Http.bearer(app.admin()));
        assertEquals("live", app.http().get("/clips/" + fresh + ".csv").header("X-Result").orElseThrow());
        assertEquals(2, StoredChunks.results(fresh));
        assertEquals(204, app.http().delete("/api/v1/clips/" + fresh, Http.bearer(app.admin())).status());
        assertEquals(0, countResults("where r.id = " + id));
    }

    private static JsonNode takeSnapshot(String slug, String label) {
        Map<String, Object> body = new HashMap<>();
        if (label != null) {
            body.put("label", label);
        }
        Http.Response r = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", body, Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static void patch(String slug, Map<String, Object> changes) {
        Http.Response r = app.http().send("PATCH", "/api/v1/clips/" + slug, changes, Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
    }

    private static Map<String, String> bodies(String path) {
        Map<String, String> bodies = new HashMap<>();
        for (String format : FORMATS) {
            Http.Response r = app.http().get(path + "." + format);
            assertEquals(200, r.status(), path + "." + format + ": " + r.body());
            bodies.put(format, r.body());
        }
        return bodies;
    }

    private static void awaitFollowerRows(PgNode follower, int rows) {
        TestDatabase.awaitOnFollower(follower, "employees", "select 1 from snap_sales having count(*) = " + rows);
    }

    static int countResults(String where) {
        return Integer.parseInt(TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE,
                "select count(*) from results r " + where));
    }
}
