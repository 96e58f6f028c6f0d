package dataclips.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Comparing two snapshots of a clip, through the real API and page: rows added and removed by full row as
 * a multiset, exact counts, NULL apart from '' and 'NULL', same-shape snapshots only, this clip's only.
 */
class SnapshotCompareTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @BeforeAll
    static void start() {
        TestDatabase.onPrimary("employees", "drop schema if exists snapshot_compare cascade",
                "create schema snapshot_compare",
                "create table snapshot_compare.people (id int primary key, name text, note text)",
                "insert into snapshot_compare.people values (1, 'Ada', null), (2, 'Bob', ''), (3, 'Cy', 'NULL'), "
                        + "(4, '<b>Dee</b>', 'x')",
                "grant usage on schema snapshot_compare to " + EmbeddedCluster.READER_ROLE,
                "grant select on snapshot_compare.people to " + EmbeddedCluster.READER_ROLE);
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees",
                "select 1 from snapshot_compare.people where id = 4");
    }

    @AfterAll
    static void stop() {
        TestDatabase.onPrimary("employees", "drop schema if exists snapshot_compare cascade");
    }

    @Test
    void insertsDeletesAndAnUpdateBetweenTwoSnapshots() {
        String slug = app.slug("People", "select id, name, note from snapshot_compare.people order by id");
        long before = snapshot(slug, "March");
        TestDatabase.onPrimary("employees", "insert into snapshot_compare.people values (5, 'Eve', 'new'), (6, 'Fay', null)",
                "delete from snapshot_compare.people where id = 3",
                "update snapshot_compare.people set note = null where id = 2");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees",
                "select 1 from snapshot_compare.people where id = 2 and note is null");
        long after = snapshot(slug, "April");

        JsonNode json = compare(slug, before, after);
        assertEquals(List.of("id", "name", "note"), texts(json.get("columns")));
        assertEquals(3, json.get("added_count").asLong());
        assertEquals(2, json.get("removed_count").asLong());
        assertEquals(List.of(row("2", "Bob", null), row("5", "Eve", "new"), row("6", "Fay", null)), rows(json.get("added")));
        assertEquals(List.of(row("2", "Bob", ""), row("3", "Cy", "NULL")), rows(json.get("removed")));
        assertEquals(before, json.get("from").get("id").asLong());
        assertEquals("March", json.get("from").get("label").asText());
        assertEquals(4, json.get("from").get("row_count").asLong());
        assertEquals(5, json.get("to").get("row_count").asLong());
        assertTrue(json.get("to").hasNonNull("captured_at"));
        assertEquals(500, json.get("shown_limit").asInt());

        // The page, for an anonymous holder of the link, read back cell by cell.
        Http.Response response = app.http().get("/clips/" + slug + "/compare?from=" + before + "&to=" + after);
        assertEquals(200, response.status(), response.body());
        Document page = Jsoup.parse(response.body());
        assertEquals(List.of(row("2", "Bob", null), row("5", "Eve", "new"), row("6", "Fay", null)), shown(page, "added"));
        assertEquals(List.of(row("2", "Bob", ""), row("3", "Cy", "NULL")), shown(page, "removed"));
        assertEquals("3 rows added", page.selectFirst(".added-count").text());
        assertEquals("2 rows removed", page.selectFirst(".removed-count").text());
        assertEquals(List.of("March", "April"), page.select("table.compare-facts td.label").eachText());
        assertEquals(List.of("4 rows", "5 rows"), page.select("table.compare-facts td.row-count").eachText());
        assertEquals(List.of("v1", "v1"), page.select(".sql-version").eachText());
        assertEquals("/clips/" + slug, page.selectFirst("a.back").attr("href"));
        assertEquals(String.valueOf(before), page.selectFirst("select[name=from] option[selected]").val());
        assertEquals(String.valueOf(after), page.selectFirst("select[name=to] option[selected]").val());
        assertEquals(2, page.select("select[name=to] option").size(), "the pickers list the clip's snapshots");
        assertTrue(page.select("table.diff.added tr.added td.mark").eachText().stream().allMatch("+"::equals));

        // Unchanged rows are in neither list, and escaping holds: the tag is text, not markup.
        Http.Response same = app.http().get("/clips/" + slug + "/compare?from=" + after + "&to=" + after);
        assertTrue(Jsoup.parse(same.body()).selectFirst(".notice.unchanged") != null, same.body());
        JsonNode backwards = compare(slug, after, before);
        assertEquals(rows(json.get("added")), rows(backwards.get("removed")), "swapping the sides swaps the lists");
    }

    @Test
    void identicalSnapshotsDifferInNothing() {
        String slug = app.slug("Twice the same", "select g, g::text || 'x' as t from generate_series(1, 2500) g");
        JsonNode json = compare(slug, snapshot(slug, null), snapshot(slug, null));
        assertEquals(0, json.get("added_count").asLong());
        assertEquals(0, json.get("removed_count").asLong());
        assertEquals(0, json.get("added").size());
        assertEquals(0, json.get("removed").size());
    }

    @Test
    void duplicatesCountAsAMultisetAndHtmlIsText() {
        String slug = app.slug("Dups", "select v from (values ('a'), ('a'), ('b'), ('b'), ('b')) t(v)");
        long before = snapshot(slug, null);
        editSql(slug, "select v from (values ('a'), ('a'), ('a'), ('b'), ('<i>c</i>'), (null)) t(v)");
        long after = snapshot(slug, null);
        JsonNode json = compare(slug, before, after);
        assertEquals(List.of(row("a"), row("<i>c</i>"), row((String) null)), rows(json.get("added")));
        assertEquals(List.of(row("b"), row("b")), rows(json.get("removed")));
        assertEquals(3, json.get("added_count").asLong());
        assertEquals(2, json.get("removed_count").asLong());
        assertEquals(2, json.get("to").get("clip_version").asInt());

        Document page = Jsoup.parse(app.signedInAdmin().get("/clips/" + slug + "/compare?from=" + before + "&to=" + after).body());
        assertEquals(List.of(row("a"), row("<i>c</i>"), row((String) null)), shown(page, "added"));
        assertNull(page.selectFirst("table.diff i"), "values are escaped text");
        assertEquals(List.of("v1", "v2"), page.select("a.sql-version").eachText(), "signed in: links to the versions");
        assertTrue(page.text().contains("SQL changed between these snapshots"));
    }

    @Test
    void manyChangesShowTheFirstAndCountTheRest() {
        String slug = app.slug("Many", "select g from generate_series(1, 600) g");
        long before = snapshot(slug, null);
        editSql(slug, "select g from generate_series(1001, 1700) g");
        long after = snapshot(slug, null);
        JsonNode json = compare(slug, before, after);
        assertEquals(700, json.get("added_count").asLong());
        assertEquals(600, json.get("removed_count").asLong());
        assertEquals(500, json.get("added").size());
        assertEquals("1001", json.get("added").get(0).get(0).asText());
        assertEquals("1500", json.get("added").get(499).get(0).asText());
        Document page = Jsoup.parse(app.http().get("/clips/" + slug + "/compare?from=" + before + "&to=" + after).body());
        assertEquals(500, page.select("table.diff.added tbody tr").size());
        assertEquals("… and 200 more added", page.selectFirst(".added-more").text());
        assertEquals("… and 100 more removed", page.selectFirst(".removed-more").text());
    }

    @Test
    void snapshotsOfAnotherShapeAreRefused() {
        String slug = app.slug("Shape", "select 1::int4 as a, 'x' as b");
        long first = snapshot(slug, null);
        editSql(slug, "select 1::int8 as a, 'x' as b");
        long otherType = snapshot(slug, null);
        editSql(slug, "select 1::int4 as a, 'x' as b, 2 as c");
        long otherColumns = snapshot(slug, null);
        for (long other : new long[] {otherType, otherColumns}) {
            Http.Response r = app.http().get(comparePath(slug, first, other), Http.bearer(app.admin()));
            assertEquals(422, r.status(), r.body());
            assertEquals("columns_differ", r.json().get("error").get("code").asText());
            String message = r.json().get("error").get("message").asText();
            assertTrue(message.startsWith("columns differ: ") && message.endsWith("compare snapshots of the same shape"), message);
        }
        Http.Response page = app.http().get("/clips/" + slug + "/compare?from=" + first + "&to=" + otherType);
        assertEquals(422, page.status());
        Document html = Jsoup.parse(page.body());
        assertTrue(html.selectFirst(".error-message").text().contains("\"a\" int4"), html.text());
        assertTrue(html.selectFirst("form.compare-pick") != null, "the pickers stay on the page");
    }

    @Test
    void anotherClipsSnapshotAndBadIdsAreRefused() {
        String mine = app.slug("Mine", "select 1 as v");
        String theirs = app.slug("Theirs", "select 1 as v");
        long own = snapshot(mine, null);
        long foreign = snapshot(theirs, null);
        Http.Response r = app.http().get(comparePath(mine, own, foreign), Http.bearer(app.admin()));
        assertEquals(404, r.status(), r.body());
        assertEquals("not_found", r.json().get("error").get("code").asText());
        assertEquals(404, app.http().get("/clips/" + mine + "/compare?from=" + foreign + "&to=" + own).status());
        assertEquals(404, app.http().get("/api/v1/clips/" + mine + "/compare?from=abc&to=" + own, Http.bearer(app.admin())).status());
        Http.Response missing = app.http().get("/api/v1/clips/" + mine + "/compare?from=" + own, Http.bearer(app.admin()));
        assertEquals(422, missing.status());
        assertEquals("missing_snapshot", missing.json().get("error").get("code").asText());
        assertEquals(401, app.http().get(comparePath(mine, own, own)).status(), "the API wants a token");
        assertEquals(200, app.http().get("/clips/" + mine + "/compare").status(), "the pickers alone, nothing compared");

        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + mine + "/sharing", Map.of("access", "private"),
                Http.bearer(app.admin())).status());
        assertEquals(404, app.http().get("/clips/" + mine + "/compare?from=" + own + "&to=" + own).status(),
                "a private clip's comparison is as unknown as the clip to an anonymous viewer");
        assertEquals(200, app.signedInAdmin().get("/clips/" + mine + "/compare?from=" + own + "&to=" + own).status());
    }

    private static long snapshot(String slug, String label) {
        Map<String, Object> body = label == null ? Map.of() : Map.of("label", label);
        Http.Response r = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", body, Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }

    private static void editSql(String slug, String sql) {
        Http.Response r = app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("sql", sql), Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
    }

    private static String comparePath(String slug, long from, long to) {
        return "/api/v1/clips/" + slug + "/compare?from=" + from + "&to=" + to;
    }

    private static JsonNode compare(String slug, long from, long to) {
        Http.Response r = app.http().get(comparePath(slug, from, to), Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(v -> texts.add(v.isNull() ? null : v.asText()));
        return texts;
    }

    private static List<List<String>> rows(JsonNode array) {
        List<List<String>> rows = new ArrayList<>();
        array.forEach(r -> rows.add(texts(r)));
        return rows;
    }

    /** The page's rows of one change ("added" or "removed"); a NULL cell (class "null") reads back as null. */
    private static List<List<String>> shown(Document page, String change) {
        return page.select("table.diff." + change + " tbody tr").stream()
                .map(tr -> tr.select("td:not(.mark)").stream().map(SnapshotCompareTest::value).toList()).toList();
    }

    private static String value(Element cell) {
        return cell.hasClass("null") ? null : cell.wholeText();
    }
}
