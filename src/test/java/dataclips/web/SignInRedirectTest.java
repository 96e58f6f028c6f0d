package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SsoFlow;
import dataclips.TestApp;
import dataclips.TestIdentityProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After signing in, ?next= sends the browser on only within this site. Browsers drop tabs and newlines and read
 * a backslash as a slash, so each of these would have left the site (the first was found by an outside probe:
 * "/\t/evil.test" became "//evil.test"); every one goes to "/" instead, on the signed-in redirect, in the form's
 * hidden field and after the form's post; and the same through single sign-on (the button's link, /auth/oidc?next=
 * and where its callback sends the browser).
 */
class SignInRedirectTest {
    static final List<String> FOREIGN = List.of("/\t/evil.test", "/\n/evil.test", "/\r\n/evil.test", "//evil.test",
            "/\\evil.test", "\\/evil.test", "\\\\evil.test", "/%5Cevil.test", "/%5cevil.test", "%2F%2Fevil.test",
            "/%2F/evil.test", "/%09/evil.test", "/%0a/evil.test", "%252F%252Fevil.test", "/%252F%252Fevil.test",
            "/%25252F%25252Fevil.test", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "https://evil.test/",
            "http:evil.test", "evil.test", "/ /evil.test", "/\u00a0/evil.test", "/\u2028/evil.test", "/\u0000/evil.test",
            "/%zz", "", " /clips");
    static final List<String> LOCAL = List.of("/", "/clips/abc", "/clips/abc?refresh=1&x=%2Fy", "/sources", "/a/b/c");
    @RegisterExtension
    static final AppFixture app = new AppFixture(TestIdentityProvider.shared().settings());

    @Test
    void onlyAPathOnThisSiteIsATarget() {
        for (String next : FOREIGN) {
            assertEquals("/", RedirectTarget.safe(next), "'" + next + "'");
        }
        for (String next : LOCAL) {
            assertEquals(next, RedirectTarget.safe(next));
        }
        assertEquals("/", RedirectTarget.safe(null));
    }

    @Test
    void theSignedInRedirectTheFormAndItsPostAllStayOnTheSite() {
        Http signedIn = app.signedInAdmin();
        for (String next : FOREIGN.stream().filter(n -> n.indexOf('\0') < 0).toList()) {
            String query = "/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
            Http.Response redirect = signedIn.get(query);
            assertEquals(302, redirect.status(), next);
            assertEquals("/", redirect.header("Location").orElseThrow(), "signed in, next='" + next + "'");

            Http browser = app.http();
            Http.Response form = browser.get(query);
            assertEquals("/", Jsoup.parse(form.body()).select("input[name=next]").val(), "the form's next='" + next + "'");
            Http.Response posted = browser.postForm("/sign-in", Map.of("email", TestApp.ADMIN_EMAIL, "password",
                    TestApp.ADMIN_PASSWORD, "next", next, "_csrf", form.csrf()));
            assertEquals(302, posted.status(), posted.body());
            assertEquals("/", posted.header("Location").orElseThrow(), "posted next='" + next + "'");
        }
        assertEquals("/clips/abc?refresh=1", signedIn.get("/sign-in?next=%2Fclips%2Fabc%3Frefresh%3D1").header("Location")
                .orElseThrow(), "a path of this site is kept");
    }

    @Test
    void singleSignOnsNextFollowsTheSameRules() {
        Http signedIn = app.signedInAdmin();
        int n = 0;
        for (String next : FOREIGN.stream().filter(n2 -> n2.indexOf('\0') < 0).toList()) {
            String query = "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
            assertEquals("/auth/oidc", Jsoup.parse(app.http().get("/sign-in" + query).body()).select("a.sso-button")
                    .attr("href"), "the button, next='" + next + "'");
            assertEquals("/", signedIn.get("/auth/oidc" + query).header("Location").orElseThrow(), "signed in");
            String email = "next-" + (++n) + "-" + java.util.UUID.randomUUID() + "@example.com";
            Http.Response back = SsoFlow.signIn(app.http(), next, email, SsoFlow.person(email, null));
            assertEquals(302, back.status(), back.body());
            assertEquals("/", back.header("Location").orElseThrow(), "after the provider, next='" + next + "'");
        }
        String email = "next-local-" + java.util.UUID.randomUUID() + "@example.com";
        assertEquals("/clips/abc?refresh=1", SsoFlow.signIn(app.http(), "/clips/abc?refresh=1", email,
                SsoFlow.person(email, null)).header("Location").orElseThrow(), "a path of this site is kept");
    }
}
