package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.TestClips;
import dataclips.TestCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clip pages in a real headless Chromium: sign in through the form, write a clip, watch its results load
 * (escaped), open the link in a second browser without cookies, cancel a slow clip and see the query gone from
 * the follower, and see a SQL error pointed at. Skips without Chromium, unless CI is set (then it fails).
 * Screenshots of the clip pages go to target/screenshots.
 */
class BrowserTest {
    private static final String XSS_VALUE = "<img src=x onerror=alert(1)>";
    private static final Duration WAIT = Chromium.WAIT;
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    private final Chromium owner = app.owner();
    private final WebDriver browser = app.browser();

    @Test
    void aClipShowsItsRowsEscapedToItsOwnerAndToAFreshBrowserHoldingTheLink() throws Exception {
        String title = "Browser clip " + UUID.randomUUID() + " <script>alert(1)</script>";
        String sql = "select emp_no, first_name, last_name, '" + XSS_VALUE + "' as xss from employees order by emp_no limit 7";
        browser.get(app.base() + "/clips/new");
        List<String> tables = owner.texts("#schema details.schema-table summary code");
        assertTrue(tables.contains("employees") && tables.contains("salaries"), "Tables panel lists: " + tables);
        String url = create(title, sql);

        List<List<String>> rows = owner.awaitRows();
        assertEquals(7, rows.size(), "body rows: " + rows);
        assertEquals(List.of("emp_no", "first_name", "last_name", "xss"), owner.texts("table.results thead th .col-name"));
        assertEquals("10001", rows.get(0).get(0));
        assertEquals(expectedRows(), rows, "the page shows what the follower holds");
        rows.forEach(row -> assertEquals(XSS_VALUE, row.get(3), "the markup is shown as text"));
        assertTrue(browser.findElements(By.cssSelector("table.results img")).isEmpty(), "no img element in the table");
        assertEquals(title, browser.findElement(By.cssSelector("main h1")).getText());
        assertEquals(title + " · Dataclips", browser.getTitle());
        assertTrue(browser.findElements(By.cssSelector("main h1 script, head title script")).isEmpty());
        owner.assertNoAlert();
        owner.screenshot("clip-page-owner.png");

        try (Chromium anonymous = Chromium.open()) {
            WebDriver viewer = anonymous.driver;
            viewer.get(url);
            assertTrue(viewer.findElements(Chromium.signOutButton()).isEmpty(), "a fresh browser is not signed in");
            assertNull(viewer.manage().getCookieNamed(Auth.COOKIE), "the owner's session cookie is not in a fresh browser");
            assertEquals(rows, anonymous.awaitRows(), "the link shows the same rows without a session");
            assertEquals(title, viewer.findElement(By.cssSelector("main h1")).getText());
            assertTrue(viewer.findElements(By.cssSelector("table.results img")).isEmpty());
            assertTrue(viewer.findElements(By.id("editor")).isEmpty(), "no editor for an anonymous viewer");
            anonymous.assertNoAlert();
            anonymous.screenshot("clip-page-anonymous.png");
        }
    }

    @Test
    void cancellingASlowClipStopsItsQueryOnTheFollower() throws Exception {
        String url = create("Slow clip " + UUID.randomUUID(), "select pg_sleep(30)");
        String slug = url.substring(url.lastIndexOf('/') + 1);
        WebElement running = new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result .running")));
        new WebDriverWait(browser, WAIT).until(d -> activeSleeps(slug) == 1);
        new WebDriverWait(browser, WAIT).until(d -> running.findElement(By.className("elapsed")).getText().matches("[1-9]\\d*\\.\\d s"));
        running.findElement(By.cssSelector("button.cancel")).click();

        WebElement notice = new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result .notice.cancelled")));
        assertTrue(notice.getText().startsWith("Cancelled after "), notice.getText());
        assertFalse(running.isDisplayed(), "the timer is hidden once cancelled");
        assertTrue(browser.findElements(By.cssSelector("table.results")).isEmpty());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (activeSleeps(slug) > 0) {
            assertTrue(System.nanoTime() < deadline, "pg_sleep(30) still runs on the follower 10 s after Cancel");
            Thread.sleep(200);
        }
        owner.screenshot("clip-page-cancelled.png");
    }

    @Test
    void aSqlErrorShowsTheDatabaseMessageAndMarksWhereItIs() throws Exception {
        create("Broken clip " + UUID.randomUUID(), "select nosuchcolumn from employees");
        WebElement error = new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result[data-loaded='true'] .sql-error")));
        assertEquals("column \"nosuchcolumn\" does not exist", error.findElement(By.className("db-message")).getText());
        assertEquals("n", error.findElement(By.cssSelector("mark.error-at")).getText());
        assertTrue(error.getText().contains("At line 1, column 8:"), error.getText());
        assertTrue(browser.findElements(By.cssSelector("table.results")).isEmpty());
        owner.screenshot("clip-page-sql-error.png");
    }

    @Test
    void theChartAppearsAboveTheTableOnceItHasLoadedWithItsValuesOnHover() throws Exception {
        create("Chart clip " + UUID.randomUUID(), "select date '2024-01-01' + i as day, i * 10 as revenue,"
                + " i * i as squares from generate_series(1, 20) i");
        assertEquals(20, owner.awaitRows().size());
        WebElement chart = new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".chart-holder object.chart")));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // The SVG's own document: same origin, so the page's script may read what a viewer hovers over.
        new WebDriverWait(browser, WAIT).until(d -> (Long) js.executeScript("var doc = arguments[0].contentDocument;"
                + " return doc && doc.documentElement.localName === 'svg' ? doc.querySelectorAll('title').length : 0;",
                chart) >= 40);
        String hover = (String) js.executeScript("return Array.from(arguments[0].contentDocument.querySelectorAll('title'))"
                + ".map(t => t.textContent).join(' | ');", chart);
        assertTrue(hover.contains("2024-01-05") && hover.contains("revenue") && hover.contains("squares"), hover);
        assertTrue(chart.getSize().getWidth() > 300 && chart.getLocation().getY()
                < browser.findElement(By.cssSelector("table.results")).getLocation().getY(), "above the table, at width");
        owner.assertNoAlert();
        owner.screenshot("clip-page-chart.png");
    }

    /** Fills the new-clip form and saves it; answers the clip's URL, where the browser now is. */
    private String create(String title, String sql) {
        return owner.createClip(app, title, sql);
    }

    private static List<List<String>> expectedRows() throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = TestCluster.get().follower().superuserConnection("employees");
             ResultSet rs = c.createStatement().executeQuery(
                     "select emp_no, first_name, last_name from employees order by emp_no limit 7")) {
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), XSS_VALUE));
            }
        }
        return rows;
    }

    /** Active queries of this clip on the follower that are still sleeping (not this very query). */
    private static int activeSleeps(String slug) {
        try (Connection c = TestCluster.get().follower().superuserConnection("employees");
             PreparedStatement s = c.prepareStatement("select count(*) from pg_stat_activity where state = 'active'"
                     + " and pid <> pg_backend_pid() and strpos(query, 'pg_sleep(30)') > 0 and strpos(query, ?) > 0")) {
            s.setString(1, TestClips.runTag(slug));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("reading pg_stat_activity on the follower", e);
        }
    }
}
