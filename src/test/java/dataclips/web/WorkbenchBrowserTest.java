package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The new clip page's workbench in Chromium: the editor (completion, highlighting, brackets, undo, Ctrl-Enter,
 * Ctrl-S, the error marked), previews, cancel, the schema panel's filter, and the forms with JavaScript off.
 */
class WorkbenchBrowserTest {
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    private final Chromium owner = app.owner();
    private final WebDriver browser = app.browser();

    @Test
    void ctrlEnterPreviewsTheDraftWithoutSavingIt() throws Exception {
        open();
        owner.typeSql("select emp_no from employees order by emp_no");
        owner.keys(Keys.CONTROL, Keys.ENTER);
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
        owner.await().until(d -> owner.texts(".sql-editor .cm-sql-error").equals(List.of("nosuchcolumn")));
        owner.typeSql(" ");
        assertEquals(List.of(), owner.texts(".sql-editor .cm-sql-error"), "an edit clears the mark");
    }

    @Test
    void theEditorCompletesTableAndColumnNamesFromTheSchema() throws Exception {
        open();
        owner.typeSqlByKeys("select * from sala");
        owner.await().until(d -> owner.texts(".cm-tooltip-autocomplete li").stream().anyMatch(t -> t.startsWith("salaries")));
        owner.screenshot("workbench-editor-completion.png");
        owner.keys(Keys.ENTER);
        assertEquals("select * from salaries", owner.sqlText());
        owner.typeSqlByKeys(" where salaries.sal");
        owner.await().until(d -> owner.texts(".cm-tooltip-autocomplete li").stream().anyMatch(t -> t.startsWith("salary")));
        owner.keys(Keys.ENTER);
        assertEquals("select * from salaries where salaries.salary", owner.sqlText());
    }

    @Test
    void theEditorHighlightsMatchesBracketsNumbersLinesAndUndoes() throws Exception {
        open();
        owner.typeSqlByKeys("select (1 + 2) as three");
        assertEquals("select (1 + 2) as three", owner.sqlText(), "the typed closing bracket steps over the inserted one");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertEquals("flex", js.executeScript("return getComputedStyle(document.querySelector('.cm-editor')).display"),
                "CodeMirror's styles apply under the page's CSP (a constructed style sheet, no <style> element)");
        assertEquals(0L, js.executeScript("return document.querySelectorAll('style').length"));
        String keyword = (String) js.executeScript("var s = Array.from(document.querySelectorAll('.cm-line span'))"
                + ".find(function (e) { return e.textContent === 'select'; }); return s ? getComputedStyle(s).color : null");
        String plain = (String) js.executeScript("return getComputedStyle(document.querySelector('.cm-line')).color");
        assertTrue(keyword != null && !keyword.equals(plain), "select is highlighted: " + keyword + " vs " + plain);
        assertEquals(List.of("1"), js.executeScript("return Array.from(document.querySelectorAll("
                + "'.sql-editor .cm-lineNumbers .cm-gutterElement')).filter(function (e) {"
                + " return getComputedStyle(e).visibility !== 'hidden'; }).map(function (e) { return e.textContent; })"),
                "line numbers");
        owner.keys(Keys.CONTROL, Keys.HOME);
        owner.keys(Keys.CONTROL, Keys.ARROW_RIGHT);
        owner.keys(Keys.ARROW_RIGHT);
        owner.keys(Keys.ARROW_RIGHT); // after "("
        owner.await().until(d -> owner.texts(".sql-editor .cm-matchingBracket").equals(List.of("(", ")")));
        owner.screenshot("workbench-editor.png");
        owner.keys(Keys.CONTROL, "z");
        assertTrue(owner.sqlText().length() < "select (1 + 2) as three".length(), "undone: " + owner.sqlText());
        owner.keys(Keys.CONTROL, Keys.SHIFT, "z");
        assertEquals("select (1 + 2) as three", owner.sqlText(), "redone");
    }

    @Test
    void ctrlSSavesTheClip() {
        open();
        browser.findElement(By.name("title")).sendKeys("Saved with Ctrl-S");
        owner.typeSql("select count(*) as n from departments");
        owner.keys(Keys.CONTROL, "s");
        owner.await().until(ExpectedConditions.urlMatches("/clips/[a-z2-7]{26}$"));
        assertEquals(List.of(List.of("9")), owner.awaitRows());
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
        filter.sendKeys("salar"); // part of a table's name: that table, closed
        assertEquals(List.of("salaries"), owner.texts("#schema details.schema-table:not([hidden]) summary code"));
        owner.screenshot("workbench-schema.png");
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), "birth_date"); // only a column's name: its table, open at it
        assertEquals(List.of("employees"), owner.texts("#schema details.schema-table:not([hidden]) summary code"));
        assertEquals(List.of("employees"), owner.texts("#schema details.schema-table[open] summary code"));
        assertEquals(List.of("birth_date"), owner.texts("#schema details.schema-table:not([hidden]) li:not([hidden]) > code"));
    }

    @Test
    void withJavaScriptOffTheFormsStillCreateAndEditAClip() throws Exception {
        try (Chromium plain = Chromium.withoutJavaScript()) {
            plain.signIn(app);
            String url = plain.createClip(app, "Without JavaScript", "select count(*) as n from departments");
            WebDriver page = plain.driver;
            assertEquals(List.of(), page.findElements(By.cssSelector(".sql-editor")), "no editor: the text area is it");
            assertTrue(page.findElement(By.id("result")).getText().contains("The downloads above work without it"));
            PageChecks.openSection(plain, "edit"); // <details>: its heading opens it without JavaScript
            assertFalse(page.findElement(By.cssSelector("#editor .preview")).isDisplayed(), "previews need JavaScript");
            WebElement sql = page.findElement(By.cssSelector("#editor textarea[name=sql]"));
            assertTrue(sql.isDisplayed());
            sql.clear();
            sql.sendKeys("select count(*) as n\nfrom dept_manager");
            page.findElement(By.xpath("//div[@id='editor']//button[normalize-space()='Save']")).click();
            plain.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "Saved."));
            assertTrue(page.findElement(By.cssSelector(".clip-facts")).getText().contains("version 2"));
            String csv = page.findElement(By.cssSelector("nav.downloads a[href$='.csv']")).getAttribute("href");
            assertEquals(url + ".csv", csv);
            Http.Response download = new Http(app.base()).get(csv.substring(app.base().length()));
            assertEquals(200, download.status());
            assertEquals(List.of("n", "24"), download.body().lines().toList(), "the edited SQL's result, by link");
        }
    }

    private void open() {
        browser.get(app.base() + "/clips/new");
        new Select(browser.findElement(By.id("source-select"))).selectByValue("employees");
        owner.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".preview")));
        owner.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".sql-editor .cm-content")));
    }
}
