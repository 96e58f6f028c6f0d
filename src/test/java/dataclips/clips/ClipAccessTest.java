package dataclips.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestClips;
import dataclips.TestCluster;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may open a clip's URLs: link, private, rotated, unknown and malformed slugs, and what the page escapes. */
class ClipAccessTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void aLinkClipOpensForAnAnonymousViewerWithSecretPageHeaders() {
        String slug = app.slug("Open by link", "select emp_no from employees order by emp_no limit 3");
        Http anonymous = app.http();
        Http.Response page = anonymous.get("/clips/" + slug);
        assertEquals(200, page.status());
        assertEquals("no-referrer", page.header("Referrer-Policy").orElseThrow());
        assertTrue(page.header("X-Robots-Tag").orElseThrow().contains("noindex"));
        Document html = Jsoup.parse(page.body());
        assertEquals("Open by link", html.selectFirst("h1").text());
        assertNull(html.selectFirst("#editor"), "no editor for an anonymous viewer");
        assertNull(html.selectFirst("pre.sql"), "anonymous link holders see results, not the SQL");
        html.select("script[src], link[href]").forEach(e -> assertTrue(
                (e.attr("src") + e.attr("href")).startsWith("/static/"), "asset from another host: " + e));
        TestClips.Table table = TestClips.run(anonymous, slug);
        assertEquals(200, table.status());
        assertEquals(List.of(List.of("10001"), List.of("10002"), List.of("10003")), table.rows());
        String follower = "localhost:" + TestCluster.get().follower().port();
        String facts = table.html().select(".result-facts").text();
        assertTrue(facts.contains("data as of"), facts);
        assertFalse(facts.contains(follower), "the database's address is not for link holders: " + facts);
        String ownerFacts = TestClips.run(app.signedInAdmin(), slug).html().select(".result-facts").text();
        assertTrue(ownerFacts.contains(follower), "signed-in users see which follower served: " + ownerFacts);
    }

    @Test
    void aLinkHolderSeesWhatWentWrongButNotTheSqlOfAFailingClip() {
        String slug = app.slug("Fails at run time",
                "select emp_no / (emp_no - 10001) as secret_ratio from employees where emp_no = 10001");
        TestClips.Table anonymous = TestClips.run(app.http(), slug);
        String shown = anonymous.html().select(".sql-error").text();
        assertTrue(shown.contains("division by zero"), shown);
        assertFalse(anonymous.html().outerHtml().contains("secret_ratio"), "no SQL for a link holder: " + shown);
        assertNull(anonymous.html().selectFirst(".sql-error pre.sql"));
        String owners = TestClips.run(app.signedInAdmin(), slug).html().select(".sql-error pre.sql").text();
        assertTrue(owners.contains("emp_no - 10001"), "the team sees the SQL with the error: " + owners);
    }

    @Test
    void unknownRotatedPrivateAndMalformedSlugsAllAnswerTheSame404() {
        String privateSlug = app.slug("Private one", "select 1");
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + privateSlug + "/sharing", Map.of("access", "private"),
                Http.bearer(app.admin())).status());
        String rotated = app.slug("Rotated one", "select 1");
        Http.Response rotation = app.http().postJson("/api/v1/clips/" + rotated + "/rotate", "{}", Http.bearer(app.admin()));
        String newSlug = rotation.json().get("slug").asText();
        assertNotEquals(rotated, newSlug);
        assertEquals(app.base() + "/clips/" + newSlug, rotation.json().get("url").asText());

        Http anonymous = app.http();
        String unknown = "a".repeat(26);
        String reference = anonymous.get("/clips/" + unknown).body();
        for (String slug : List.of(unknown, privateSlug, rotated, "short", "UPPERCASE" + "a".repeat(17), "a".repeat(25) + "1")) {
            for (String path : List.of("/clips/" + slug, "/clips/" + slug + "/table")) {
                Http.Response r = anonymous.get(path);
                assertEquals(404, r.status(), path);
                if (path.equals("/clips/" + slug) && Slugs.wellFormed(slug)) {
                    assertEquals(reference.replace(unknown, slug), r.body(), "the 404 page tells nothing about " + slug);
                }
            }
        }
        assertEquals(404, app.http().get("/api/v1/clips/" + rotated, Http.bearer(app.admin())).status(), "the old slug is gone for everyone");
        assertEquals(200, anonymous.get("/clips/" + newSlug + "/table").status());
        Http signedIn = app.signedInAdmin();
        assertEquals(200, signedIn.get("/clips/" + privateSlug).status(), "private clips open for signed-in users");
        assertEquals(200, TestClips.run(signedIn, privateSlug).status());
    }

    @Test
    void titlesValuesAndColumnNamesAreShownAsTextNeverAsMarkup() {
        String slug = app.slug("<script>alert('title')</script>",
                "select '<script>alert(1)</script>' as \"<img src=x onerror=alert(2)>\", '&lt;b&gt;' as \"a&b\"");
        Http anonymous = app.http();
        Document page = Jsoup.parse(anonymous.get("/clips/" + slug).body());
        assertEquals("<script>alert('title')</script>", page.selectFirst("h1").text());
        assertTrue(page.select("script").stream().allMatch(s -> s.hasAttr("src")), "only our external script runs");
        TestClips.Table table = TestClips.run(anonymous, slug);
        assertEquals(List.of("<img src=x onerror=alert(2)>", "a&b"), table.headers());
        assertEquals(List.of(List.of("<script>alert(1)</script>", "&lt;b&gt;")), table.rows());
        assertTrue(table.html().select("script, img").isEmpty(), "no element came from the data");
    }

    @Test
    void theOwnerSeesTheEditorAndCanEditShareRotateAndRestoreThroughForms() {
        String slug = app.slug("Form-edited", "select 1 as one");
        Http browser = app.signedInAdmin();
        Http.Response page = browser.get("/clips/" + slug);
        Document html = Jsoup.parse(page.body());
        assertTrue(html.selectFirst("#editor") != null, "the owner gets the editor");
        assertTrue(html.select(".schema-panel code").eachText().contains("employees"), "the table reference lists employees");
        String csrf = page.csrf();
        Http.Response saved = browser.postForm("/clips/" + slug + "/edit", Map.of("_csrf", csrf, "title", "Form-edited v2",
                "description", "now two", "sql", "select 2 as two", "max_age_seconds", "30"));
        assertEquals(302, saved.status(), saved.body());
        Http.Response versions = browser.get("/clips/" + slug + "/versions");
        assertTrue(versions.body().contains("select 2 as two") && versions.body().contains("select 1 as one"));
        assertEquals(302, browser.postForm("/clips/" + slug + "/versions/1/restore", Map.of("_csrf", csrf)).status());
        assertEquals(3, app.http().get("/api/v1/clips/" + slug, Http.bearer(app.admin())).json().get("version").asInt());

        Http.Response badEdit = browser.postForm("/clips/" + slug + "/edit", Map.of("_csrf", csrf, "title", "x",
                "description", "", "sql", "select 1; select 2", "max_age_seconds", "30"));
        assertEquals(422, badEdit.status());
        assertTrue(Jsoup.parse(badEdit.body()).selectFirst(".error-message").text().contains("exactly one statement"));
        assertTrue(badEdit.body().contains("select 1; select 2"), "the typed SQL is kept in the form");

        assertEquals(302, browser.postForm("/clips/" + slug + "/sharing", Map.of("_csrf", csrf, "access", "private")).status());
        assertEquals(404, app.http().get("/clips/" + slug).status());
        Http.Response rotated = browser.postForm("/clips/" + slug + "/rotate", Map.of("_csrf", csrf));
        String location = rotated.header("Location").orElseThrow();
        assertFalse(location.contains(slug));
        assertEquals(404, browser.get("/clips/" + slug).status());
        assertEquals(200, browser.get(location).status());
        assertEquals(403, browser.postForm(location.replace("?notice=rotated", "") + "/delete", Map.of()).status(),
                "a form without the CSRF token is refused");
    }

    @Test
    void theNewClipFormCreatesAClipAndKeepsWhatWasTypedOnAnError() {
        Http browser = app.signedInAdmin();
        Http.Response form = browser.get("/clips/new");
        assertEquals(200, form.status());
        assertTrue(Jsoup.parse(form.body()).select(".schema-panel summary code").eachText().contains("salaries"));
        Http.Response bad = browser.postForm("/clips", Map.of("_csrf", form.csrf(), "title", "Typed", "source", "employees",
                "description", "", "sql", "update employees set first_name = 'x'"));
        assertEquals(422, bad.status());
        assertTrue(bad.body().contains("update employees set first_name = &#39;x&#39;"), "the SQL is kept, escaped");
        Http.Response ok = browser.postForm("/clips", Map.of("_csrf", form.csrf(), "title", "Typed", "source", "employees",
                "description", "via the form", "sql", "select count(*) from departments"));
        assertEquals(302, ok.status());
        String slug = ok.header("Location").orElseThrow().replace("/clips/", "");
        assertEquals(List.of(List.of("9")), TestClips.run(app.http(), slug).rows());
        Http.Response schema = browser.get("/sources/employees/schema");
        assertTrue(schema.body().contains("dept_no"));
    }
}
