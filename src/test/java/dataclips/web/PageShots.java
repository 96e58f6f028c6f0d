package dataclips.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;

/** Screenshots of whole pages at a width, and of one element, into target/screenshots/ (beside Chromium's own). */
final class PageShots {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private PageShots() {}

    /** The whole page at this window width, its height grown to the page's (at most 8000 px); then back to 1400. */
    static void page(Chromium browser, String name, int width) throws IOException {
        browser.driver.manage().window().setSize(new Dimension(width, 1000));
        long height = (Long) ((JavascriptExecutor) browser.driver).executeScript("return Math.max(document.body.scrollHeight, "
                + "document.documentElement.scrollHeight) + window.outerHeight - window.innerHeight");
        browser.driver.manage().window().setSize(new Dimension(width, (int) Math.min(8000, height + 20)));
        browser.screenshot(name);
        browser.driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    /** One element as it shows at the window's width. */
    static void element(Chromium browser, String name, By element) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.driver.findElement(element).getScreenshotAs(OutputType.BYTES));
    }
}
