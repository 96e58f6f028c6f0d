package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The new clip page's workbench in Chromium: Ctrl-Enter previews, errors, cancel, and the schema panel's filter. */
class WorkbenchBrowserTest {
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    private final Chromium owner = app.owner();
    private final WebDriver browser = app.browser();

    @Test
    void ctrlEnterPreviewsTheDraftWithoutSavingIt() throws Exception {
        open();
        owner.typeSql("select emp_no from employees order by emp_no");
        owner.typeSql(Keys.chord(Keys.CONTROL, Keys.ENTER));
        WebElement table = owner.await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".preview[data-loaded='true'] table.results")));
        List<List<String>> rows = Chromium.rows(table);
        assertEquals(100, rows.size(), "the default limit");
        assertEquals("10001", rows.get(0).get(0));
        assertTrue(browser.getCurrentUrl().endsWith("/clips/new"), "nothing saved, still on the form");
        owner.screenshot("workbench-preview.png");
    }

    @Test
    void aPreviewsSqlErrorShowsWhereTheDatabasePointed() {
        open();
        owner.typeSql("select nosuchcolumn from employees");
        browser.findElement(By.cssSelector(".run-preview")).click();
        WebElement error = owner.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".preview[data-loaded='true'] .sql-error")));
        assertEquals("column \"nosuchcolumn\" does not exist", error.findElement(By.className("db-message")).getText());
        assertEquals("8", error.getAttribute("data-error-position"));
    }

    @Test
    void cancellingAPreviewStopsItsQueryOnTheFollowerWithinTwoSeconds() {
        open();
        owner.typeSql("select pg_sleep(60) as slept");
        browser.findElement(By.cssSelector(".run-preview")).click();
        WebElement running = owner.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".preview .running")));
        owner.await().until(d -> PreviewQueries.sleeps() == 1);
        running.findElement(By.cssSelector("button.cancel")).click();
        long cancelled = System.nanoTime();
        owner.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".preview .notice.cancelled")));
        while (PreviewQueries.sleeps() > 0) {
            assertTrue(System.nanoTime() - cancelled < 2_000_000_000L, "the follower still runs the preview 2 s after Cancel");
            TestDatabase.sleep(50);
        }
    }

    @Test
    void theSchemaPanelFiltersTablesAndColumns() throws Exception {
        open();
        WebElement filter = browser.findElement(By.cssSelector("#schema .schema-filter"));
        filter.sendKeys("salar");
        List<String> shown = owner.texts("#schema details.schema-table:not([hidden]) summary code");
        assertEquals(List.of("salaries"), shown);
        owner.screenshot("workbench-schema.png");
    }

    private void open() {
        browser.get(app.base() + "/clips/new");
        new Select(browser.findElement(By.id("source-select"))).selectByValue("employees");
        owner.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".preview")));
    }
}
