package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API tokens listed with their last use, revoked by their owner (API and page), refused at once once revoked. */
class TokenRoutesTest {
    private static final String PASSWORD = "member-password-1";
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void theApiListsOnlyTheCallersTokensWithLastUseAndNeverTheSecret() {
        String email = member("list-");
        JsonNode used = create(email, "used by a script");
        JsonNode idle = create(email, "never used");
        String other = app.memberToken("other-" + System.nanoTime() + "@test.local");

        Http.Response list = app.http().get("/api/v1/tokens", Http.bearer(used.get("token").asText()));
        assertEquals(200, list.status());
        List<JsonNode> tokens = StreamSupport.stream(list.json().spliterator(), false).toList();
        assertEquals(List.of("never used", "used by a script"), tokens.stream().map(t -> t.get("name").asText()).toList(),
                "the caller's tokens only, newest first");
        for (JsonNode t : tokens) {
            assertEquals(List.of("id", "name", "created_at", "last_used_at"), fieldNames(t));
            OffsetDateTime.parse(t.get("created_at").asText());
        }
        assertEquals(idle.get("id").asLong(), tokens.get(0).get("id").asLong());
        assertTrue(tokens.get(0).get("last_used_at").isNull(), "never used");
        OffsetDateTime lastUse = OffsetDateTime.parse(tokens.get(1).get("last_used_at").asText());
        assertTrue(lastUse.isAfter(OffsetDateTime.now().minusMinutes(1)), "used just now: " + lastUse);
        assertFalse(list.body().contains(used.get("token").asText()) || list.body().contains(idle.get("token").asText()),
                "no secret in the list");
        assertEquals(1, app.http().get("/api/v1/tokens", Http.bearer(other)).json().size(), "another user sees only theirs");
        assertEquals(401, app.http().get("/api/v1/tokens").status());
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndNobodyRevokesAnothersToken() {
        String email = member("revoke-");
        JsonNode mine = create(email, "to revoke");
        String secret = mine.get("token").asText();
        long id = mine.get("id").asLong();
        String other = app.memberToken("intruder-" + System.nanoTime() + "@test.local");

        Http.Response foreign = app.http().delete("/api/v1/tokens/" + id, Http.bearer(other));
        assertEquals(404, foreign.status(), "another user's token id is not found");
        assertTrue(foreign.json().at("/error/message").asText().contains("GET /api/v1/tokens lists yours"));
        assertEquals(404, app.http().delete("/api/v1/tokens/not-a-number", Http.bearer(other)).status());
        assertEquals(200, app.http().get("/api/v1/me", Http.bearer(secret)).status(), "still valid");

        Http.Response revoked = app.http().delete("/api/v1/tokens/" + id, Http.bearer(secret));
        assertEquals(204, revoked.status());
        Http.Response after = app.http().get("/api/v1/me", Http.bearer(secret));
        assertEquals(401, after.status(), "refused at once");
        assertEquals("unauthorized", after.json().at("/error/code").asText());
        assertEquals(404, app.http().delete("/api/v1/tokens/" + id, Http.bearer(other)).status());
        assertEquals(200, app.http().get("/api/v1/me", Http.bearer(other)).status(), "other tokens are untouched");
    }

    @Test
    void thePageListsCreatesOnceAndRevokesTokens() {
        String email = member("page-");
        JsonNode scripted = create(email, "nightly script");
        app.http().get("/api/v1/me", Http.bearer(scripted.get("token").asText()));
        Http browser = app.signedIn(email, PASSWORD);

        Http.Response listed = browser.get("/account/tokens");
        assertEquals(200, listed.status());
        Document page = Jsoup.parse(listed.body());
        assertNotNull(page.selectFirst("header nav a[href=/account/tokens]"), "the navigation links to the page");
        Element row = page.selectFirst("table.data tbody tr");
        assertEquals("nightly script", row.child(0).text());
        assertTrue(row.child(2).text().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"), "last use shown: " + row.child(2).text());

        String name = "<b>laptop</b> & \"co\"";
        Http.Response created = browser.postForm("/account/tokens", Map.of("name", name, "_csrf", listed.csrf()));
        assertEquals(201, created.status());
        Document shown = Jsoup.parse(created.body());
        String secret = shown.selectFirst("code.secret").text();
        assertTrue(secret.startsWith("dc_"), secret);
        assertEquals(name, shown.selectFirst(".notice strong").text(), "the name is shown as text");
        assertNull(shown.selectFirst(".notice strong b"), "never as markup");
        Http.Response again = browser.get("/account/tokens");
        assertFalse(again.body().contains(secret), "the secret is shown only once");
        Document list = Jsoup.parse(again.body());
        assertEquals(List.of(name, "nightly script"), list.select("table.data tbody tr td:eq(0)").eachText());
        assertEquals("never", list.selectFirst("table.data tbody tr").child(2).text());
        assertEquals(email, app.http().get("/api/v1/me", Http.bearer(secret)).json().get("email").asText());

        Element revoke = list.select("table.data tbody tr").stream().filter(tr -> tr.child(0).text().equals(name))
                .findFirst().orElseThrow().selectFirst("form");
        assertEquals("post", revoke.attr("method"));
        assertFalse(revoke.select("input[name=_csrf]").val().isEmpty());
        Http.Response done = browser.postForm(revoke.attr("action"), Map.of("_csrf", revoke.select("input[name=_csrf]").val()));
        assertEquals(302, done.status());
        assertEquals("/account/tokens?revoked=1", done.header("Location").orElseThrow());
        assertEquals(401, app.http().get("/api/v1/me", Http.bearer(secret)).status(), "refused at once");
        Document afterRevoke = Jsoup.parse(browser.get("/account/tokens?revoked=1").body());
        assertEquals(List.of("nightly script"), afterRevoke.select("table.data tbody tr td:eq(0)").eachText());
        assertEquals("Token revoked.", afterRevoke.selectFirst("p.notice").text());

        Http admin = app.signedInAdmin();
        String adminCsrf = admin.get("/account/tokens").csrf();
        assertEquals(404, admin.postForm("/account/tokens/" + scripted.get("id").asLong() + "/revoke",
                Map.of("_csrf", adminCsrf)).status(), "even an admin revokes only their own tokens");
        assertEquals(200, app.http().get("/api/v1/me", Http.bearer(scripted.get("token").asText())).status());
        assertEquals(422, browser.postForm("/account/tokens", Map.of("name", "x".repeat(201), "_csrf", listed.csrf())).status());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String member(String prefix) {
        String email = prefix + System.nanoTime() + "@test.local";
        Http.Response r = app.http().postJson("/api/v1/users", Map.of("email", email, "password", PASSWORD, "role", "member"),
                Http.bearer(app.adminToken()));
        assertEquals(201, r.status(), r.body());
        return email;
    }

    private static JsonNode create(String email, String name) {
        Http.Response r = app.http().postJson("/api/v1/tokens", Map.of("email", email, "password", PASSWORD, "name", name));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }
}
