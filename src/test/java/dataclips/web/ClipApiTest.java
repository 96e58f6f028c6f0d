package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestApp;
import dataclips.TestClips;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/v1/clips…: the contract's fields, versions, fork, sharing, rotate, permissions and refusals. */
class ClipApiTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();
    private static String member;

    @BeforeAll
    static void start() {
        member = app.memberToken("clip-member@test.local");
    }

    @Test
    void createAnswersTheContractFieldsAndAnUnguessableUrl() {
        JsonNode clip = app.create("Headcount by gender", "select gender, count(*) from employees group by 1");
        String slug = clip.get("slug").asText();
        assertTrue(slug.matches("[a-z2-7]{26}"), slug);
        assertEquals(app.base() + "/clips/" + slug, clip.get("url").asText());
        assertEquals("Headcount by gender", clip.get("title").asText());
        assertEquals("employees", clip.get("source").asText());
        assertEquals(TestApp.ADMIN_EMAIL, clip.get("owner").asText());
        assertEquals("link", clip.get("access").asText());
        assertEquals(60, clip.get("max_age_seconds").asInt());
        assertEquals(1, clip.get("version").asInt());
        JsonNode fetched = app.http().get("/api/v1/clips/" + slug, Http.bearer(member)).json();
        assertEquals("select gender, count(*) from employees group by 1", fetched.get("sql").asText());
    }

    @Test
    void slugsAreDistinctAcrossManyClips() {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slugs.add(app.slug("many " + i, "select " + i));
        }
        assertEquals(20, slugs.stream().distinct().count());
    }

    @Test
    void aChangedSqlIsANewVersionAndOldVersionsCanBeRestored() {
        String slug = app.slug("Versioned", "select 1 as v");
        Http http = app.http();
        JsonNode sameSql = patch(slug, Map.of("title", "Versioned (renamed)", "sql", "select 1 as v"));
        assertEquals(1, sameSql.get("version").asInt(), "a title change alone is no new version");
        JsonNode v2 = patch(slug, Map.of("sql", "select 2 as v", "max_age_seconds", 0));
        assertEquals(2, v2.get("version").asInt());
        assertEquals(0, v2.get("max_age_seconds").asInt());
        JsonNode versions = http.get("/api/v1/clips/" + slug + "/versions", Http.bearer(app.admin())).json();
        assertEquals(2, versions.size());
        assertEquals(2, versions.get(0).get("version").asInt());
        assertEquals("select 2 as v", versions.get(0).get("sql").asText());
        assertEquals("select 1 as v", versions.get(1).get("sql").asText());
        assertEquals(TestApp.ADMIN_EMAIL, versions.get(1).get("author").asText());
        assertFalse(versions.get(1).get("created_at").asText().isEmpty());

        JsonNode restored = http.postJson("/api/v1/clips/" + slug + "/versions/1/restore", "{}", Http.bearer(app.admin())).json();
        assertEquals(3, restored.get("version").asInt());
        assertEquals("select 1 as v", restored.get("sql").asText());
        assertEquals(404, http.postJson("/api/v1/clips/" + slug + "/versions/9/restore", "{}", Http.bearer(app.admin())).status());
        assertEquals("1", TestClips.run(app.http(), slug).rows().get(0).get(0), "the page runs the restored SQL");
    }

    @Test
    void onlyTheOwnerOrAnAdminChangesAClipAndAnyoneSignedInMayFork() {
        String slug = app.slug("Admin's clip", "select 'mine' as owner");
        Http http = app.http();
        Http.Response refused = http.send("PATCH", "/api/v1/clips/" + slug, "{\"sql\":\"select 'hijacked'\"}", Http.bearer(member));
        assertEquals(403, refused.status());
        assertTrue(refused.json().at("/error/message").asText().contains("fork"), refused.body());
        assertEquals(403, http.delete("/api/v1/clips/" + slug, Http.bearer(member)).status());
        assertEquals(403, http.send("PUT", "/api/v1/clips/" + slug + "/sharing", "{\"access\":\"private\"}", Http.bearer(member)).status());
        assertEquals(403, http.postJson("/api/v1/clips/" + slug + "/rotate", "{}", Http.bearer(member)).status());

        Http.Response fork = http.postJson("/api/v1/clips/" + slug + "/fork", "{}", Http.bearer(member));
        assertEquals(201, fork.status(), fork.body());
        assertEquals("Copy of Admin's clip", fork.json().get("title").asText());
        assertEquals("clip-member@test.local", fork.json().get("owner").asText());
        assertEquals("select 'mine' as owner", fork.json().get("sql").asText());
        assertNotEquals(slug, fork.json().get("slug").asText());
        assertEquals(200, http.send("PATCH", "/api/v1/clips/" + fork.json().get("slug").asText(),
                "{\"sql\":\"select 'forked' as owner\"}", Http.bearer(member)).status());
        assertEquals("select 'mine' as owner", http.get("/api/v1/clips/" + slug, Http.bearer(app.admin())).json().get("sql").asText(),
                "editing the fork leaves the original alone");
    }

    /** Who may open a clip is an access change too: the audit has each change, never a no-op, never a slug. */
    @Test
    void sharingExpiryAndRotationAreAuditedWithoutTheLink() {
        String slug = app.slug(app.admin(), "Audited sharing", "select 1");
        Http http = app.http();
        for (String body : List.of("{\"access\":\"private\"}", "{\"access\":\"private\"}",
                "{\"access\":\"link\",\"expires_at\":\"2031-01-31T18:00:00+01:00\"}")) {
            assertEquals(200, http.send("PUT", "/api/v1/clips/" + slug + "/sharing", body, Http.bearer(app.admin())).status());
        }
        String rotated = http.postJson("/api/v1/clips/" + slug + "/rotate", "{}", Http.bearer(app.admin())).json()
                .get("slug").asText();

        JsonNode changes = http.get("/api/v1/access-changes", Http.bearer(app.admin())).json();
        List<String> seen = new ArrayList<>();
        changes.forEach(c -> {
            if (c.get("subject").asText().startsWith("clip Audited sharing (id ")) {
                JsonNode details = c.get("details");
                seen.add(c.get("actor").asText() + " " + c.get("action").asText() + (details.isEmpty() ? ""
                        : " " + details.get("from").asText() + " -> " + details.get("to").asText()));
            }
        });
        assertEquals(List.of(TestApp.ADMIN_EMAIL + " clip_link_rotated",
                TestApp.ADMIN_EMAIL + " clip_sharing_set private -> link",
                TestApp.ADMIN_EMAIL + " clip_link_expiry_set none -> 2031-01-31T17:00:00Z",
                TestApp.ADMIN_EMAIL + " clip_sharing_set link -> private"), seen,
                "newest first; setting the access it has is no change");
        assertFalse(changes.toString().contains(slug), "the old link is not in the audit");
        assertFalse(changes.toString().contains(rotated), "nor the new one");
    }

    @Test
    void deleteRemovesTheClipAndItsUrls() {
        String slug = app.slug(member, "Short-lived", "select 1");
        assertEquals(204, app.http().delete("/api/v1/clips/" + slug, Http.bearer(member)).status());
        assertEquals(404, app.http().get("/api/v1/clips/" + slug, Http.bearer(member)).status());
        assertEquals(404, app.http().get("/clips/" + slug).status());
    }

    @Test
    void listIsNewestFirstAndSearchesTitles() {
        String lister = app.memberToken("clip-lister@test.local"); // owns nothing but what this test makes
        String older = app.slug(lister, "Quarterly zebra report", "select 1");
        String newer = app.slug(lister, "Monthly ZEBRA report", "select 2");
        String other = app.slug("Okapi census", "select 3"); // the admin's, listed for everyone, found by no "zebra"
        JsonNode found = app.http().get("/api/v1/clips?q=zebra", Http.bearer(lister)).json();
        assertEquals(List.of(newer, older), found.findValuesAsText("slug"));
        JsonNode all = app.http().get("/api/v1/clips", Http.bearer(lister)).json();
        assertTrue(all.findValuesAsText("slug").contains(other), "without q the admin's clip is listed");
        JsonNode mine = app.http().get("/api/v1/clips?mine=1", Http.bearer(lister)).json();
        assertEquals(List.of(newer, older), mine.findValuesAsText("slug"), "mine: the lister's own, newest first");
        assertEquals(List.of("clip-lister@test.local", "clip-lister@test.local"), mine.findValuesAsText("owner"));
        Http.Response home = app.signedInAdmin().get("/?q=zebra");
        assertTrue(home.body().contains("Monthly ZEBRA report") && home.body().contains("Quarterly zebra report"));
        assertFalse(home.body().contains("Okapi census"), "the search filters the home page");
    }

    @Test
    void badInputIsRefusedWithAMessageThatSaysWhatToDo() {
        assertRefused(Map.of("title", "", "source", "employees", "sql", "select 1"), 422, "bad_title");
        assertRefused(Map.of("title", "x", "source", "nope", "sql", "select 1"), 422, "unknown_source");
        assertRefused(Map.of("title", "x", "source", "employees", "sql", "  "), 422, "empty_sql");
        assertRefused(Map.of("title", "x", "source", "employees", "sql", "select 1; delete from employees"), 422, "multiple_statements");
        assertRefused(Map.of("title", "x", "source", "employees", "sql", "delete from employees"), 422, "not_a_query");
        assertRefused(Map.of("title", "x", "source", "employees", "sql", "select 1", "owner", "x"), 400, "bad_json");
        assertEquals(401, app.http().postJson("/api/v1/clips", Map.of("title", "x", "source", "employees", "sql", "select 1")).status());
        String slug = app.slug("Max age check", "select 1");
        Http.Response badAge = app.http().send("PATCH", "/api/v1/clips/" + slug, "{\"max_age_seconds\":-1}", Http.bearer(app.admin()));
        assertEquals(422, badAge.status());
        assertEquals("bad_max_age", badAge.json().at("/error/code").asText());
        Http.Response badAccess = app.http().send("PUT", "/api/v1/clips/" + slug + "/sharing", "{\"access\":\"public\"}", Http.bearer(app.admin()));
        assertEquals(422, badAccess.status());
        assertTrue(badAccess.json().at("/error/message").asText().contains("\"link\""), badAccess.body());
    }

    /** What a body lacks is said in the caller's terms: the fields the call takes, never a Java class. */
    @Test
    void aBodyThatIsNotTheObjectExpectedIsAnsweredWithTheFieldsTheCallTakes() {
        Map<String, String> wrong = Map.of("[]", "not a list", "\"select 1\"", "not text", "{\"title\": [1]}",
                "the field \"title\" must be text", "{\"title\": \"x\", \"sql\": ", "not valid JSON",
                "{\"title\": \"x\", \"owner\": \"me\"}", "unknown field \"owner\"");
        wrong.forEach((body, says) -> {
            Http.Response r = app.http().postJson("/api/v1/clips", body, Http.bearer(app.admin()));
            assertEquals(400, r.status(), body + " => " + r.body());
            String message = r.json().at("/error/message").asText();
            assertTrue(message.contains(says), body + " => " + message);
            assertTrue(message.contains("expected a JSON object with the fields title (text), description (text), "
                    + "source (text), sql (text)"), message);
            assertFalse(message.matches("(?s).*(dataclips\\.|java\\.|jackson|\\$[A-Z]|Exception).*"), message);
        });
        Http.Response overflow = app.http().send("PATCH", "/api/v1/clips/" + app.slug("n", "select 1"),
                "{\"max_age_seconds\": 99999999999999999999}", Http.bearer(app.admin()));
        assertEquals(400, overflow.status(), overflow.body());
        assertTrue(overflow.json().at("/error/message").asText().contains("out of range"), overflow.body());
    }

    @Test
    void aSourceWithClipsCannotBeRemoved() {
        app.slug("Keeps employees registered", "select 1");
        Http.Response refused = app.http().delete("/api/v1/sources/employees", Http.bearer(app.admin()));
        assertEquals(409, refused.status());
        assertEquals("source_in_use", refused.json().at("/error/code").asText());
        assertEquals(200, app.http().get("/api/v1/sources/employees", Http.bearer(app.admin())).status());
    }

    private static JsonNode patch(String slug, Map<String, Object> body) {
        Http.Response r = app.http().send("PATCH", "/api/v1/clips/" + slug, body, Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static void assertRefused(Map<String, String> body, int status, String code) {
        Http.Response r = app.http().postJson("/api/v1/clips", body, Http.bearer(app.admin()));
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.json().at("/error/code").asText(), r.body());
        assertFalse(r.json().at("/error/message").asText().isBlank());
    }
}
