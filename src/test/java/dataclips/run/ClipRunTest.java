package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestApp;
import dataclips.TestClips;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Running clips as their page does: typed cells, the row cap, SQL errors marked, cancel on disconnect, the audit log. */
class ClipRunTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void cellsKeepNullApartFromEmptyAndNumbersRightAligned() {
        String slug = app.slug("cells", "select 1::int8 as n, null::text as nothing, '' as empty, "
                + "12345678901234567890.123456789::numeric as big, 'é😀\nline' as text, repeat('x', 500) as long");
        TestClips.Table run = TestClips.run(app.http(), slug);
        assertEquals("ok", run.state());
        assertEquals(List.of("n", "nothing", "empty", "big", "text", "long"), run.headers());
        List<Element> cells = run.html().select("table.results tbody td");
        assertEquals("1", cells.get(0).text());
        assertTrue(cells.get(0).hasClass("num"));
        assertTrue(cells.get(1).hasClass("null") && cells.get(1).text().equals("NULL"));
        assertTrue(cells.get(2).hasClass("empty") && !cells.get(2).hasClass("null") && cells.get(2).wholeText().isEmpty());
        assertEquals("12345678901234567890.123456789", cells.get(3).text());
        assertEquals("é😀\nline", cells.get(4).wholeText());
        Element details = cells.get(5).selectFirst("details");
        assertNotNull(details, "a long value is cut with the rest on demand");
        assertEquals("x".repeat(500), details.selectFirst("summary").text().replace("…", "") + details.selectFirst("span").text());
        assertTrue(run.text().contains("1 row ·") && run.text().contains("data as of") && run.text().contains("behind by"), run.text());
    }

    @Test
    void aHugeResultRendersItsFirstThousandRowsAndSaysTheDownloadHoldsThemAll() {
        String slug = app.slug("twenty million", "select generate_series(1, 20000000) as g");
        TestClips.Table run = TestClips.run(app.http(), slug);
        assertEquals(1000, run.rows().size());
        assertEquals("1000", run.rows().get(999).get(0));
        assertTrue(run.text().contains("First 1,000 rows shown"), run.text());
        assertTrue(run.text().contains("the downloads hold them all"));
    }

    @Test
    void aSqlErrorIsA200WithTheDatabaseMessageAndThePositionMarked() {
        String slug = app.slug("typo", "select 'äöü😀' as u,\n  nosuchcolumn\nfrom employees");
        TestClips.Table run = TestClips.run(app.signedInAdmin(), slug); // the team sees the SQL; link holders do not
        assertEquals(200, run.status());
        assertEquals("error", run.state());
        assertEquals("column \"nosuchcolumn\" does not exist", run.html().selectFirst(".db-message").text());
        assertEquals("n", run.html().selectFirst("mark.error-at").text());
        assertTrue(run.text().contains("At line 2, column 3"), run.text());
        assertEquals("select 'äöü😀' as u,\n  ", run.html().selectFirst("pre.sql span").wholeText());
    }

    @Test
    void aViewerWhoGoesAwayCancelsTheQueryOnTheFollower() throws Exception {
        String slug = app.slug("slow", "select pg_sleep(60) as slept");
        String activeSleep = "select count(*) from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and query like '%" + TestClips.runTag(slug) + "%'";
        try (Socket socket = new Socket("localhost", Integer.parseInt(app.base().replaceAll(".*:", "")))) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /clips/" + slug + "/table HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitFollower(activeSleep, "1");
        }
        awaitFollower(activeSleep, "0");
        JsonNode run = awaitRun(slug, "cancelled");
        assertEquals("the viewer went away", run.get("error").asText());
        assertTrue(run.get("duration_ms").asLong() < 30_000);
        String quick = app.slug("after cancel", "select 42 as answer");
        assertEquals(List.of(List.of("42")), TestClips.run(app.http(), quick).rows(), "the pool still serves");
    }

    @Test
    void everyRunIsInTheAuditLogForAdminsAndTheOwner() {
        String member = app.memberToken("audited@test.local");
        String other = app.memberToken("nosy@test.local");
        String slug = app.slug(member, "audited", "select emp_no from employees order by 1 limit 4");
        // max age 0: each view runs the clip (otherwise the second view is served the first one's stored result)
        app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0), Http.bearer(member));
        TestClips.run(app.http(), slug);
        Http signedIn = app.signedInAdmin();
        TestClips.run(signedIn, slug);
        JsonNode runs = app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(member)).json();
        assertEquals(2, runs.size(), runs.toString());
        JsonNode byAdmin = runs.get(0);
        assertEquals(TestApp.ADMIN_EMAIL, byAdmin.get("viewer").asText());
        assertEquals("link", runs.get(1).get("viewer").asText());
        for (JsonNode r : runs) {
            assertEquals("ok", r.get("status").asText());
            assertEquals("page", r.get("via").asText());
            assertEquals(4, r.get("row_count").asInt());
            assertEquals(1, r.get("version").asInt());
            assertTrue(r.get("byte_count").asLong() > 0);
            assertTrue(r.get("follower").asText().endsWith("/employees"));
            assertTrue(r.get("duration_ms").asLong() >= 0);
        }
        assertEquals(403, app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(other)).status());
        JsonNode own = app.http().get("/api/v1/runs", Http.bearer(member)).json();
        assertTrue(own.size() >= 2 && StreamSupport.stream(own.spliterator(), false)
                .allMatch(r -> r.get("clip_title").asText().equals("audited")), "a member's log: their clip's runs only");
        assertEquals(0, app.http().get("/api/v1/runs", Http.bearer(other)).json().size(), "nothing they may edit ran");
        JsonNode all = app.http().get("/api/v1/runs", Http.bearer(app.admin())).json();
        assertTrue(StreamSupport.stream(all.spliterator(), false).anyMatch(r -> r.get("id").equals(byAdmin.get("id"))));
        assertTrue(signedIn.get("/admin/runs").body().contains("audited"));
        TestDatabase.forceClipSql(slug, "select 1/0");
        TestClips.run(app.http(), slug);
        JsonNode failed = app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(member)).json().get(0);
        assertEquals("error", failed.get("status").asText());
        assertEquals("division by zero", failed.get("error").asText());
    }

    private static void awaitFollower(String query, String expected) {
        long deadline = System.currentTimeMillis() + 15_000;
        String seen = null;
        while (System.currentTimeMillis() < deadline) {
            seen = TestDatabase.scalar(TestCluster.get().follower(), "employees", query);
            if (expected.equals(seen)) {
                return;
            }
            TestDatabase.sleep(100);
        }
        throw new AssertionError(query + ": expected " + expected + ", saw " + seen);
    }

    private static JsonNode awaitRun(String slug, String status) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode runs = app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(app.admin())).json();
            if (runs.size() > 0 && runs.get(0).get("status").asText().equals(status)) {
                return runs.get(0);
            }
            TestDatabase.sleep(100);
        }
        throw new AssertionError("no " + status + " run of " + slug);
    }
}
