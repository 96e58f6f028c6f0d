package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.RawHttp;
import dataclips.TestApp;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The absolute URLs the app writes and the Secure flag of its cookies follow DATACLIPS_BASE_URL when it is set,
 * and X-Forwarded-Proto / X-Forwarded-Host only behind a trusted proxy (DATACLIPS_TRUST_PROXY=true): otherwise
 * any client could have an answer name its host, or mark cookies Secure over plain HTTP. The Origin check of
 * form posts believes the same headers.
 */
class SiteAddressTest {
    private static final String[] FORWARDED = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.test"};

    @Test
    void withoutATrustedProxyForwardedHeadersChangeNothing() throws Exception {
        try (TestApp app = TestApp.start()) {
            String token = app.adminToken();
            Http.Response created = app.http().postJson("/api/v1/clips", Map.of("title", "t", "source", "employees",
                    "sql", "select 1"), concat(Http.bearer(token), FORWARDED));
            assertTrue(created.json().get("url").asText().startsWith(app.base() + "/clips/"), created.body());
            assertFalse(sessionCookie(signIn(app, FORWARDED)).contains("Secure"), "plain HTTP: no Secure cookie");
            Http browser = app.signedInAdmin();
            Map<String, String> form = Map.of("name", "t", "_csrf", browser.get("/account/tokens").csrf());
            assertEquals(403, browser.postForm("/account/tokens", form, "Origin", "https://evil.test",
                    "X-Forwarded-Host", "evil.test").status(), "an untrusted X-Forwarded-Host does not make an Origin ours");
        }
    }

    @Test
    void theBaseUrlIsInEveryAbsoluteUrlWhateverTheRequestSays() throws Exception {
        try (TestApp app = TestApp.start(Map.of("DATACLIPS_BASE_URL", "https://clips.example.com/"))) {
            String token = app.adminToken();
            String raw = RawHttp.exchange(app, "POST", "/api/v1/clips", Map.of("Host", "evil.test",
                    "Authorization", "Bearer " + token, "Content-Type", "application/json"),
                    "{\"title\":\"t\",\"source\":\"employees\",\"sql\":\"select 1\"}");
            Matcher url = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(raw);
            assertTrue(url.find(), raw);
            assertTrue(url.group(1).matches("https://clips\\.example\\.com/clips/[a-z2-7]{26}"), url.group(1));
            String slug = url.group(1).substring(url.group(1).lastIndexOf('/') + 1);
            Http.Response rotated = app.http().postJson("/api/v1/clips/" + slug + "/rotate", Map.of(), concat(
                    Http.bearer(token), FORWARDED));
            assertTrue(rotated.json().get("url").asText().startsWith("https://clips.example.com/clips/"), rotated.body());
            assertTrue(sessionCookie(signIn(app)).contains("Secure"), "users reach it over https: Secure cookies");
        }
    }

    @Test
    void behindATrustedProxyTheForwardedHeadersNameTheSite() throws Exception {
        try (TestApp app = TestApp.start(Map.of("DATACLIPS_TRUST_PROXY", "true"))) {
            String[] proxy = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "dataclips.example"};
            Http.Response created = app.http().postJson("/api/v1/clips", Map.of("title", "t", "source", "employees",
                    "sql", "select 1"), concat(Http.bearer(app.adminToken()), proxy));
            assertTrue(created.json().get("url").asText().startsWith("https://dataclips.example/clips/"), created.body());
            assertTrue(sessionCookie(signIn(app, proxy)).contains("Secure"));
            Http browser = app.signedInAdmin();
            Map<String, String> form = Map.of("name", "t", "_csrf", browser.get("/account/tokens").csrf());
            assertEquals(201, browser.postForm("/account/tokens", form, "Origin", "https://dataclips.example",
                    "X-Forwarded-Host", "dataclips.example").status(), "behind the proxy the forwarded host is ours");
        }
    }

    /** The sign-in form's post, with these extra headers; its response. */
    private static Http.Response signIn(TestApp app, String... headers) {
        Http browser = app.http();
        String csrf = browser.get("/sign-in").csrf();
        Http.Response r = browser.postForm("/sign-in", Map.of("email", TestApp.ADMIN_EMAIL, "password",
                TestApp.ADMIN_PASSWORD, "_csrf", csrf), headers);
        assertEquals(302, r.status(), r.body());
        return r;
    }

    private static String sessionCookie(Http.Response r) {
        List<String> cookies = r.headers().allValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("dataclips_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + cookies));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
