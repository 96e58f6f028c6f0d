package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The editor's calls: the schema as the clip role sees it, and draft runs through the clip safety path. */
class WorkbenchApiTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();
    private static final String READER = EmbeddedCluster.READER_ROLE;

    @BeforeAll
    static void tables() {
        TestDatabase.onPrimary("employees",
                "drop table if exists wb_secret, wb_partly cascade", "drop materialized view if exists wb_totals",
                "drop view if exists wb_view", "drop schema if exists wb_hidden cascade",
                "create table wb_secret (token text)", "revoke select on wb_secret from " + READER,
                "create table wb_partly (shown int not null, hidden text)", "revoke select on wb_partly from " + READER,
                "grant select (shown) on wb_partly to " + READER,
                "create view wb_view as select emp_no from employees", "grant select on wb_view to " + READER,
                "create materialized view wb_totals as select count(*) as n from employees",
                "grant select on wb_totals to " + READER,
                "create schema wb_hidden", "create table wb_hidden.t (x int)", "grant select on wb_hidden.t to " + READER,
                "analyze employees");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees",
                "select 1 from pg_class where relname = 'wb_totals'");
    }

    @Test
    void theSchemaListsWhatTheClipRoleMaySelectWithKindsColumnsAndEstimates() {
        Http.Response r = app.http().get("/api/v1/sources/employees/schema", Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
        Map<String, JsonNode> tables = new java.util.HashMap<>();
        r.json().forEach(t -> tables.put(t.get("schema").asText() + "." + t.get("table").asText(), t));
        JsonNode employees = tables.get("public.employees");
        assertEquals("table", employees.get("kind").asText());
        JsonNode first = employees.get("columns").get(0);
        assertEquals("emp_no", first.get("name").asText());
        assertEquals("integer", first.get("type").asText());
        assertFalse(first.get("nullable").asBoolean(), "emp_no is the primary key");
        assertTrue(employees.get("estimated_rows").asLong() > 1000, employees.toString());
        assertEquals("view", tables.get("public.wb_view").get("kind").asText());
        assertEquals("matview", tables.get("public.wb_totals").get("kind").asText());
        assertFalse(tables.containsKey("public.wb_secret"), "a table the role may not select is left out");
        assertFalse(tables.containsKey("wb_hidden.t"), "a schema the role has no USAGE on is left out");
        JsonNode partly = tables.get("public.wb_partly");
        assertEquals(1, partly.get("columns").size(), "only the column granted: " + partly);
        assertEquals("shown", partly.get("columns").get(0).get("name").asText());
        assertTrue(tables.keySet().stream().noneMatch(name -> name.startsWith("pg_catalog.")
                || name.startsWith("information_schema.")), tables.keySet().toString());
    }

    @Test
    void theSchemaNeedsASignedInUserAndAnExistingSource() {
        assertEquals(401, app.http().get("/api/v1/sources/employees/schema").status());
        Http.Response missing = app.http().get("/api/v1/sources/nosuch/schema", Http.bearer(app.admin()));
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("no source named \\\"nosuch\\\""), missing.body());
    }

    @Test
    void aPreviewAnswersTheFirstRowsInTheJsonExportsShapeAndSavesNothing() {
        int clipsBefore = app.http().get("/api/v1/clips", Http.bearer(app.admin())).json().size();
        String sql = "select emp_no, first_name, hire_date from employees order by emp_no";
        Http.Response r = preview(Map.of("sql", sql));
        assertEquals(200, r.status(), r.body());
        JsonNode json = r.json();
        assertEquals(List.of("emp_no", "first_name", "hire_date"), texts(json.get("fields")));
        assertEquals(100, json.get("values").size(), "the default limit");
        assertEquals(10001, json.get("values").get(0).get(0).asInt());
        assertEquals(TestDatabase.scalar(TestCluster.get().follower(), "employees",
                "select hire_date::text from employees where emp_no = 10001"), json.get("values").get(0).get(2).asText());
        assertTrue(json.get("truncated").asBoolean());
        assertEquals(5, preview(Map.of("sql", sql, "limit", 5)).json().get("values").size());
        assertEquals(clipsBefore, app.http().get("/api/v1/clips", Http.bearer(app.admin())).json().size());
        JsonNode run = app.http().get("/api/v1/runs", Http.bearer(app.admin())).json().get(0);
        assertEquals("preview", run.get("via").asText());
        assertEquals(sql, run.get("sql").asText());
        assertEquals("ok", run.get("status").asText());
        assertEquals(5, run.get("row_count").asInt());
    }

    @Test
    void aPreviewRefusesWhatAClipRefusesAndSaysWhereTheSqlIsWrong() {
        String tag = " -- refused preview " + System.nanoTime(); // this test's SQL, apart from every other run's
        assertError(preview(Map.of("sql", "delete from employees" + tag)), 422, "not_a_query");
        assertError(preview(Map.of("sql", "select 1; select 2" + tag)), 422, "multiple_statements");
        assertError(preview(Map.of("sql", "select 1" + tag, "limit", 10_001)), 422, "bad_limit");
        assertError(preview(Map.of("sql", "select 1" + tag, "limit", 0)), 422, "bad_limit");
        assertError(preview(Map.of("sql", "  ")), 422, "empty_sql");
        assertError(preview(Map.of("sql", "select {{region}}" + tag)), 422, "preview_parameters");
        Http.Response wrong = preview(Map.of("sql", "select nosuchcolumn from employees" + tag));
        assertError(wrong, 422, "sql_error");
        assertEquals(8, wrong.json().at("/error/position").asInt(), wrong.body());
        assertTrue(wrong.json().at("/error/message").asText().contains("column \"nosuchcolumn\" does not exist"));
        assertEquals(401, app.http().postJson("/api/v1/sources/employees/preview", Map.of("sql", "select 1")).status());
        assertError(app.http().postJson("/api/v1/sources/nosuch/preview", Map.of("sql", "select 1"),
                Http.bearer(app.admin())), 404, "not_found");
        // Refused statements and SQL errors are audited as preview runs; what is refused before a run starts is not.
        List<String> logged = new ArrayList<>();
        for (JsonNode run : app.http().get("/api/v1/runs", Http.bearer(app.admin())).json()) {
            if (run.get("sql").asText().endsWith(tag)) {
                logged.add(run.get("via").asText() + " " + run.get("status").asText() + ": " + run.get("sql").asText());
            }
        }
        assertEquals(List.of("preview error: select nosuchcolumn from employees" + tag,
                "preview error: select 1; select 2" + tag, "preview error: delete from employees" + tag), logged);
    }

    @Test
    void thePagesPreviewIsTheResultsFragmentWithTheErrorPositionForTheEditor() {
        Http browser = app.signedInAdmin();
        String csrf = browser.get("/clips/new").csrf();
        Http.Response ok = browser.postForm("/sources/employees/preview",
                Map.of("sql", "select emp_no from employees order by emp_no", "limit", "3", "_csrf", csrf));
        assertEquals(200, ok.status(), ok.body());
        Document table = Jsoup.parseBodyFragment(ok.body());
        assertEquals("ok", table.selectFirst("[data-state]").attr("data-state"));
        assertEquals(List.of("10001", "10002", "10003"), table.select("tbody tr td:first-child").eachText());
        Http.Response bad = browser.postForm("/sources/employees/preview",
                Map.of("sql", "select 1,\n  nosuch", "_csrf", csrf));
        Document error = Jsoup.parseBodyFragment(bad.body());
        assertEquals("error", error.selectFirst("[data-state]").attr("data-state"));
        assertEquals("13", error.selectFirst(".sql-error").attr("data-error-position"), bad.body());
        assertEquals(403, browser.postForm("/sources/employees/preview", Map.of("sql", "select 1")).status(),
                "no CSRF token");
    }

    /** A long run tells the page how many rows it has so far, ahead of the table, while it goes on. */
    @Test
    void aLongRunSendsItsRowsSoFarAheadOfTheTable() {
        String slug = app.slug("Long", "select g, pg_sleep(case when g % 100000 = 0 then 0.1 else 0 end) "
                + "from generate_series(1, 1000000) g");
        String body = app.http().get("/clips/" + slug + "/table").body();
        java.util.regex.Matcher marks = java.util.regex.Pattern.compile("<!--dataclips-progress rows=(\\d+)-->\n").matcher(body);
        List<Long> counts = new ArrayList<>();
        int end = 0;
        while (marks.find()) {
            assertEquals(end, marks.start(), "marks come first, one after another");
            counts.add(Long.parseLong(marks.group(1)));
            end = marks.end();
        }
        assertTrue(counts.size() >= 3, "a run of over a second marks at least every quarter second: " + counts);
        assertEquals(counts.stream().sorted().toList(), counts, "the counts only grow");
        assertTrue(counts.get(counts.size() - 1) > 1000, "rows past the page's 1,000 are counted: " + counts);
        Document table = Jsoup.parseBodyFragment(body.substring(end));
        assertEquals("ok", table.selectFirst("[data-state]").attr("data-state"));
        assertEquals("First 1,000 of 1,000,000 rows shown", table.selectFirst(".row-count").text());
    }

    /** Closing the request is a cancel: the follower has no such query left within 2 s. */
    @Test
    void closingAPreviewStopsItsQueryOnTheFollower() throws Exception {
        String body = "{\"sql\": \"select pg_sleep(60) as slept\"}";
        URI base = URI.create(app.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/sources/employees/preview HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + app.admin() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertTrue(awaitSleeps(1, 5000), "the preview's query started on the follower");
        }
        long closed = System.nanoTime();
        assertTrue(awaitSleeps(0, 2000), "the follower still runs the preview 2 s after the request closed");
        System.out.printf("PREVIEW cancel: the follower's query ended %d ms after the request closed%n",
                (System.nanoTime() - closed) / 1_000_000);
        JsonNode run = app.http().get("/api/v1/runs", Http.bearer(app.admin())).json().get(0);
        assertEquals("cancelled", run.get("status").asText(), run.toString());
    }

    private static boolean awaitSleeps(int wanted, long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        do {
            if (PreviewQueries.sleeps() == wanted) {
                return true;
            }
            TestDatabase.sleep(50);
        } while (System.nanoTime() < until);
        return false;
    }

    private static Http.Response preview(Map<String, Object> body) {
        return app.http().postJson("/api/v1/sources/employees/preview", body, Http.bearer(app.admin()));
    }

    private static void assertError(Http.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().at("/error/code").asText(), r.body());
        assertTrue(r.json().at("/error/message").asText().length() > 20, r.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
