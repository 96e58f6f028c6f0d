package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a person sees of a page, measured in the browser's DOM: the window set to a width, whether any element sticks
 * out of the box it sits in, the page's height, and a screenshot of the whole page (target/screenshots/, which CI
 * keeps).
 */
final class PageChecks {
    static final List<Integer> WIDTHS = List.of(1400, 800);
    static final int HEIGHT = 1000;
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** Taller pages are cut in the screenshot (the audit log can be thousands of pixels long). */
    private static final int LONGEST_SHOT = 6000;

    /**
     * Every visible element whose box reaches past its parent's (or the window's), described by tag, class and sizes;
     * inside a box that scrolls or clips (a wide table's own scroll box, the editor) elements may, by design.
     */
    private static final String OVERFLOWS = """
            var out = [];
            var root = document.documentElement;
            if (root.scrollWidth > root.clientWidth) {
              out.push('the page is ' + root.scrollWidth + ' px wide in a ' + root.clientWidth + ' px window');
            }
            function clipped(el) {
              for (var a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                var o = getComputedStyle(a).overflowX;
                if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { return true; }
              }
              return false;
            }
            function name(el) {
              return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
            }
            document.querySelectorAll('body *').forEach(function (el) {
              var style = getComputedStyle(el);
              if (style.position === 'absolute' || style.position === 'fixed' || style.display === 'none'
                  || style.display === 'contents' || el.closest('template, noscript, details:not([open]) > :not(summary)')
                  || clipped(el)) { return; }
              var r = el.getBoundingClientRect();
              var p = el.parentElement.getBoundingClientRect();
              if (r.width > 0 && (r.right > p.right + 1 || r.left < p.left - 1)) {
                out.push(name(el) + ' (' + Math.round(r.width) + ' px, ' + Math.round(r.left) + '..' + Math.round(r.right)
                  + ') in ' + name(el.parentElement) + ' (' + Math.round(p.width) + ' px, ' + Math.round(p.left) + '..'
                  + Math.round(p.right) + ')');
              }
            });
            return out.slice(0, 20);""";

    private PageChecks() {}

    /** The browser's window this wide (and {@value #HEIGHT} tall); the page lays itself out again. */
    static void width(Chromium browser, int width) {
        browser.driver.manage().window().setSize(new Dimension(width, HEIGHT));
        browser.await().until(d -> ((Number) js(browser).executeScript("return window.innerWidth")).intValue() <= width);
    }

    /** No element of the page sticks out of its box (nor the page out of the window), at the window's width now. */
    static void assertNothingOverflows(Chromium browser, String page) {
        assertEquals(List.of(), js(browser).executeScript(OVERFLOWS), page + " at "
                + js(browser).executeScript("return window.innerWidth") + " px");
    }

    /** The height of the whole page, in CSS pixels. */
    static long pageHeight(Chromium browser) {
        return ((Number) js(browser).executeScript("return document.documentElement.scrollHeight")).longValue();
    }

    /** Opens the clip page's section (Edit, Share, History) by its heading, as a person does, unless it is open. */
    static void openSection(Chromium browser, String id) {
        org.openqa.selenium.WebElement section = browser.driver.findElement(org.openqa.selenium.By.id(id));
        if (section.getDomAttribute("open") == null) {
            section.findElement(org.openqa.selenium.By.tagName("summary")).click();
            browser.await().until(d -> section.getDomAttribute("open") != null);
        }
    }

    /** Every section of the clip page shut, or only the one with this id open. */
    static void openOnly(Chromium browser, String sectionId) {
        js(browser).executeScript("var open = arguments[0];"
                + " document.querySelectorAll('details.section').forEach(function (d) { d.open = d.id === open; });",
                sectionId);
    }

    /** The whole page (up to {@value #LONGEST_SHOT} px tall) as target/screenshots/{name}, through the DevTools protocol. */
    static void screenshot(Chromium browser, String name) throws IOException {
        long height = Math.min(LONGEST_SHOT, pageHeight(browser));
        long width = ((Number) js(browser).executeScript("return document.documentElement.clientWidth")).longValue();
        Map<String, Object> shot = ((ChromeDriver) browser.driver).executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** The whole page as {@link #screenshot} takes it, at 1400 px ({name}.png) and 800 px ({name}-800.png) wide. */
    static void screenshots(Chromium browser, String name) throws IOException {
        for (int width : WIDTHS) {
            width(browser, width);
            screenshot(browser, name + (width == 1400 ? "" : "-" + width) + ".png");
        }
        width(browser, 1400);
    }

    /** One element as it shows at the window's width, as target/screenshots/{name}. */
    static void screenshot(Chromium browser, String name, org.openqa.selenium.By element) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.driver.findElement(element)
                .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private static JavascriptExecutor js(Chromium browser) {
        return (JavascriptExecutor) browser.driver;
    }
}
