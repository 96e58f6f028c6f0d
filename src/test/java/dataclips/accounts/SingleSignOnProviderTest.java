package dataclips.accounts;

import static dataclips.SsoFlow.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.SsoFlow;
import dataclips.TestApp;
import dataclips.TestIdentityProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The provider as it is in real life: down when the app starts (the app starts all the same, the sign-in page says
 * single sign-on is unavailable, and it works once the provider is back), down in the middle of a sign-on, restarted
 * with new signing keys (the app fetches its JWKS again), and refusing a wrong client secret.
 */
class SingleSignOnProviderTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theAppStartsWithoutItsProviderAndSignsPeopleInOnceItIsBack() throws IOException {
        int port = freePort();
        String issuer = "http://localhost:" + port + "/default";
        try (TestApp app = TestApp.start(Map.of("DATACLIPS_OIDC_ISSUER", issuer, "DATACLIPS_OIDC_CLIENT_ID",
                TestIdentityProvider.CLIENT_ID, "DATACLIPS_OIDC_CLIENT_SECRET", TestIdentityProvider.CLIENT_SECRET,
                "DATACLIPS_OIDC_PROVIDER_NAME", TestIdentityProvider.NAME))) {
            Http browser = app.http();
            assertEquals(200, browser.get("/health").status());
            Document page = await(() -> Jsoup.parse(browser.get("/sign-in").body()),
                    p -> !p.select(".sso-button.unavailable").isEmpty(), "the sign-in page to say SSO is unavailable");
            assertEquals("Sign in with Acme SSO is unavailable", page.select(".sso-button").text());
            assertTrue(page.select(".sso-problem").text().startsWith("Acme SSO could not be reached when Dataclips last "
                    + "asked (Connection refused)"), page.select(".sso-problem").text());
            assertTrue(page.select("a.sso-button").isEmpty(), "nothing to click");
            Http.Response down = browser.get("/auth/oidc");
            assertEquals(503, down.status());
            assertEquals("Acme SSO cannot be reached", Jsoup.parse(down.body()).select("main h1").text());
            assertTrue(Jsoup.parse(down.body()).select("main").text().contains("Try again in a minute"), down.body());
            assertEquals(200, app.signedInAdmin().get("/").status(), "the password still signs the admin in");

            TestIdentityProvider provider = TestIdentityProvider.start(port);
            try {
                await(() -> browser.get("/auth/oidc").status(), s -> s == 302, "a click to reach the provider again");
                String email = "back-" + RUN + "@example.com";
                assertEquals(302, SsoFlow.signIn(app.http(), null, "back-" + RUN, person(email, null)).status());

                Http midway = app.http();
                URI back = SsoFlow.login(SsoFlow.start(midway, null), "mid-" + RUN, person("mid-" + RUN + "@example.com", null));
                provider.close();
                provider = null;
                Http.Response gone = SsoFlow.callback(midway, back);
                assertEquals(503, gone.status(), gone.body());
                assertTrue(Jsoup.parse(gone.body()).select("main .error-message").text().contains("token endpoint did not"
                        + " answer"), gone.body());

                provider = TestIdentityProvider.start(port, TestIdentityProvider.newKey("rotated-" + RUN));
                Http rotated = app.http();
                assertEquals(302, SsoFlow.signIn(rotated, null, "back-" + RUN, person(email, null)).status(),
                        "a token signed with the provider's new key");
                assertEquals(email, rotated.get("/api/v1/me").json().get("email").asText());
            } finally {
                if (provider != null) {
                    provider.close();
                }
            }
        }
    }

    @Test
    void aWrongClientSecretIsAPageForTheAdministratorNotA500() {
        TestIdentityProvider idp = TestIdentityProvider.shared();
        try (TestApp app = TestApp.start(idp.settings(Map.of("DATACLIPS_OIDC_CLIENT_SECRET", "not-the-secret")))) {
            Http browser = app.http();
            String email = "secret-" + RUN + "@example.com";
            Http.Response r = SsoFlow.signIn(browser, null, "secret-" + RUN, person(email, null));
            assertEquals(502, r.status(), r.body());
            Document page = Jsoup.parse(r.body());
            assertEquals("Acme SSO refused Dataclips' own credentials", page.select("main h1").text());
            assertTrue(page.select("main").text().contains("check DATACLIPS_OIDC_CLIENT_ID and DATACLIPS_OIDC_CLIENT_SECRET"),
                    page.text());
            assertTrue(page.select("main a.button").isEmpty(), "starting again cannot help");
            assertEquals(401, browser.get("/api/v1/me").status());
        }
    }

    @Test
    void withoutSingleSignOnItsUrlsAreNotFoundPages() {
        try (TestApp app = TestApp.start()) {
            for (String path : new String[] {"/auth/oidc", "/auth/oidc/callback?code=x&state=y"}) {
                Http.Response r = app.http().get(path);
                assertEquals(404, r.status());
                assertEquals("Single sign-on is not set up", Jsoup.parse(r.body()).select("main h1").text());
            }
            assertNull(Jsoup.parse(app.http().get("/sign-in").body()).selectFirst(".sso"), "no button");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The value once it passes the test, asked again every 200 ms for at most 30 s. */
    private static <T> T await(Supplier<T> value, java.util.function.Predicate<T> test, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            T now = value.get();
            if (test.test(now)) {
                return now;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited 30 s for " + what + "; last: " + now);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
