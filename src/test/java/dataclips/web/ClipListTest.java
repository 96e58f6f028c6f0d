package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestClips;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The clip list, GET /api/v1/clips and the home page: search by title, current SQL and owner (wildcards literal),
 * the three orders, paging with X-Total-Count, refusals, and the page's rows. The metadata database is shared with
 * other classes, so every test searches for words of its own.
 */
class ClipListTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();
    private static final String OWNER = "list-owner@test.local";
    private static final String PASSWORD = "member-password-1"; // the password TestApp.memberToken gives
    private static String member;

    @BeforeAll
    static void start() {
        member = app.memberToken(OWNER);
    }

    @Test
    void searchFindsTheTitleTheCurrentSqlAndTheOwnerInAnyCase() {
        String tag = tag();
        String byTitle = app.slug("Revenue " + tag, "select 1");
        String bySql = app.slug("Plain title", "select '" + tag + "-needle' as x");
        String byOwner = app.slug(member, "Member's clip", "select 2");
        assertEquals(List.of(bySql, byTitle), slugs(list("q=" + tag.toUpperCase(), member)));
        assertEquals(List.of(bySql), slugs(list("q=" + tag + "-NEEDLE", member)));
        assertTrue(slugs(list("q=LIST-OWNER@", member)).contains(byOwner), "the owner's email matches");
        assertFalse(slugs(list("q=list-owner@", member)).contains(byTitle), "the admin's clips do not");

        patch(bySql, Map.of("sql", "select 'something else' as x"));
        assertEquals(List.of(byTitle), slugs(list("q=" + tag, member)), "only the current version's SQL is searched");
    }

    @Test
    void likeWildcardsInASearchAreTakenLiterally() {
        String tag = tag();
        String percent = app.slug(tag + " 50% off", "select 1");
        app.slug(tag + " 500 off", "select 1");
        String underscore = app.slug(tag + " a_b", "select 1");
        app.slug(tag + " axb", "select 1");
        String backslash = app.slug(tag + " c\\d", "select 1");
        app.slug(tag + " cd", "select 1");
        assertEquals(List.of(percent), slugs(list("q=" + enc(tag + " 50%"), member)));
        assertEquals(List.of(underscore), slugs(list("q=" + enc(tag + " a_b"), member)));
        assertEquals(List.of(backslash), slugs(list("q=" + enc(tag + " c\\d"), member)));
        assertEquals(List.of(), slugs(list("q=" + enc(tag + " %"), member)), "a lone % matches no title of the tag");
    }

    @Test
    void eachSortIsNewestFirstAndLastRunPutsNeverRunClipsLast() {
        String tag = tag();
        String first = app.slug(tag + " first", "select 1");
        String second = app.slug(tag + " second", "select 2");
        String third = app.slug(tag + " third", "select 3");
        patch(first, Map.of("title", tag + " first (renamed)"));
        TestClips.run(app.http(), second);
        TestClips.run(app.http(), first);

        assertEquals(List.of(first, third, second), slugs(list("q=" + tag, member)), "updated is the default");
        assertEquals(List.of(first, third, second), slugs(list("q=" + tag + "&sort=updated", member)));
        assertEquals(List.of(third, second, first), slugs(list("q=" + tag + "&sort=created", member)));
        JsonNode byRun = list("q=" + tag + "&sort=last_run", member).json();
        assertEquals(List.of(first, second, third), byRun.findValuesAsText("slug"));
        Instant firstRun = Instant.parse(byRun.get(0).get("last_run_at").asText());
        Instant secondRun = Instant.parse(byRun.get(1).get("last_run_at").asText());
        assertTrue(firstRun.isAfter(secondRun), firstRun + " after " + secondRun);
        assertTrue(byRun.get(2).has("last_run_at") && byRun.get(2).get("last_run_at").isNull(), "never run: null");
        assertEquals(latestRun(first), firstRun, "the start of the clip's latest run in the audit log");
    }

    @Test
    void listItemsKeepEveryFieldOfAClipAndAddLastRunAt() {
        String tag = tag();
        String slug = app.slug(member, tag + " shape", "select 1");
        JsonNode item = list("q=" + tag, member).json().get(0);
        JsonNode one = app.http().get("/api/v1/clips/" + slug, Http.bearer(member)).json();
        List<String> expected = new ArrayList<>();
        one.fieldNames().forEachRemaining(expected::add);
        expected.add("last_run_at");
        expected.add("example");
        List<String> listed = new ArrayList<>();
        item.fieldNames().forEachRemaining(listed::add);
        assertEquals(expected, listed);
        one.fields().forEachRemaining(f -> assertEquals(f.getValue(), item.get(f.getKey()), f.getKey()));
    }

    @Test
    void pagesSplitTheMatchesWithoutOverlapAndTheHeaderCountsThemAll() {
        String tag = tag();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(0, app.slug(tag + " page " + i, "select " + i));
        }
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Http.Response r = list("q=" + tag + "&per_page=2&page=" + page, member);
            assertEquals("5", r.header("X-Total-Count").orElseThrow());
            assertEquals(page < 3 ? 2 : 1, r.json().size(), "page " + page);
            seen.addAll(slugs(r));
        }
        assertEquals(made, seen, "newest first, each clip once");
        Http.Response past = list("q=" + tag + "&per_page=2&page=4", member);
        assertEquals(200, past.status());
        assertEquals(0, past.json().size());
        assertEquals("5", past.header("X-Total-Count").orElseThrow(), "counted past the end too");
        assertEquals(5, list("q=" + tag + "&per_page=200", member).json().size());
        assertEquals("0", list("q=" + tag + "-nothing", member).header("X-Total-Count").orElseThrow());
    }

    @Test
    void aBadSortPageOrPageSizeIs422SayingWhatIsAllowed() {
        assertRefused("sort=name", "bad_sort", "sort must be one of updated, created, last_run, not \"name\"");
        assertRefused("page=0", "bad_page", "page must be a whole number from 1, not \"0\"");
        assertRefused("page=two", "bad_page", "not \"two\"");
        assertRefused("page=99999999999", "bad_page", "page must be a whole number from 1");
        assertRefused("per_page=0", "bad_per_page", "per_page must be a whole number from 1 to 200, not \"0\"");
        assertRefused("per_page=201", "bad_per_page", "not \"201\"");
        assertRefused("per_page=1.5", "bad_per_page", "not \"1.5\"");

        Http.Response page = app.signedIn(OWNER, PASSWORD).get("/?q=x&sort=name");
        assertEquals(422, page.status());
        Document html = Jsoup.parse(page.body());
        assertTrue(html.select(".error-message").text().contains("sort must be one of updated, created, last_run"),
                html.select("main").text());
        assertEquals("x", html.select("form.search input[name=q]").val(), "the form is there to fix it");
        assertTrue(html.select("table.clip-list").isEmpty());
    }

    @Test
    void theHomePageShowsEachRowsDatabaseOwnerLastRunSharingAndUpdated() {
        String tag = tag();
        String plain = app.slug(member, tag + " plain", "select 1");
        String ran = app.slug(member, tag + " ran", "select 2");
        String hidden = app.slug(member, tag + " private", "select 3");
        String pinned = app.slug(member, tag + " pinned", "select 4");
        String expired = app.slug(member, tag + " expired", "select 5");
        TestClips.run(app.http(), ran);
        share(hidden, Map.of("access", "private"));
        long snapshot = app.http().postJson("/api/v1/clips/" + pinned + "/snapshots", Map.of(), Http.bearer(member))
                .json().get("id").asLong();
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + pinned + "/pin", Map.of("snapshot", snapshot),
                Http.bearer(member)).status());
        TestDatabase.onPrimary(EmbeddedCluster.METADATA_DATABASE, "update clips set link_expires_at = now() - "
                + "interval '1 hour' where slug = '" + expired + "'", "update runs set started_at = now() - interval "
                + "'3 hours' where clip_id = (select id from clips where slug = '" + pinned + "')");

        Document html = home(app.signedIn(OWNER, PASSWORD), "/?q=" + tag);
        assertEquals(List.of("Title", "Database", "Owner", "Last run", "Sharing", "Updated"),
                html.select("table.clip-list thead th").eachText());
        Element row = row(html, plain);
        assertEquals(tag + " plain", row.select("td.title a").text());
        assertEquals("employees", row.select("td.source").text());
        assertEquals(OWNER, row.select("td.owner").text());
        assertEquals("never", row.select("td.last-run").text());
        assertEquals("link", row.select("td.sharing").text());
        assertEquals("just now", row.select("td.updated").text());
        assertTrue(row.select("td.updated time").attr("title").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"));

        Element ranRow = row(html, ran);
        assertEquals("just now", ranRow.select("td.last-run").text());
        assertEquals(ClipViews.shown(java.time.OffsetDateTime.parse(latestRun(ran).toString())),
                ranRow.select("td.last-run time").attr("title"), "the full time of the latest run");
        assertEquals("private", row(html, hidden).select("td.sharing").text());
        assertEquals("link pinned", row(html, pinned).select("td.sharing").text());
        assertEquals("3 h ago", row(html, pinned).select("td.last-run").text(), "the snapshot was its run");
        assertEquals("link expired", row(html, expired).select("td.sharing").text());
    }

    @Test
    void onlyMineAndTheEmptyStatesSayWhatToDo() {
        String tag = tag();
        String theirs = app.slug(tag + " admin's", "select 1");
        String mine = app.slug(member, tag + " mine", "select 1");
        Http browser = app.signedIn(OWNER, PASSWORD);
        assertEquals(List.of(mine, theirs), rowSlugs(home(browser, "/?q=" + tag)));
        Document onlyMine = home(browser, "/?q=" + tag + "&mine=1");
        assertEquals(List.of(mine), rowSlugs(onlyMine));
        assertTrue(onlyMine.selectFirst("form.search input[name=mine]").hasAttr("checked"));
        assertEquals(List.of(mine), slugs(list("q=" + tag + "&mine=1", member)), "the API's mine=1 too");

        Document none = home(browser, "/?q=" + tag + "-nothing");
        assertEquals("No clip matches \"" + tag + "-nothing\".", none.select("p.empty").text());
        assertTrue(none.select("table.clip-list").isEmpty());
        String newcomer = "list-newcomer-" + tag + "@test.local";
        app.memberToken(newcomer);
        Document empty = home(app.signedIn(newcomer, PASSWORD), "/?mine=1");
        assertEquals("You have no clips yet. Start with New clip.", empty.select("p.empty").text());
        assertEquals("None of your clips matches \"" + tag + "\".",
                home(app.signedIn(newcomer, PASSWORD), "/?mine=1&q=" + tag).select("p.empty").text());
    }

    @Test
    void theHomePageShowsFiftyAtATimeWithNewerAndOlderLinks() {
        String tag = tag();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            made.add(0, app.slug(tag + " many " + i, "select " + i));
        }
        Http browser = app.signedIn(OWNER, PASSWORD);
        Document first = home(browser, "/?q=" + tag + "&sort=created");
        assertEquals(made.subList(0, 50), rowSlugs(first));
        assertEquals("Showing 1–50 of 52", first.select("nav.pager span").text());
        assertTrue(first.select("nav.pager a[rel=prev]").isEmpty(), "no newer page");
        String older = first.select("nav.pager a[rel=next]").attr("href");
        assertEquals("/?q=" + tag + "&sort=created&page=2", older);

        Document second = home(browser, older);
        assertEquals(made.subList(50, 52), rowSlugs(second));
        assertEquals("Showing 51–52 of 52", second.select("nav.pager span").text());
        assertTrue(second.select("nav.pager a[rel=next]").isEmpty(), "no older page");
        assertEquals("/?q=" + tag + "&sort=created", second.select("nav.pager a[rel=prev]").attr("href"));
        assertEquals("created", second.select("select[name=sort] option[selected]").val(), "the form keeps the sort");

        Document past = home(browser, "/?q=" + tag + "&page=9");
        assertEquals("Page 9 is past the end: 52 clips fill 2 pages.", past.select("p.empty").text());
        assertEquals("/?q=" + tag + "&page=2", past.select("nav.pager a[rel=prev]").attr("href"));
    }

    private static void assertRefused(String query, String code, String message) {
        Http.Response r = list(query, member);
        assertEquals(422, r.status(), query + ": " + r.body());
        assertEquals(code, r.json().get("error").get("code").asText(), query);
        String said = r.json().get("error").get("message").asText();
        assertTrue(said.contains(message), query + ": " + said);
    }

    private static Http.Response list(String query, String token) {
        return app.http().get("/api/v1/clips?" + query, Http.bearer(token));
    }

    private static List<String> slugs(Http.Response r) {
        assertEquals(200, r.status(), r.body());
        return r.json().findValuesAsText("slug");
    }

    private static Document home(Http browser, String path) {
        Http.Response r = browser.get(path);
        assertEquals(200, r.status(), path + ": " + r.body());
        return Jsoup.parse(r.body());
    }

    private static List<String> rowSlugs(Document html) {
        return html.select("table.clip-list td.title a").eachAttr("href").stream().map(h -> h.substring("/clips/".length()))
                .toList();
    }

    private static Element row(Document html, String slug) {
        Element link = html.selectFirst("table.clip-list td.title a[href=/clips/" + slug + "]");
        assertNotNull(link, "no row for " + slug + " in " + html.select("table.clip-list").text());
        return link.closest("tr");
    }

    private static void patch(String slug, Map<String, Object> changes) {
        Http.Response r = app.http().send("PATCH", "/api/v1/clips/" + slug, changes, Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
    }

    private static void share(String slug, Map<String, Object> sharing) {
        Http.Response r = app.http().send("PUT", "/api/v1/clips/" + slug + "/sharing", sharing, Http.bearer(member));
        assertEquals(200, r.status(), r.body());
    }

    /** The start of the clip's latest run, as the audit log has it. */
    private static Instant latestRun(String slug) {
        String at = TestDatabase.scalar(TestDatabase.cluster().primary(), EmbeddedCluster.METADATA_DATABASE,
                "select to_char(max(r.started_at) at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from runs r "
                        + "join clips c on c.id = r.clip_id where c.slug = '" + slug + "'");
        if (at == null) {
            throw new AssertionError("no run of " + slug);
        }
        return Instant.parse(at);
    }

    /** A word no other clip in the shared database holds. */
    private static String tag() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
