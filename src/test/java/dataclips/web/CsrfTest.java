package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.SsoFlow;
import dataclips.TestApp;
import dataclips.TestIdentityProvider;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every form post carries a CSRF token, and a post without it (or with another's) is refused and changes nothing; a
 * single sign-on's answer signs in only the browser that started it.
 */
class CsrfTest {
    @RegisterExtension
    static final CrawledSite app = new CrawledSite(TestIdentityProvider.shared().settings());

    @Test
    void everyPostFormOnEveryPageAnAdminReachesCarriesTheSessionsToken() {
        Http browser = app.signedInAdmin();
        Map<String, Document> pages = SitePages.crawl(browser, app.fixture());
        assertTrue(pages.keySet().containsAll(SitePages.MUST_INCLUDE), pages.keySet().toString());
        String expected = browser.get("/account/tokens").csrf();
        Set<String> kinds = new TreeSet<>();
        int forms = 0;
        for (Map.Entry<String, Document> page : pages.entrySet()) {
            for (Element form : SitePages.postForms(page.getValue())) {
                String token = form.select("input[name=_csrf]").val();
                assertFalse(token.isEmpty(), "form to " + form.attr("action") + " on " + page.getKey() + " has no _csrf");
                assertEquals(expected, token, "form to " + form.attr("action") + " on " + page.getKey());
                kinds.add(SitePages.kind(form.attr("action")));
                forms++;
            }
        }
        String clip = "/clips/*";
        for (String kind : Set.of("/sign-out", "/admin/users", "/account/tokens", "/clips", "/sources", "/sources/*/delete",
                clip + "/edit", clip + "/sharing", clip + "/rotate", clip + "/fork", clip + "/delete", clip + "/snapshots",
                clip + "/snapshots/*/pin", clip + "/snapshots/*/delete", clip + "/schedule", clip + "/schedule/delete",
                clip + "/versions/*/restore", clip + "/members", "/admin/teams", "/admin/teams/*/delete",
                "/admin/teams/*/members", "/admin/teams/*/members/remove", "/admin/users/*/role", "/admin/users/*/active",
                "/admin/users/*/hand-over", "/sources/*/access")) {
            assertTrue(kinds.contains(kind), "no form posting to " + kind + " was found; found " + kinds);
        }
        assertTrue(forms >= 30, "forms seen: " + forms + " on " + pages.size() + " pages");
        System.out.println("CsrfTest: " + forms + " post forms of " + kinds.size() + " kinds on " + pages.size() + " pages: "
                + pages.keySet());
    }

    @Test
    void formsPostedWithoutTheTokenOrWithAnotherSessionsTokenAreRefusedAndChangeNothing() {
        Http browser = app.signedInAdmin();
        String otherSessionsToken = app.signedInAdmin().get("/account/tokens").csrf();
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        SitePages.crawl(browser, app.fixture()).values().forEach(page -> SitePages.postForms(page).forEach(form ->
                forms.putIfAbsent(form.attr("action"), SitePages.fields(form))));
        String before = state();
        for (Map.Entry<String, Map<String, String>> form : forms.entrySet()) {
            Http.Response without = browser.postForm(form.getKey(), form.getValue());
            assertEquals(403, without.status(), "without a token: " + form.getKey());
            assertTrue(without.body().contains("reload the page"), without.body());
            Map<String, String> foreign = new HashMap<>(form.getValue());
            foreign.put("_csrf", otherSessionsToken);
            assertEquals(403, browser.postForm(form.getKey(), foreign).status(), "another session's token: " + form.getKey());
        }
        assertEquals(before, state(), "a refused form changed something");
        assertEquals(200, browser.get("/account/tokens").status(), "the refused sign-out did not end the session");
        Map<String, String> real = Map.of("name", "made from the page", "_csrf", browser.get("/account/tokens").csrf());
        assertEquals(201, browser.postForm("/account/tokens", real).status(), "the same form with its token works");
        System.out.println("CsrfTest: " + forms.size() + " distinct forms refused without a token and with another's");
    }

    @Test
    void theSignInFormCarriesADoubleSubmitCookieTokenAndRefusesCrossSitePosts() {
        Http browser = app.http();
        Http.Response page = browser.get("/sign-in");
        String token = page.csrf();
        assertFalse(token.isEmpty());
        assertEquals(token, browser.cookie("dataclips_csrf"));
        String setCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("dataclips_csrf="))
                .findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        assertEquals(token, browser.get("/sign-in").csrf(), "the token stays while the cookie does");

        Map<String, String> credentials = Map.of("email", TestApp.ADMIN_EMAIL, "password", TestApp.ADMIN_PASSWORD);
        Http.Response noToken = browser.postForm("/sign-in", credentials);
        assertEquals(403, noToken.status());
        assertTrue(noToken.body().contains("reload the page"), noToken.body());
        assertNull(browser.cookie("dataclips_session"));

        Http other = app.http();
        other.get("/sign-in");
        assertEquals(403, other.postForm("/sign-in", with(credentials, token)).status(), "another browser's token");
        assertNull(other.cookie("dataclips_session"));
        Http forger = app.http();
        assertEquals(403, forger.postForm("/sign-in", with(credentials, token)).status(), "a token without its cookie");

        assertEquals(403, browser.postForm("/sign-in", with(credentials, token), "Sec-Fetch-Site", "cross-site").status());
        assertEquals(403, browser.postForm("/sign-in", with(credentials, token), "Sec-Fetch-Site", "same-site").status());
        assertEquals(403, browser.postForm("/sign-in", with(credentials, token), "Origin", "http://evil.example").status());
        assertNull(browser.cookie("dataclips_session"), "no refused post signed in");

        // Under Referrer-Policy: no-referrer browsers send "Origin: null" for their own forms: that alone is no refusal.
        Http.Response signedIn = browser.postForm("/sign-in", with(credentials, token), "Origin", "null",
                "Sec-Fetch-Site", "same-origin");
        assertEquals(302, signedIn.status(), signedIn.body());
        assertNotNull(browser.cookie("dataclips_session"));
    }

    /**
     * Login CSRF through single sign-on: someone starts a sign-on, signs in at the provider as themselves and gets
     * another person's browser to open the provider's answer. That browser has no binding cookie for the sign-on, so it
     * is refused, and it is not signed in as them; the answer still works where it was started.
     */
    @Test
    void aSingleSignOnAnswerSignsInOnlyTheBrowserThatStartedIt() {
        Http attacker = app.http();
        Http.Response start = attacker.get("/auth/oidc");
        String binding = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("dataclips_oidc="))
                .findFirst().orElseThrow();
        assertTrue(binding.contains("HttpOnly") && binding.contains("SameSite=Lax") && binding.contains("Path=/auth/oidc"),
                binding);
        String email = "mallory-" + java.util.UUID.randomUUID() + "@example.com";
        java.net.URI answer = SsoFlow.login(SsoFlow.start(attacker, null), email, SsoFlow.person(email, null));
        Http victim = app.http();
        victim.get("/sign-in");
        Http.Response r = SsoFlow.callback(victim, answer);
        assertEquals(400, r.status(), r.body());
        assertNull(victim.cookie("dataclips_session"), "the victim is not signed in as the attacker");
        Http elsewhere = app.http();
        elsewhere.get("/auth/oidc"); // a binding cookie of its own is not the one the sign-on was bound to
        assertEquals(400, SsoFlow.callback(elsewhere, answer).status());
        assertEquals(302, SsoFlow.callback(attacker, answer).status(), "in the browser that started it, it still works");
    }

    @Test
    void signedInFormsFromAnotherOriginAreRefusedEvenWithTheTokenButBearerCallsAreExempt() {
        Http browser = app.signedInAdmin();
        String token = browser.get("/account/tokens").csrf();
        Map<String, String> form = Map.of("name", "cross-site", "_csrf", token);
        assertEquals(403, browser.postForm("/account/tokens", form, "Origin", "https://evil.example").status());
        assertEquals(403, browser.postForm("/account/tokens", form, "Sec-Fetch-Site", "cross-site").status());
        assertEquals(201, browser.postForm("/account/tokens", form, "Origin", app.base(), "Sec-Fetch-Site", "same-origin")
                .status());
        // "Origin: null" is what a sandboxed frame or a data: page sends to hide where it is: foreign, unless the
        // browser itself says the post is same-origin (as it does for our own no-referrer pages, above).
        assertEquals(403, browser.postForm("/account/tokens", form, "Origin", "null").status());
        assertEquals(403, browser.postForm("/account/tokens", form, "Origin", "null", "Sec-Fetch-Site", "none").status());
        assertEquals(403, browser.postForm("/account/tokens", form, "Origin", "null", "Sec-Fetch-Site", "cross-site").status());
        assertEquals(403, browser.postForm("/account/tokens", form, "Origin", "https://dataclips.example",
                "X-Forwarded-Host", "dataclips.example").status(), "X-Forwarded-Host counts behind a trusted proxy only");

        Http.Response api = app.http().postJson("/api/v1/clips", Map.of("title", "by script", "source", "employees",
                "sql", "select 1"), "Authorization", "Bearer " + app.admin(), "Origin", "https://elsewhere.example");
        assertEquals(201, api.status(), "API calls with a bearer token carry no cookies to forge: " + api.body());
        assertEquals(403, browser.send("DELETE", "/api/v1/tokens/1", "{}").status(), "cookie-authenticated API calls need the token");
        assertTrue(app.slug("still works", "select 1").length() >= 26);
    }

    private static Map<String, String> with(Map<String, String> form, String csrf) {
        Map<String, String> copy = new HashMap<>(form);
        copy.put("_csrf", csrf);
        return copy;
    }

    /**
     * Run now (?refresh=1) is a GET that makes the app work for the signed-in owner: a cross-site link to the table, or
     * to the page (whose own script would then ask for the table), starts no run; the page's own request does.
     */
    @Test
    void runNowFromAnotherSiteStartsNoRun() {
        Http owner = app.signedInAdmin();
        String slug = app.slug("run now", "select clock_timestamp()::text as t");
        String table = "/clips/" + slug + "/table?refresh=1";
        for (String[] foreign : new String[][] {{"Sec-Fetch-Site", "cross-site"}, {"Sec-Fetch-Site", "same-site"}, {}}) {
            Http.Response refused = owner.get(table, foreign);
            assertEquals(403, refused.status(), String.join(": ", foreign) + " " + refused.body());
            assertTrue(refused.body().contains("open the clip and click Run now"), refused.body());
            Document page = org.jsoup.Jsoup.parse(owner.get("/clips/" + slug + "?refresh=1", foreign).body());
            assertEquals("/clips/" + slug + "/table", page.selectFirst("#result").attr("data-src"), "no refresh asked");
            assertTrue(page.select(".notice").text().contains("Run now runs the clip only when clicked"), page.text());
        }
        assertEquals(0, runs(slug), "nothing ran");
        Document page = org.jsoup.Jsoup.parse(owner.get("/clips/" + slug + "?refresh=1", "Sec-Fetch-Site", "same-origin").body());
        assertEquals(table, page.selectFirst("#result").attr("data-src"));
        assertEquals(200, owner.get(table, "Sec-Fetch-Site", "same-origin").status());
        assertEquals(1, runs(slug), "the page's own request ran it");
    }

    private static int runs(String slug) {
        return app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(app.admin())).json().size();
    }

    /** Everything a forged form could have changed, read through the API (times of use left out). */
    private static String state() {
        String clip = "/api/v1/clips/" + app.fixture().slug();
        StringBuilder s = new StringBuilder();
        for (String path : new String[] {clip, clip + "/versions", clip + "/snapshots", clip + "/schedule", "/api/v1/users",
                "/api/v1/clips?mine=1", clip + "/members", "/api/v1/teams", "/api/v1/sources/employees/access",
                "/api/v1/access-changes"}) {
            Http.Response r = app.http().get(path, Http.bearer(app.admin()));
            s.append(path).append(' ').append(r.status()).append(' ').append(r.body()).append('\n');
        }
        app.http().get("/api/v1/sources", Http.bearer(app.admin())).json().forEach(src -> s.append(src.get("name").asText()));
        app.http().get("/api/v1/tokens", Http.bearer(app.admin())).json().forEach(t -> s.append(t.get("id")).append(t.get("name")));
        return s.toString();
    }
}
