package dataclips.accounts;

import static dataclips.SsoFlow.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SsoFlow;
import dataclips.TestIdentityProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Single sign-on against a real OpenID Connect provider started by the test run, through its login form, with a client
 * that keeps the app's cookies: the whole flow, the account it makes or links, teams and the admin role following the
 * groups claim, refusals a person can act on, signing out at the provider too, and API tokens for SSO users.
 */
class SingleSignOnTest {
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ADMINS = "dataclips-admins-" + RUN;
    @RegisterExtension
    static final AppFixture app = new AppFixture(IDP.settings(Map.of("DATACLIPS_OIDC_EMAIL_DOMAINS", "example.com, Example.ORG",
            "DATACLIPS_OIDC_ADMIN_GROUP", ADMINS)));

    private static String email(String who) {
        return who + "-" + RUN + "@example.com";
    }

    @Test
    void aPersonSignsInThroughTheProviderAndLandsWhereTheyWereGoing() {
        Http browser = app.http();
        Http.Response asked = browser.get("/sources");
        assertEquals("/sign-in?next=%2Fsources", asked.header("Location").orElseThrow());
        Document signIn = Jsoup.parse(browser.get("/sign-in?next=%2Fsources").body());
        assertEquals("Sign in with Acme SSO", signIn.select("a.sso-button").text());
        assertEquals("/auth/oidc?next=%2Fsources", signIn.select("a.sso-button").attr("href"));

        SsoFlow.Authorization to = SsoFlow.start(browser, "/sources");
        assertEquals(IDP.issuer() + "/authorize", to.url().getScheme() + "://" + to.url().getRawAuthority() + to.url().getPath());
        Map<String, String> p = to.parameters();
        assertEquals("code", p.get("response_type"));
        assertEquals(TestIdentityProvider.CLIENT_ID, p.get("client_id"));
        assertEquals(app.base() + "/auth/oidc/callback", p.get("redirect_uri"));
        assertEquals("S256", p.get("code_challenge_method"));
        assertEquals(43, p.get("code_challenge").length(), "a SHA-256 in base64url");
        assertTrue(to.state().length() >= 32 && to.nonce().length() >= 32, p.toString());
        assertEquals(List.of("openid", "email", "profile"), List.of(p.get("scope").split(" ")));

        URI back = SsoFlow.login(to, "ann-" + RUN, person(email("ann"), List.of()));
        Http.Response done = SsoFlow.callback(browser, back);
        assertEquals(302, done.status(), done.body());
        assertEquals("/sources", done.header("Location").orElseThrow());
        JsonNode me = browser.get("/api/v1/me").json();
        assertEquals(email("ann"), me.get("email").asText());
        assertEquals("MEMBER", me.get("role").asText());
        assertEquals(200, browser.get("/sources").status());

        JsonNode created = change("user_created", "user " + email("ann"));
        assertEquals(AccessAudit.SINGLE_SIGN_ON, created.get("actor").asText());
        assertTrue(created.get("details").path("subject").asText().equals("ann-" + RUN), created.toString());

        Http again = app.http();
        assertEquals(302, SsoFlow.signIn(again, null, "ann-" + RUN, person(email("ann"), null)).status());
        assertEquals(me.get("id").asLong(), again.get("/api/v1/me").json().get("id").asLong(), "the same account");
        assertEquals(1, users(email("ann")), "one account");
    }

    @Test
    void teamsNamingAGroupFollowTheGroupsClaimAtEachSignIn() {
        String sales = team("sales", "Sales-" + RUN);
        String eng = team("eng", "Engineering-" + RUN);
        String manual = team("manual", null);
        Http bea = app.http();
        assertEquals(302, SsoFlow.signIn(bea, null, "bea-" + RUN, person(email("bea"), List.of("Sales-" + RUN, "Other"))).status());
        put("/api/v1/teams/" + manual + "/members/" + email("bea"));
        assertEquals(List.of(manual, sales), teamsOf(email("bea")));

        SsoFlow.signIn(app.http(), null, "bea-" + RUN, person(email("bea"), List.of("Engineering-" + RUN)));
        assertEquals(List.of(eng, manual), teamsOf(email("bea")), "sales left, engineering joined, the manual team kept");
        SsoFlow.signIn(app.http(), null, "bea-" + RUN, person(email("bea"), null));
        assertEquals(List.of(eng, manual), teamsOf(email("bea")), "no groups claim: memberships as they were");
        SsoFlow.signIn(app.http(), null, "bea-" + RUN, person(email("bea"), List.of("engineering-" + RUN)));
        assertEquals(List.of(manual), teamsOf(email("bea")), "an empty list of this app's groups (names compare exactly)");

        JsonNode removed = change("team_member_removed", "team " + eng);
        assertEquals(AccessAudit.SINGLE_SIGN_ON, removed.get("actor").asText());
        assertTrue(removed.get("details").path("user").asText().equals(email("bea")), removed.toString());
        assertEquals(409, app.http().send("PUT", "/api/v1/teams/" + sales + "/members/" + email("bea"), "",
                Http.bearer(app.admin())).status(), "the provider keeps such a team");
    }

    @Test
    void theAdminGroupGivesTheAdminRoleAndTakesBackOnlyWhatItGave() {
        SsoFlow.signIn(app.http(), null, "cid-" + RUN, person(email("cid"), List.of(ADMINS)));
        assertEquals("ADMIN", user(email("cid")).get("role").asText());
        assertEquals(AccessAudit.SINGLE_SIGN_ON, change("user_role_set", "user " + email("cid")).get("actor").asText());
        SsoFlow.signIn(app.http(), null, "cid-" + RUN, person(email("cid"), null));
        assertEquals("ADMIN", user(email("cid")).get("role").asText(), "no groups claim: the role stays");
        SsoFlow.signIn(app.http(), null, "cid-" + RUN, person(email("cid"), List.of("Sales")));
        assertEquals("MEMBER", user(email("cid")).get("role").asText(), "left the group: the group's role goes");

        SsoFlow.signIn(app.http(), null, "dot-" + RUN, person(email("dot"), List.of()));
        assertEquals(200, app.http().send("PATCH", "/api/v1/users/" + email("dot"), Map.of("role", "admin"),
                Http.bearer(app.admin())).status());
        SsoFlow.signIn(app.http(), null, "dot-" + RUN, person(email("dot"), List.of("Sales")));
        assertEquals("ADMIN", user(email("dot")).get("role").asText(), "an admin made by hand stays one");
    }

    @Test
    void anExistingPasswordAccountIsLinkedOnceAndASecondSubjectIsRefused() {
        String eve = email("eve");
        Http.Response made = app.http().postJson("/api/v1/users", Map.of("email", eve.toUpperCase(), "password",
                "eve-password-1", "role", "member"), Http.bearer(app.admin()));
        assertEquals(201, made.status(), made.body());
        Http browser = app.http();
        assertEquals(302, SsoFlow.signIn(browser, null, "eve-" + RUN, person(eve, null)).status());
        assertEquals(made.json().get("id").asLong(), browser.get("/api/v1/me").json().get("id").asLong(), "linked");
        assertEquals(AccessAudit.SINGLE_SIGN_ON, change("user_linked", "user " + eve).get("actor").asText());
        assertEquals(201, app.http().postJson("/api/v1/tokens", Map.of("email", eve, "password", "eve-password-1")).status(),
                "the password still works");

        Http other = app.http();
        Http.Response refused = SsoFlow.signIn(other, null, "eve-impostor-" + RUN, person(eve, null));
        assertEquals(409, refused.status());
        assertEquals(eve + " belongs to another Acme SSO account", Jsoup.parse(refused.body()).select("h1").text());
        assertEquals(401, other.get("/api/v1/me").status(), "nobody signed in");
        assertEquals(1, users(eve));
    }

    @Test
    void refusalsArePagesThatSayWhatHappenedAndWhatToDo() {
        Http browser = app.http();
        Http.Response unverified = SsoFlow.signIn(browser, null, "fay-" + RUN,
                Map.of("email", email("fay"), "email_verified", false));
        assertPage(unverified, 403, "Acme SSO has not verified " + email("fay"), "Verify the address at Acme SSO");
        Http.Response foreign = SsoFlow.signIn(browser, null, "gil-" + RUN, person("gil-" + RUN + "@example.net", null));
        assertPage(foreign, 403, "gil-" + RUN + "@example.net may not sign in here", "accepts accounts of example.com, "
                + "example.org only");
        Http.Response noEmail = SsoFlow.signIn(browser, null, "hal-" + RUN, Map.of("name", "Hal"));
        assertPage(noEmail, 502, "Acme SSO did not say your email address", "email scope");

        SsoFlow.Authorization to = SsoFlow.start(browser, "/sources");
        Http.Response denied = browser.get("/auth/oidc/callback?error=access_denied&error_description=Call+555&state="
                + to.state());
        assertPage(denied, 403, "You did not allow Dataclips to use your Acme SSO account", "start again and accept");
        assertFalse(denied.body().contains("555"), "the provider's (or a forger's) description is never shown");
        assertEquals("/auth/oidc?next=%2Fsources", Jsoup.parse(denied.body()).select("a.button").attr("href"));

        SsoFlow.signIn(app.http(), null, "ivy-" + RUN, person(email("ivy"), null));
        assertEquals(200, app.http().send("PATCH", "/api/v1/users/" + email("ivy"), Map.of("active", false),
                Http.bearer(app.admin())).status());
        Http ivy = app.http();
        assertPage(SsoFlow.signIn(ivy, null, "ivy-" + RUN, person(email("ivy"), null)), 403,
                "The account " + email("ivy") + " is deactivated", "reactivate");
        assertEquals(401, ivy.get("/api/v1/me").status());
        assertEquals(0, users(email("fay")) + users("gil-" + RUN + "@example.net"), "no account for a refused person");
    }

    @Test
    void signingOutEndsTheSessionAndOffersTheProvidersEndSession() {
        Http browser = app.http();
        SsoFlow.signIn(browser, null, "jo-" + RUN, person(email("jo"), null));
        String csrf = browser.get("/account/tokens").csrf();
        Http.Response token = browser.postForm("/account/tokens", Map.of("_csrf", csrf, "name", "jo's script"));
        assertEquals(201, token.status(), "SSO users make API tokens on their account page");
        String secret = Jsoup.parse(token.body()).select("code.token, .token code, code").stream().map(e -> e.text())
                .filter(t -> t.startsWith("dc_")).findFirst().orElseThrow();
        assertEquals(email("jo"), app.http().get("/api/v1/me", Http.bearer(secret)).json().get("email").asText());

        Http.Response out = browser.postForm("/sign-out", Map.of("_csrf", csrf));
        assertEquals(200, out.status(), out.body());
        URI endSession = URI.create(Jsoup.parse(out.body()).select("a.button").attr("href"));
        assertEquals(IDP.issuer() + "/endsession", endSession.getScheme() + "://" + endSession.getRawAuthority()
                + endSession.getPath());
        assertEquals(TestIdentityProvider.CLIENT_ID, SsoFlow.query(endSession).get("client_id"));
        assertEquals(3, SsoFlow.query(endSession).get("id_token_hint").split("\\.").length, "the session's ID token");
        assertEquals(401, browser.get("/api/v1/me").status(), "our session ended");

        Http password = app.signedInAdmin();
        Http.Response plain = password.postForm("/sign-out", Map.of("_csrf", password.get("/account/tokens").csrf()));
        assertEquals("/sign-in", plain.header("Location").orElseThrow(), "a password session has no provider to leave");
    }

    private static void assertPage(Http.Response r, int status, String title, String advice) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        Document page = Jsoup.parse(r.body());
        assertEquals(title, page.select("main h1").text());
        assertTrue(page.select("main").text().contains(advice), page.select("main").text());
        assertFalse(r.body().matches("(?s).*(Exception|java\\.|dataclips\\.[a-z]+\\.).*"), "no Java in the page");
    }

    private static String team(String name, String group) {
        String full = name + "-" + RUN;
        Map<String, String> body = group == null ? Map.of("name", full) : Map.of("name", full, "idp_group", group);
        assertEquals(201, app.http().postJson("/api/v1/teams", body, Http.bearer(app.admin())).status());
        return full;
    }

    private static void put(String path) {
        assertEquals(200, app.http().send("PUT", path, "", Http.bearer(app.admin())).status());
    }

    private static List<String> teamsOf(String email) {
        List<String> names = new ArrayList<>();
        app.http().get("/api/v1/teams", Http.bearer(app.admin())).json().forEach(t -> t.get("members").forEach(m -> {
            if (m.asText().equals(email)) {
                names.add(t.get("name").asText());
            }
        }));
        return names.stream().sorted().toList();
    }

    private static JsonNode user(String email) {
        for (JsonNode u : app.http().get("/api/v1/users", Http.bearer(app.admin())).json()) {
            if (u.get("email").asText().equals(email)) {
                return u;
            }
        }
        throw new AssertionError("no user " + email);
    }

    private static long users(String email) {
        return app.http().get("/api/v1/users", Http.bearer(app.admin())).json().findValuesAsText("email").stream()
                .filter(email::equals).count();
    }

    /** The newest audit entry of this action on this subject. */
    private static JsonNode change(String action, String subject) {
        for (JsonNode c : app.http().get("/api/v1/access-changes", Http.bearer(app.admin())).json()) {
            if (c.get("action").asText().equals(action) && c.get("subject").asText().equals(subject)) {
                return c;
            }
        }
        throw new AssertionError("no " + action + " of " + subject);
    }
}
