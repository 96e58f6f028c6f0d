package dataclips.accounts;

import static dataclips.SsoFlow.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SsoFlow;
import dataclips.TestApp;
import dataclips.TestIdentityProvider;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DATACLIPS_PASSWORD_SIGNIN=false: single sign-on for everyone, and a password for DATACLIPS_ADMIN_EMAIL alone (the
 * administrator's way in when the provider cannot be used), on the sign-in form and for API tokens alike.
 */
class PasswordSignInOffTest {
    private static final String MEMBER = "pw-off-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    @RegisterExtension
    static final AppFixture app = new AppFixture(TestIdentityProvider.shared().settings(Map.of("DATACLIPS_PASSWORD_SIGNIN",
            "false")));

    @Test
    void onlyTheAdministratorMayUseAPasswordAndEveryoneElseSignsInWithTheProvider() {
        assertEquals(201, app.http().postJson("/api/v1/users", Map.of("email", MEMBER, "password", "member-password-1"),
                Http.bearer(app.admin())).status(), "made before, or by an admin");
        Http browser = app.http();
        Document page = Jsoup.parse(browser.get("/sign-in").body());
        assertEquals("Sign in with Acme SSO", page.select("a.sso-button").text());
        assertEquals("Administrator sign-in with a password", page.select("details.admin-password > summary").text());
        assertFalse(page.select("details.admin-password").hasAttr("open"), "folded away");

        Http.Response refused = browser.postForm("/sign-in", Map.of("email", MEMBER, "password", "member-password-1",
                "_csrf", page.select("input[name=_csrf]").val()));
        assertEquals(403, refused.status());
        Document again = Jsoup.parse(refused.body());
        assertEquals("password sign-in is off here: sign in with Acme SSO (only the administrator set up at installation "
                + "may use a password)", again.select(".error-message").text());
        assertTrue(again.select("details.admin-password").hasAttr("open"), "the form the person used stays open");
        assertEquals(401, browser.get("/api/v1/me").status());
        Http.Response token = app.http().postJson("/api/v1/tokens", Map.of("email", MEMBER, "password", "member-password-1"));
        assertEquals(403, token.status());
        assertEquals("password_sign_in_off", token.json().get("error").get("code").asText());

        assertEquals(201, app.http().postJson("/api/v1/tokens", Map.of("email", TestApp.ADMIN_EMAIL.toUpperCase(),
                "password", TestApp.ADMIN_PASSWORD)).status(), "the administrator's password works");
        assertEquals(200, app.signedInAdmin().get("/").status());
        Http sso = app.http();
        assertEquals(302, SsoFlow.signIn(sso, null, MEMBER, person(MEMBER, null)).status());
        assertEquals(MEMBER, sso.get("/api/v1/me").json().get("email").asText(), "the member, linked, by the provider");
    }
}
