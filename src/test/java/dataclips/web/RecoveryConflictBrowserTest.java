package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.ConflictingFollower;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Recovery conflicts as people see them in a real Chromium, at 1400 and 800 pixels wide: the Databases page with
 * each follower's hot-standby settings, its conflict counts and the warnings; and a clip whose every attempt the
 * follower cancels, which ends with the explained message for its owner and for a link holder, and each attempt in the
 * clip's runs (first, so that the
 * Databases page has its six conflicts to count). Screenshots go to target/screenshots/recovery-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryConflictBrowserTest {
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    /** Started by the first test that needs it, so that a run without Chromium skips before any follower starts. */
    private static ConflictingFollower follower;

    @AfterAll
    static void stopFollower() {
        if (follower != null) {
            follower.afterAll(null);
        }
    }

    @Test
    @Order(2)
    void theDatabasesPageShowsEachFollowersSettingsCountsAndWarnings() throws IOException {
        ConflictingFollower conflicting = follower();
        Chromium owner = app.owner();
        owner.driver.get(app.base() + "/sources");
        WebElement card = owner.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//section[contains(@class, 'card')][.//h2[normalize-space()='conflicts-browser']]")));
        assertEquals("hot_standby_feedback off, max_standby_streaming_delay 0 s",
                card.findElement(By.cssSelector("td.standby")).getText());
        assertEquals("6 in runs, last 24 h", card.findElement(By.cssSelector("td.conflicts span")).getText());
        List<WebElement> warnings = card.findElements(By.cssSelector("ul.standby-warnings li"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getText().startsWith("follower 1 (localhost:" + conflicting.node().port()
                + "/employees): hot_standby_feedback is off and max_standby_streaming_delay (0 s)"), warnings.get(0).getText());
        bothWidths(owner, "recovery-databases", card);
    }

    @Test
    @Order(1)
    void aClipCancelledEveryTimeExplainsItselfToItsOwnerAndToALinkHolder() throws IOException {
        ConflictingFollower conflicting = follower();
        String slug = conflicting.clip("Cancelled on every attempt", conflicting.pausedSql());
        Chromium owner = app.owner();
        owner.driver.get(app.base() + "/clips/" + slug);
        conflicting.conflictEveryAttempt(slug, 3);
        bothWidths(owner, "recovery-clip-owner", explained(owner));
        try (Chromium linkHolder = Chromium.open()) {
            linkHolder.driver.get(app.base() + "/clips/" + slug);
            conflicting.conflictEveryAttempt(slug, 3);
            bothWidths(linkHolder, "recovery-clip-link-holder", explained(linkHolder));
        }
        owner.driver.get(app.base() + "/clips/" + slug + "/runs");
        List<WebElement> attempted = owner.driver.findElements(By.cssSelector("table.runs tbody tr.attempts-row"));
        assertEquals(2, attempted.size(), "the owner's run and the link holder's");
        String cancelled = "recovery conflict on localhost:" + conflicting.node().port() + "/employees (40001): "
                + "canceling statement due to conflict with recovery";
        for (WebElement run : attempted) {
            assertEquals(List.of(cancelled, cancelled, cancelled),
                    run.findElements(By.cssSelector("ol.attempts li")).stream().map(WebElement::getText).toList());
        }
        bothWidths(owner, "recovery-runs", null);
    }

    private static WebElement explained(Chromium browser) {
        WebElement message = browser.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#result[data-loaded='true'] .error-message")));
        assertEquals(ConflictingFollower.EXPLAINED, message.getText());
        return message;
    }

    /**
     * Screenshots at 1400 and 800 pixels wide, where what the test is about (shown; null: the whole page) fits the width:
     * the page scrolls down, never sideways.
     */
    private static void bothWidths(Chromium browser, String name, WebElement shown) throws IOException {
        for (int width : new int[] {1400, 800}) {
            browser.driver.manage().window().setSize(new Dimension(width, 1000));
            Object overflow = ((JavascriptExecutor) browser.driver).executeScript("var e = arguments[0];"
                    + "if (!e) return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
                    + "if (e.getBoundingClientRect().bottom > window.innerHeight) e.scrollIntoView(false);"
                    + "return Math.max(e.scrollWidth - e.clientWidth,"
                    + " e.getBoundingClientRect().right - document.documentElement.clientWidth);", shown);
            assertTrue(((Number) overflow).doubleValue() <= 0, name + " is cut or scrolls sideways at " + width + " px");
            browser.screenshot(name + "-" + width + ".png");
        }
        browser.driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    private static synchronized ConflictingFollower follower() {
        if (follower == null) {
            follower = new ConflictingFollower(app, "conflicts-browser");
            follower.beforeAll(null);
        }
        return follower;
    }
}
