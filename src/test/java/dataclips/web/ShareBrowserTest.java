package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The "Use this clip" panel's Copy buttons in Chromium: each copies exactly the text the page shows (read back from
 * the clipboard), says "Copied" and tells the status line, for the owner and a link holder, through the Clipboard
 * API and through the fallback (select and copy) where that API is missing; a screenshot of the panel.
 */
class ShareBrowserTest {
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    private static final String TITLE = "Copy's \"test\" <b>bold</b> & [x]";
    private final Chromium owner = app.owner();

    @Test
    void everyCopyButtonCopiesTheTextShownForTheOwner() throws Exception {
        String slug = app.slug(TITLE, "select 1 as n, 'a' as s");
        Map<String, String> shown = shown(app.signedInAdmin(), slug);
        assertEquals(List.of("link", "csv", "json", "xml", "xlsx", "svg", "png", "importdata", "image", "pandas", "curl",
                "markdown"), List.copyOf(shown.keySet()));
        open(owner, slug);
        WebElement panel = owner.driver.findElement(By.id("share"));
        ((JavascriptExecutor) owner.driver).executeScript("arguments[0].scrollIntoView()", panel);
        owner.screenshot("clip-share.png");
        assertEquals(shown, copyEach(owner));
    }

    @Test
    void aLinkHoldersButtonsCopyTooAlsoWithoutTheClipboardApi() throws Exception {
        String slug = app.slug("Fallback copy", "select 1 as n");
        Map<String, String> shown = shown(app.http(), slug);
        try (Chromium anonymous = Chromium.open()) {
            open(anonymous, slug);
            assertEquals(shown, copyEach(anonymous), "with navigator.clipboard");
            // As in a browser without the Clipboard API (or an old one): share.js selects the text and copies it.
            ((JavascriptExecutor) anonymous.driver).executeScript("window.realClipboard = navigator.clipboard;"
                    + "Object.defineProperty(Navigator.prototype, 'clipboard', { get: function () { return undefined; },"
                    + " configurable: true });");
            assertEquals(null, ((JavascriptExecutor) anonymous.driver).executeScript("return navigator.clipboard || null"));
            for (String key : List.of("importdata", "curl")) {
                writeClipboard(anonymous, "before");
                click(anonymous, key);
                assertEquals(shown.get(key), readThroughSaved(anonymous), key + " by selecting and copying");
            }
        }
    }

    @Test
    void aPrivateClipsTokenLinesCopyAsShown() {
        String slug = app.slug("Private copy", "select 1 as n");
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + slug + "/sharing", Map.of("access", "private"),
                Http.bearer(app.admin())).status());
        Map<String, String> shown = shown(app.signedInAdmin(), slug);
        assertFalse(shown.containsKey("importdata"));
        open(owner, slug);
        assertEquals(shown, copyEach(owner));
        assertTrue(shown.get("curl").contains("-H \"Authorization: Bearer $DATACLIPS_TOKEN\""), shown.get("curl"));
    }

    /** The panel's lines as the server sent them (jsoup), by key. */
    private static Map<String, String> shown(Http viewer, String slug) {
        Http.Response page = viewer.get("/clips/" + slug);
        assertEquals(200, page.status());
        return ShareHelpTest.lines(Jsoup.parse(page.body()));
    }

    private static void open(Chromium chromium, String slug) {
        chromium.driver.get(app.base() + "/clips/" + slug);
        PageChecks.openSection(chromium, "share");
        chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#share button.copy")));
        chromium.grantClipboard(app.base());
    }

    /** Clicks every Copy button in turn; answers, by key, what the clipboard held after each click. */
    private static Map<String, String> copyEach(Chromium chromium) {
        Map<String, String> copied = new LinkedHashMap<>();
        for (WebElement line : chromium.driver.findElements(By.cssSelector("#share .share-line"))) {
            String key = line.getAttribute("data-key");
            String name = line.findElement(By.tagName("dt")).getText();
            writeClipboard(chromium, "before " + key);
            WebElement button = click(chromium, key);
            assertEquals("Copied", button.getText(), key);
            assertEquals("Copied " + name + " to the clipboard.",
                    chromium.driver.findElement(By.cssSelector("#share .share-status")).getAttribute("textContent"));
            String text = chromium.clipboardText();
            assertEquals(line.findElement(By.cssSelector("code.share-text")).getAttribute("textContent"), text, key);
            copied.put(key, text);
        }
        WebElement last = chromium.driver.findElement(By.cssSelector("#share .share-line:last-child button.copy"));
        chromium.await().until(d -> last.getText().equals("Copy")); // "Copied" for a moment only
        return copied;
    }

    private static WebElement click(Chromium chromium, String key) {
        WebElement button = chromium.driver.findElement(By.cssSelector("#share .share-line[data-key='" + key + "'] button.copy"));
        ((JavascriptExecutor) chromium.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        chromium.await().until(ExpectedConditions.textToBePresentInElement(button, "Copy")); // not still "Copied"
        button.click();
        chromium.await().until(ExpectedConditions.textToBePresentInElement(button, "Copied"));
        return button;
    }

    private static void writeClipboard(Chromium chromium, String text) {
        Object done = ((JavascriptExecutor) chromium.driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "(navigator.clipboard || window.realClipboard).writeText(arguments[0])"
                + ".then(function () { done('ok'); }, function (e) { done('refused: ' + e); });", text);
        assertEquals("ok", done);
    }

    private static String readThroughSaved(Chromium chromium) {
        return (String) ((JavascriptExecutor) chromium.driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "window.realClipboard.readText().then(done, function (e) { done('refused: ' + e); });");
    }
}
