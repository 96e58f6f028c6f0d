package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dataclips.AppFixture;
import dataclips.Skips;
import dataclips.TestApp;
import dataclips.embedded.EmbeddedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium for the browser tests, with its own empty profile (so no cookies from any other
 * browser of the test) and its own download directory; closing it quits the browser and deletes both.
 * {@link #missing()} says why the browser tests skip locally, and fails them in CI, where .ci/run installs it.
 */
final class Chromium implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    // Selenium's "no CDP implementation matching 156" is noise: the only CDP used goes through chromedriver's own
    // endpoint (executeCdpCommand), which needs no devtools version. Held here so the setting sticks.
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    final WebDriver driver;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why the browser tests cannot run here (null when they can); in CI a missing Chromium is a failure ({@link Skips}). */
    static String missing() {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(p)) {
                missing.add(p.toString());
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        String why = "the browser tests need " + String.join(" and ", missing) + " (apt-get install chromium chromium-driver)";
        return Skips.unlessCi(why);
    }

    /** A fresh browser: empty profile, downloads saved without asking into {@link #downloads()}. */
    static Chromium open() throws IOException {
        return open(true);
    }

    /** The same, with JavaScript switched off, as some users and locked-down machines have it. */
    static Chromium withoutJavaScript() throws IOException {
        return open(false);
    }

    private static Chromium open(boolean javascript) throws IOException {
        CDP_LOG.setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("dataclips-chromium-");
        Files.createDirectories(profile.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + profile.resolve("profile"));
        Map<String, Object> prefs = new HashMap<>(Map.of("download.default_directory",
                profile.resolve("downloads").toString(), "download.prompt_for_download", false,
                "download.directory_upgrade", true));
        if (!javascript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2); // 2: blocked
        }
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Chromium(driver, profile);
    }

    Path downloads() {
        return profile.resolve("downloads");
    }

    WebDriverWait await() {
        return new WebDriverWait(driver, WAIT);
    }

    /**
     * Clicks a button or link that leads to another page and waits until that page has replaced this one: a wait for
     * something on the next page could otherwise find it on this one, just before it goes.
     */
    void clickThrough(WebElement button) {
        button.click();
        awaitNextPage(button);
    }

    void clickThrough(By button) {
        clickThrough(driver.findElement(button));
    }

    /** Waits until the page that held this element has been replaced (after a click and, say, a confirmation). */
    void awaitNextPage(WebElement fromThePageBefore) {
        await().until(ExpectedConditions.stalenessOf(fromThePageBefore));
    }

    /** Signs in as the test admin through the real sign-in form (whatever hidden fields it carries). */
    void signIn(AppFixture app) {
        signIn(app, TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    }

    /** Signs in as this user through the real sign-in form. */
    void signIn(AppFixture app, String email, String password) {
        driver.get(app.base() + "/sign-in");
        driver.findElement(By.name("email")).sendKeys(email);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        await().until(ExpectedConditions.presenceOfElementLocated(signOutButton()));
        assertFalse(driver.getCurrentUrl().contains("/sign-in"), driver.getCurrentUrl());
    }

    /** Fills the new-clip form (title, the sample source, SQL) and saves it; answers the clip's URL, where it now is. */
    String createClip(AppFixture app, String title, String sql) {
        driver.get(app.base() + "/clips/new");
        driver.findElement(By.name("title")).sendKeys(title);
        new Select(driver.findElement(By.id("source-select"))).selectByValue("employees");
        typeSql(sql);
        driver.findElement(By.xpath("//button[normalize-space()='Save and run']")).click();
        await().until(ExpectedConditions.urlMatches("/clips/[a-z2-7]{26}$"));
        return driver.getCurrentUrl();
    }

    /**
     * Puts SQL at the end of the editor's text as one insertion, the way a paste or an input method does (Chromium's
     * {@code Input.insertText}): the text arrives exactly, with no completion accepted by a newline on the way.
     * The plain text area where the editor is not on the page.
     */
    void typeSql(String sql) {
        WebElement editor = sqlEditor();
        if (editor == null) {
            driver.findElement(By.name("sql")).sendKeys(sql);
            return;
        }
        editor.click();
        keys(Keys.CONTROL, Keys.END);
        ((ChromeDriver) driver).executeCdpCommand("Input.insertText", Map.of("text", sql));
    }

    /** Types key by key into the editor, as a user at the keyboard does (completions open as they would). */
    void typeSqlByKeys(String text) {
        sqlEditor().sendKeys(text);
    }

    /**
     * Presses a key where the focus is, holding the modifiers before it: {@code keys(Keys.CONTROL, Keys.ENTER)}.
     * (Selenium's Actions.sendKeys releases each key before the next, so a chord string would not hold Control.)
     */
    void keys(CharSequence... keys) {
        Actions actions = new Actions(driver);
        for (int i = 0; i < keys.length - 1; i++) {
            actions.keyDown(keys[i]);
        }
        actions.sendKeys(keys[keys.length - 1]);
        for (int i = keys.length - 2; i >= 0; i--) {
            actions.keyUp(keys[i]);
        }
        actions.perform();
    }

    /** Replaces the editor's whole text, as select-all and typing would. */
    void replaceSql(String sql) {
        WebElement editor = sqlEditor();
        if (editor == null) {
            driver.findElement(By.name("sql")).clear();
        } else {
            editor.click();
            keys(Keys.CONTROL, "a");
            keys(Keys.DELETE);
        }
        typeSql(sql);
    }

    /** The CodeMirror editor's text, as the editor holds it (and the hidden text area the form posts). */
    String sqlText() {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector('textarea[name=sql]').value");
    }

    private WebElement sqlEditor() {
        List<WebElement> editor = driver.findElements(By.cssSelector(".sql-editor .cm-content"));
        return editor.isEmpty() ? null : editor.get(0);
    }

    static By signOutButton() {
        return By.xpath("//form[@action='/sign-out']//button[normalize-space()='Sign out']");
    }

    /** Waits for the clip page's results table to arrive and reads its body, cell by cell. */
    List<List<String>> awaitRows() {
        WebElement table = await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#result[data-loaded='true'] table.results")));
        return rows(table);
    }

    static List<List<String>> rows(WebElement table) {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
            rows.add(tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        }
        return rows;
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    void assertNoAlert() {
        try {
            fail("an alert opened: " + driver.switchTo().alert().getText());
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    /** Lets the page at origin ("http://localhost:1234") write and read the clipboard without asking (CDP). */
    void grantClipboard(String origin) {
        ((ChromeDriver) driver).executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** What the clipboard holds, as the page reads it (navigator.clipboard.readText; needs {@link #grantClipboard}). */
    String clipboardText() {
        Object text = ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, function (e) { done('clipboard refused: ' + e); });");
        return (String) text;
    }

    /** Saves what the browser shows as target/screenshots/{name} (CI keeps target/ as artifacts). */
    void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG");
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), png);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            EmbeddedCluster.deleteTree(profile);
        }
    }
}
