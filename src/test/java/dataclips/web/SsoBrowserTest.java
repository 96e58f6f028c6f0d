package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.SsoFlow;
import dataclips.TestApp;
import dataclips.TestIdentityProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Single sign-on in Chromium (issue 30): a person clicks "Sign in with Acme SSO", signs in on the provider's own form
 * and lands where they were going; signs out and is offered the provider's sign-out; and the pages of refused
 * sign-ons, of a provider that cannot be reached and of password sign-in turned off, each checked and saved at 1400 and
 * 800 px in target/screenshots/ as the page tour does.
 */
class SsoBrowserTest {
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture(IDP.settings(Map.of("DATACLIPS_OIDC_EMAIL_DOMAINS", "example.com")));

    @Test
    void aPersonClicksSignInWithTheProviderAndSignsOutOfBoth() throws IOException {
        try (Chromium person = Chromium.open()) {
            person.driver.get(app.base() + "/sources");
            person.await().until(ExpectedConditions.urlContains("/sign-in?next=%2Fsources"));
            WebElement button = person.driver.findElement(By.cssSelector("a.sso-button"));
            assertEquals("Sign in with Acme SSO", button.getText());
            shots(person, "sso-sign-in");
            button.click();
            String email = "pat-" + RUN + "@example.com";
            providerForm(person, "pat-" + RUN, "{\"email\": \"" + email + "\", \"email_verified\": true}");
            person.await().until(ExpectedConditions.presenceOfElementLocated(Chromium.signOutButton()));
            assertTrue(person.driver.getCurrentUrl().endsWith("/sources"), person.driver.getCurrentUrl());
            assertEquals(email, person.driver.findElement(By.cssSelector(".who")).getText());

            person.driver.findElement(Chromium.signOutButton()).click();
            person.await().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Signed out"));
            assertTrue(person.driver.findElements(Chromium.signOutButton()).isEmpty(), "the page shows nobody signed in");
            shots(person, "sso-signed-out");
            person.driver.findElement(By.linkText("Sign out of Acme SSO too")).click();
            person.await().until(ExpectedConditions.urlContains(IDP.issuer() + "/endsession"));
            person.driver.get(app.base() + "/sources");
            person.await().until(ExpectedConditions.urlContains("/sign-in"));
        }
    }

    @Test
    void refusedSignInsArePagesThatSayWhatToDo() throws IOException {
        try (Chromium person = Chromium.open()) {
            person.driver.get(app.base() + "/sign-in");
            person.driver.findElement(By.cssSelector("a.sso-button")).click();
            providerForm(person, "quinn-" + RUN, "{\"email\": \"quinn@example.net\", \"email_verified\": true}");
            person.await().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "quinn@example.net may not sign in "
                    + "here"));
            shots(person, "sso-refused-domain");

            person.driver.get(app.base() + "/auth/oidc");
            person.await().until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
            String state = SsoFlow.query(URI.create(person.driver.getCurrentUrl())).get("state");
            person.driver.get(app.base() + "/auth/oidc/callback?error=access_denied&state=" + state);
            person.await().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "You did not allow Dataclips to "
                    + "use your Acme SSO account"));
            shots(person, "sso-refused-denied");

            person.driver.get(app.base() + "/auth/oidc/callback?code=stale&state=" + state);
            person.await().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "This sign-in has expired"));
            shots(person, "sso-refused-expired");
        }
    }

    @Test
    void anUnreachableProviderAndPasswordSignInOffAsTheSignInPageShowsThem() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> down = Map.of("DATACLIPS_OIDC_ISSUER", "http://localhost:" + port + "/default",
                "DATACLIPS_OIDC_CLIENT_ID", TestIdentityProvider.CLIENT_ID, "DATACLIPS_OIDC_CLIENT_SECRET",
                TestIdentityProvider.CLIENT_SECRET, "DATACLIPS_OIDC_PROVIDER_NAME", TestIdentityProvider.NAME);
        try (TestApp unreachable = TestApp.start(down); Chromium person = Chromium.open()) {
            person.driver.get(unreachable.base() + "/sign-in");
            person.await().until(d -> {
                d.navigate().refresh();
                return !d.findElements(By.cssSelector(".sso-button.unavailable")).isEmpty();
            });
            assertEquals("Sign in with Acme SSO is unavailable", person.driver.findElement(By.cssSelector(".sso-button"))
                    .getText());
            shots(person, "sso-sign-in-unavailable");
            person.driver.get(unreachable.base() + "/auth/oidc");
            person.await().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Acme SSO cannot be reached"));
            shots(person, "sso-unreachable");
        }
        try (TestApp off = TestApp.start(IDP.settings(Map.of("DATACLIPS_PASSWORD_SIGNIN", "false")));
             Chromium person = Chromium.open()) {
            person.driver.get(off.base() + "/sign-in");
            person.driver.findElement(By.cssSelector("details.admin-password summary")).click();
            person.await().until(ExpectedConditions.visibilityOfElementLocated(By.name("password")));
            shots(person, "sso-sign-in-password-off");
        }
    }

    /** The provider's own sign-in form: a user name, and the claims its ID token will carry. */
    private static void providerForm(Chromium person, String subject, String claims) {
        person.await().until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        person.driver.findElement(By.name("username")).sendKeys(subject);
        WebElement textarea = person.driver.findElement(By.name("claims"));
        textarea.clear();
        textarea.sendKeys(claims);
        person.driver.findElement(By.cssSelector("input[type=submit]")).click();
    }

    /** As the page tour does (PageTourBrowserTest): at 1400 and 800 px, nothing sticks out, and {name}-{width}.png. */
    private static void shots(Chromium browser, String name) throws IOException {
        for (int width : PageChecks.WIDTHS) {
            PageChecks.width(browser, width);
            PageChecks.assertNothingOverflows(browser, name);
            PageChecks.screenshot(browser, name + "-" + width + ".png");
        }
        PageChecks.width(browser, PageChecks.WIDTHS.get(0));
    }
}
