package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountsTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void signInSetsAHardenedSessionCookieAndSignOutEndsTheSession() {
        Http browser = app.http();
        Http.Response page = browser.get("/sign-in");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("name=\"password\""));
        assertEquals("no-referrer", page.header("Referrer-Policy").orElseThrow());
        assertTrue(page.header("X-Robots-Tag").orElseThrow().contains("noindex"));
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElseThrow());
        assertTrue(page.header("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
        Http.Response health = app.http().get("/health");
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("status").asText());

        Http.Response signIn = browser.postForm("/sign-in", Map.of("email", TestApp.ADMIN_EMAIL.toUpperCase(),
                "password", TestApp.ADMIN_PASSWORD, "next", "/sources", "_csrf", page.csrf()));
        assertEquals(302, signIn.status());
        assertEquals("/sources", signIn.header("Location").orElseThrow());
        String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("dataclips_session="))
                .findFirst().orElseThrow();
        assertTrue(cookie.startsWith("dataclips_session="), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);

        Http.Response sources = browser.get("/sources");
        assertEquals(200, sources.status());
        assertTrue(sources.body().contains("employees"), "the sample source is listed");

        Http.Response signOut = browser.postForm("/sign-out", Map.of("_csrf", sources.csrf()));
        assertEquals(302, signOut.status());
        Http.Response after = browser.get("/sources");
        assertEquals(302, after.status(), "the session is gone after sign-out");
        assertTrue(after.header("Location").orElseThrow().startsWith("/sign-in?next="));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSame401() {
        Http.Response wrongPassword = signIn(Map.of("email", TestApp.ADMIN_EMAIL, "password", "nope-nope"));
        Http.Response unknownEmail = signIn(Map.of("email", "nobody@test.local", "password", "nope-nope"));
        assertEquals(401, wrongPassword.status());
        assertEquals(401, unknownEmail.status());
        assertTrue(wrongPassword.body().contains("wrong email or password"));
        assertTrue(unknownEmail.body().contains("wrong email or password"));
        assertTrue(wrongPassword.header("Set-Cookie").isEmpty());

        Http.Response apiWrong = app.http().postJson("/api/v1/tokens", Map.of("email", TestApp.ADMIN_EMAIL, "password", "nope-nope"));
        Http.Response apiUnknown = app.http().postJson("/api/v1/tokens", Map.of("email", "nobody@test.local", "password", "nope-nope"));
        assertEquals(401, apiWrong.status());
        assertEquals(apiWrong.body(), apiUnknown.body());
        assertEquals("unauthorized", apiWrong.json().at("/error/code").asText());
    }

    @Test
    void apiTokensAuthenticateAndBadTokensAreRefused() {
        String token = app.adminToken();
        assertTrue(token.startsWith("dc_") && token.length() > 40);
        Http.Response me = app.http().get("/api/v1/me", Http.bearer(token));
        assertEquals(200, me.status());
        assertEquals(TestApp.ADMIN_EMAIL, me.json().get("email").asText());
        assertEquals("ADMIN", me.json().get("role").asText());

        Http.Response bad = app.http().get("/api/v1/me", Http.bearer(token + "x"));
        assertEquals(401, bad.status());
        assertTrue(bad.json().at("/error/message").asText().contains("not valid"));
        assertEquals(401, app.http().get("/api/v1/sources").status(), "no credentials at all");
        assertEquals(401, app.http().get("/api/v1/sources", "Authorization", "Basic abc").status());
    }

    @Test
    void membersReadSourcesButOnlyAdminsChangeThem() {
        String member = app.memberToken("member-" + System.nanoTime() + "@test.local");
        Http.Response list = app.http().get("/api/v1/sources", Http.bearer(member));
        assertEquals(200, list.status(), list.body());
        List<String> names = new ArrayList<>();
        list.json().forEach(source -> names.add(source.get("name").asText()));
        assertTrue(names.contains("employees"), "the sample source is listed: " + list.body());
        Http.Response register = app.http().postJson("/api/v1/sources",
                Map.of("name", "member-made", "followers", java.util.List.of("postgres://u:p@localhost:1/db")), Http.bearer(member));
        assertEquals(403, register.status());
        assertEquals("forbidden", register.json().at("/error/code").asText());
        assertEquals(403, app.http().delete("/api/v1/sources/employees", Http.bearer(member)).status());
        assertEquals(403, app.http().get("/api/v1/users", Http.bearer(member)).status());
        Http.Response one = app.http().get("/api/v1/sources/employees", Http.bearer(member));
        assertEquals(200, one.status(), one.body());
        assertEquals("employees", one.json().get("name").asText());
        assertTrue(one.json().get("followers").size() > 0, "with its followers: " + one.body());
    }

    @Test
    void adminsAddUsersFromThePageAndDuplicatesAreRefused() {
        Http admin = app.signedInAdmin();
        Http.Response page = admin.get("/admin/users");
        assertEquals(200, page.status());
        String email = "page-user-" + System.nanoTime() + "@test.local";
        Http.Response added = admin.postForm("/admin/users", Map.of("_csrf", page.csrf(), "email", email,
                "password", "a-good-password", "role", "member"));
        assertEquals(200, added.status());
        assertTrue(added.body().contains("Added " + email));
        Http.Response again = admin.postForm("/admin/users", Map.of("_csrf", page.csrf(), "email", email,
                "password", "a-good-password", "role", "member"));
        assertEquals(409, again.status());
        assertTrue(again.body().contains("already exists"));
        assertFalse(app.token(email, "a-good-password").isEmpty(), "the new user can sign in");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        Http admin = app.signedInAdmin();
        Http.Response forged = admin.postForm("/admin/users", Map.of("email", "forged@test.local",
                "password", "a-good-password", "role", "admin"));
        assertEquals(403, forged.status());
        assertEquals(401, app.http().postJson("/api/v1/tokens", Map.of("email", "forged@test.local",
                "password", "a-good-password")).status(), "the forged user was not created");
    }

    @Test
    void signInRedirectsOnlyToLocalPaths() {
        Http.Response r = signIn(Map.of("email", TestApp.ADMIN_EMAIL,
                "password", TestApp.ADMIN_PASSWORD, "next", "//evil.example.com/x"));
        assertEquals("/", r.header("Location").orElseThrow());
    }

    /** Posts the sign-in form from a fresh browser that first opened the page (as people do). */
    private static Http.Response signIn(Map<String, String> form) {
        Http browser = app.http();
        Map<String, String> withToken = new java.util.HashMap<>(form);
        withToken.put("_csrf", browser.get("/sign-in").csrf());
        return browser.postForm("/sign-in", withToken);
    }

    @Test
    void theNavigationHighlightsThePageYouAreOn() {
        Http admin = app.signedInAdmin();
        Map<String, String> expected = Map.of("/", "Home", "/clips/new", "New clip", "/sources", "Databases",
                "/admin/users", "Users", "/admin/runs", "Audit log", "/account/tokens", "API tokens");
        expected.forEach((path, link) -> assertEquals(List.of(link),
                Jsoup.parse(admin.get(path).body()).select("nav a.active").eachText(), path));
    }
}
