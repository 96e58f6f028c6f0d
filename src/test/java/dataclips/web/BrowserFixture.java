package dataclips.web;

import dataclips.AppFixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The browser tests' set-up: their app (an {@link AppFixture}) and one headless {@link Chromium}, the owner's,
 * signed in as the admin through the form; both start before the class's first test and close after its last.
 * Registered as {@code @RegisterExtension static final BrowserFixture app = new BrowserFixture();}. Without
 * Chromium or chromedriver ({@link Chromium#missing}) nothing starts and each test reports itself skipped with
 * the reason (visible in surefire's count); with CI set that is a failure instead.
 */
final class BrowserFixture extends AppFixture implements BeforeEachCallback {
    private final String signInScreenshot;
    private String skipReason;
    private Chromium owner;

    BrowserFixture() {
        this((String) null);
    }

    /** Also saves the sign-in page, before the owner signs in, as target/screenshots/{signInScreenshot}. */
    BrowserFixture(String signInScreenshot) {
        this.signInScreenshot = signInScreenshot;
    }

    /** The app with extra settings (single sign-on's, the delivery ones, …). */
    BrowserFixture(java.util.Map<String, String> settings) {
        super(settings);
        this.signInScreenshot = null;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        skipReason = Chromium.missing();
        if (skipReason != null) {
            return; // each test then reports itself skipped
        }
        super.beforeAll(context);
        owner = Chromium.open();
        if (signInScreenshot != null) {
            owner.driver.get(base() + "/sign-in");
            owner.await().until(ExpectedConditions.visibilityOfElementLocated(By.name("password")));
            owner.screenshot(signInScreenshot);
        }
        owner.signIn(this);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (owner != null) {
                owner.close();
            }
        } finally {
            owner = null;
            super.afterAll(context);
        }
    }

    /** The owner's browser, signed in as the admin (null when the tests skip). */
    Chromium owner() {
        return owner;
    }

    /** The owner's driver (null when the tests skip). */
    WebDriver browser() {
        return owner == null ? null : owner.driver;
    }
}
