package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestApp;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Failed sign-ins are limited per email and per client; the right password is never slowed by its own use. */
class SignInLimitsTest {
    private static final String PASSWORD = "member-password-1";

    @Test
    void anEmailIsLockedAfterItsFailuresTheSameWayWhetherOrNotItExists() {
        try (TestApp app = TestApp.start(Map.of("DATACLIPS_SIGNIN_ATTEMPTS_PER_EMAIL", "3",
                "DATACLIPS_SIGNIN_ATTEMPTS_PER_CLIENT", "100"))) {
            String member = member(app, "locked-");
            for (int i = 0; i < 20; i++) {
                assertEquals(302, signIn(app, member, PASSWORD).status(), "successful sign-ins do not count");
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(401, signIn(app, member, "wrong-password-" + i).status());
            }
            Http.Response locked = signIn(app, member.toUpperCase(), PASSWORD);
            assertEquals(429, locked.status(), "even the right password waits once the email is locked");
            long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 900, "Retry-After " + retryAfter);
            Document page = Jsoup.parse(locked.body());
            assertTrue(page.selectFirst(".error-message").text().startsWith("too many failed sign-in attempts"), locked.body());
            assertEquals(1, page.select("form[action=/sign-in] input[name=password]").size(), "the form is shown again");
            assertTrue(locked.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("dataclips_session")));

            String unknown = "nobody-" + System.nanoTime() + "@test.local";
            for (int i = 0; i < 3; i++) {
                assertEquals(401, signIn(app, unknown, "wrong-password-" + i).status());
            }
            Http.Response unknownLocked = signIn(app, unknown, PASSWORD);
            assertEquals(429, unknownLocked.status(), "an unknown email is locked the same way");
            assertEquals(page.selectFirst(".error-message").text(), Jsoup.parse(unknownLocked.body()).selectFirst(".error-message").text());
            assertTrue(unknownLocked.header("Retry-After").isPresent());

            Http.Response api = app.http().postJson("/api/v1/tokens", Map.of("email", member, "password", PASSWORD));
            assertEquals(429, api.status(), "the API shares the count");
            assertEquals("too_many_attempts", api.json().at("/error/code").asText());
            assertTrue(api.json().at("/error/message").asText().contains("try again in"), api.body());
            assertTrue(Long.parseLong(api.header("Retry-After").orElseThrow()) >= 1);
            Http.Response apiUnknown = app.http().postJson("/api/v1/tokens", Map.of("email", unknown, "password", PASSWORD));
            assertEquals(api.status(), apiUnknown.status());
            assertEquals(api.json().at("/error"), apiUnknown.json().at("/error"));

            assertEquals(201, app.http().postJson("/api/v1/tokens", Map.of("email", TestApp.ADMIN_EMAIL,
                    "password", TestApp.ADMIN_PASSWORD)).status(), "other emails are not affected");
        }
    }

    @Test
    void oneClientIsLockedAfterItsFailuresWhateverTheEmails() {
        try (TestApp app = TestApp.start(Map.of("DATACLIPS_SIGNIN_ATTEMPTS_PER_EMAIL", "100",
                "DATACLIPS_SIGNIN_ATTEMPTS_PER_CLIENT", "6"))) {
            String member = member(app, "client-");
            for (int i = 0; i < 6; i++) {
                Http.Response failed = i % 2 == 0 ? signIn(app, "guess-" + i + "@test.local", "wrong-password")
                        : app.http().postJson("/api/v1/tokens", Map.of("email", "guess-" + i + "@test.local", "password", "nope-nope"));
                assertEquals(401, failed.status(), "failure " + i);
                if (i < 5) {
                    assertEquals(302, signIn(app, member, PASSWORD).status(), "a success between failures is not counted");
                }
            }
            Http.Response locked = signIn(app, member, PASSWORD);
            assertEquals(429, locked.status());
            assertTrue(locked.header("Retry-After").isPresent());
            Http.Response api = app.http().postJson("/api/v1/tokens", Map.of("email", TestApp.ADMIN_EMAIL,
                    "password", TestApp.ADMIN_PASSWORD));
            assertEquals(429, api.status(), "every email from this client waits");
        }
    }

    private static Http.Response signIn(TestApp app, String email, String password) {
        Http browser = app.http();
        return browser.postForm("/sign-in", Map.of("email", email, "password", password, "_csrf", browser.get("/sign-in").csrf()));
    }

    private static String member(TestApp app, String prefix) {
        String email = prefix + System.nanoTime() + "@test.local";
        Http.Response r = app.http().postJson("/api/v1/users", Map.of("email", email, "password", PASSWORD, "role", "member"),
                Http.bearer(app.adminToken()));
        assertEquals(201, r.status(), r.body());
        return email;
    }
}
