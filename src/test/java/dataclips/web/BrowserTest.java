package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dataclips.TestApp;
import dataclips.TestCluster;
import dataclips.embedded.EmbeddedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clip pages in a real headless Chromium: sign in through the form, write a clip, watch its results load
 * (escaped), open the link in a second browser without cookies, cancel a slow clip and see the query gone from
 * the follower, and see a SQL error pointed at. Skips without Chromium, unless CI is set (then it fails).
 * Screenshots of the clip pages go to target/screenshots.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String XSS_VALUE = "<img src=x onerror=alert(1)>";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");
    private static final List<Path> profiles = new ArrayList<>();
    private static String skipReason;
    private static TestApp app;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        skipReason = missingChromium();
        if (skipReason != null) {
            return; // each test then reports itself skipped (visible in surefire's count)
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        CDP_LOG.setLevel(Level.SEVERE); // Selenium's "no CDP implementation matching 156" is noise: no CDP is used
        app = TestApp.start();
        browser = newBrowser();
        browser.get(app.base() + "/sign-in");
        browser.findElement(By.name("email")).sendKeys(TestApp.ADMIN_EMAIL);
        browser.findElement(By.name("password")).sendKeys(TestApp.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(signOutButton()));
        assertFalse(browser.getCurrentUrl().contains("/sign-in"), browser.getCurrentUrl());
    }

    @BeforeEach
    void requireBrowser() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (app != null) {
                app.close();
            }
            profiles.forEach(EmbeddedCluster::deleteTree);
        }
    }

    @Test
    void aClipShowsItsRowsEscapedToItsOwnerAndToAFreshBrowserHoldingTheLink() throws Exception {
        String title = "Browser clip " + UUID.randomUUID() + " <script>alert(1)</script>";
        String sql = "select emp_no, first_name, last_name, '" + XSS_VALUE + "' as xss from employees order by emp_no limit 7";
        browser.get(app.base() + "/clips/new");
        List<String> tables = texts(browser, "#schema details.schema-table summary code");
        assertTrue(tables.contains("employees") && tables.contains("salaries"), "Tables panel lists: " + tables);
        String url = create(title, sql);

        List<List<String>> rows = awaitRows(browser);
        assertEquals(7, rows.size(), "body rows: " + rows);
        assertEquals(List.of("emp_no", "first_name", "last_name", "xss"), texts(browser, "table.results thead th .col-name"));
        assertEquals("10001", rows.get(0).get(0));
        assertEquals(expectedRows(), rows, "the page shows what the follower holds");
        rows.forEach(row -> assertEquals(XSS_VALUE, row.get(3), "the markup is shown as text"));
        assertTrue(browser.findElements(By.cssSelector("table.results img")).isEmpty(), "no img element in the table");
        assertEquals(title, browser.findElement(By.cssSelector("main h1")).getText());
        assertEquals(title + " · Dataclips", browser.getTitle());
        assertTrue(browser.findElements(By.cssSelector("main h1 script, head title script")).isEmpty());
        assertNoAlert(browser);
        screenshot(browser, "clip-page-owner.png");

        WebDriver viewer = newBrowser();
        try {
            viewer.get(url);
            assertTrue(viewer.findElements(signOutButton()).isEmpty(), "a fresh browser is not signed in");
            assertNull(viewer.manage().getCookieNamed(Auth.COOKIE), "the owner's session cookie is not in a fresh browser");
            assertEquals(rows, awaitRows(viewer), "the link shows the same rows without a session");
            assertEquals(title, viewer.findElement(By.cssSelector("main h1")).getText());
            assertTrue(viewer.findElements(By.cssSelector("table.results img")).isEmpty());
            assertTrue(viewer.findElements(By.id("editor")).isEmpty(), "no editor for an anonymous viewer");
            assertNoAlert(viewer);
            screenshot(viewer, "clip-page-anonymous.png");
        } finally {
            viewer.quit();
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
        screenshot(browser, "clip-page-cancelled.png");
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
        screenshot(browser, "clip-page-sql-error.png");
    }

    /** Fills the new-clip form and saves it; answers the clip's URL, where the browser now is. */
    private static String create(String title, String sql) {
        browser.get(app.base() + "/clips/new");
        browser.findElement(By.name("title")).sendKeys(title);
        new Select(browser.findElement(By.id("source-select"))).selectByValue("employees");
        browser.findElement(By.name("sql")).sendKeys(sql);
        browser.findElement(By.xpath("//button[normalize-space()='Save and run']")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlMatches("/clips/[a-z2-7]{26}$"));
        return browser.getCurrentUrl();
    }

    /** Waits for the results table to arrive and reads its body, cell by cell. */
    private static List<List<String>> awaitRows(WebDriver driver) {
        WebElement table = new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#result[data-loaded='true'] table.results")));
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
            rows.add(tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        }
        return rows;
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
            s.setString(1, "clip:" + slug);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("reading pg_stat_activity on the follower", e);
        }
    }

    private static List<String> texts(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static By signOutButton() {
        return By.xpath("//form[@action='/sign-out']//button[normalize-space()='Sign out']");
    }

    private static void assertNoAlert(WebDriver driver) {
        try {
            fail("an alert opened: " + driver.switchTo().alert().getText());
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG");
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), png);
    }

    /** Headless Chromium with its own empty profile: no cookies from any other browser of this test. */
    private static WebDriver newBrowser() throws IOException {
        Path profile = Files.createTempDirectory("dataclips-chromium-");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /** Without Chromium the tests skip locally (answering why), but fail in CI (CI=1), where .ci/run installs it. */
    private static String missingChromium() {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                missing.add(p.toString());
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        String why = "BrowserTest needs " + String.join(" and ", missing) + " (apt-get install chromium chromium-driver)";
        if (System.getenv("CI") != null) {
            fail(why + "; CI is set, so this is a failure, not a skip");
        }
        System.err.println("Skipping: " + why);
        return why;
    }
}
