package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session ids: a fresh one at every sign-in (the presented one ended), and sign-out ends it on the server. */
class SessionTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void signingInIssuesAFreshIdAndEndsTheOnePresented() {
        String email = "fixation-" + System.nanoTime() + "@test.local";
        createMember(email);
        Http browser = app.signedInAdmin();
        String before = browser.cookie("dataclips_session");
        assertEquals(200, withSession(before).get("/api/v1/me").status(), "the first session works");

        // The same browser posts the sign-in form again (say someone else planted this id in it, or a second tab
        // kept the form open): a new id, the old one ended.
        Http.Response again = browser.postForm("/sign-in", Map.of("email", email, "password", "member-password-1",
                "_csrf", browser.cookie("dataclips_csrf")));
        assertEquals(302, again.status(), again.body());
        String after = browser.cookie("dataclips_session");
        assertNotNull(after);
        assertNotEquals(before, after);
        assertEquals(401, withSession(before).get("/api/v1/me").status(), "the id presented at sign-in no longer works");
        assertEquals(email, withSession(after).get("/api/v1/me").json().get("email").asText());

        Http planted = app.http();
        planted.setCookie("dataclips_session", "s_planted-by-an-attacker");
        Http.Response signedIn = planted.postForm("/sign-in", Map.of("email", email, "password", "member-password-1",
                "_csrf", planted.get("/sign-in").csrf()));
        assertEquals(302, signedIn.status());
        assertNotEquals("s_planted-by-an-attacker", planted.cookie("dataclips_session"), "an unknown id is never adopted");
    }

    @Test
    void signingOutEndsTheSessionOnTheServerForEveryCopyOfTheCookie() {
        Http browser = app.signedInAdmin();
        String session = browser.cookie("dataclips_session");
        Http copy = withSession(session);
        assertEquals(200, copy.get("/account/tokens").status());

        Http.Response out = browser.postForm("/sign-out", Map.of("_csrf", browser.get("/account/tokens").csrf()));
        assertEquals(302, out.status());
        assertTrue(out.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("dataclips_session=;")
                || c.startsWith("dataclips_session=") && c.contains("Max-Age=0")), out.headers().toString());
        Http.Response page = copy.get("/account/tokens");
        assertEquals(302, page.status(), "a copy of the old cookie no longer signs in");
        assertTrue(page.header("Location").orElseThrow().startsWith("/sign-in"));
        assertEquals(401, copy.get("/api/v1/me").status());
    }

    private static Http withSession(String session) {
        Http client = app.http();
        client.setCookie("dataclips_session", session);
        return client;
    }

    private static void createMember(String email) {
        Http.Response r = app.http().postJson("/api/v1/users", Map.of("email", email, "password", "member-password-1",
                "role", "member"), Http.bearer(app.adminToken()));
        assertEquals(201, r.status(), r.body());
    }
}
