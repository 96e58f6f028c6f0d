package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestClips;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Every main page as its owner and as a link holder sees it, at 1400 and 800 pixels wide: a screenshot of each in
 * target/screenshots/ ({page}-{who}-{width}.png, the clip page once with its sections shut and once per section
 * open), and, measured in the DOM, no element wider than the box it sits in. The owner's clip page, its sections
 * shut, stays short: its results come first and the rest waits behind three headings.
 */
class PageTourBrowserTest {
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    private static String bars;
    private static String withParameter;
    private static long snapshot;
    private final Chromium owner = app.owner();

    @BeforeAll
    static void clips() throws Exception {
        if (app.owner() == null) {
            return; // no Chromium here: the tests report themselves skipped
        }
        bars = app.slug("Employees by department", """
                select d.dept_name as department, count(*) as employees
                from dept_emp de join departments d on d.dept_no = de.dept_no
                where de.to_date = '9999-01-01' group by d.dept_name order by employees desc""");
        Http api = app.http();
        String token = app.admin();
        snapshot = api.postJson("/api/v1/clips/" + bars + "/snapshots", Map.of("label", "First look"), Http.bearer(token))
                .json().get("id").asLong();
        api.postJson("/api/v1/clips/" + bars + "/snapshots", Map.of(), Http.bearer(token));
        api.send("PUT", "/api/v1/clips/" + bars + "/schedule", Map.of("every", "monthly", "day", 1, "at", "06:00",
                "zone", "Europe/Oslo"), Http.bearer(token));
        api.send("PATCH", "/api/v1/clips/" + bars, Map.of("sql", "select d.dept_name as department, count(*) as "
                + "employees from dept_emp de join departments d on d.dept_no = de.dept_no where de.to_date = "
                + "'9999-01-01' group by d.dept_name order by employees desc, department"), Http.bearer(token));
        String failing = app.slug("A clip that fails", "select d.dept_name, 1 / (count(*) - count(*)) as n "
                + "from departments d group by 1");
        assertEquals(200, api.get("/clips/" + failing + "/table").status(), "its failed run, for the audit log");
        withParameter = TestClips.withParameters(app.app(), token, "Hires since a date", "select date_trunc('year', "
                + "hire_date)::date as year, count(*) as hires from employees where hire_date >= {{since}} group by 1 order by 1",
                "[{\"name\":\"since\",\"type\":\"date\",\"default\":\"1990-01-01\"}]");
    }

    @Test
    void everyPageOfTheOwnerFitsItsWindowAtBothWidths() throws Exception {
        for (int width : PageChecks.WIDTHS) {
            PageChecks.width(owner, width);
            visit(owner, "/", "home-owner", width);
            visit(owner, "/clips/new", "new-clip-owner", width);
            clipPage(owner, "clip-owner", width, List.of("edit", "share", "history"));
            visit(owner, "/clips/" + bars + "/snapshots/" + snapshot, "snapshot-owner", width);
            visit(owner, "/clips/" + bars + "/versions", "versions-owner", width);
            visit(owner, "/clips/" + bars + "/compare", "compare-owner", width);
            visit(owner, "/clips/" + bars + "/runs", "runs-owner", width);
            visit(owner, "/admin/runs", "audit-log-owner", width);
            long errorWidth = (Long) ((JavascriptExecutor) owner.driver).executeScript("return Math.round(Math.min.apply(null,"
                    + " Array.from(document.querySelectorAll('table.runs td.error-cell')).filter(function (c) {"
                    + " return c.textContent.trim(); }).map(function (c) { return c.getBoundingClientRect().width; })))");
            assertTrue(errorWidth >= width - 100, "a run's error is as wide as the audit log, " + errorWidth
                    + " px wide at " + width + " px");
            visit(owner, "/sources", "databases-owner", width);
            visit(owner, "/admin/users", "users-owner", width);
            visit(owner, "/account/tokens", "tokens-owner", width);
            visit(owner, "/clips/" + withParameter + "?since=banana", "bad-value-owner", width);
            visit(owner, "/signin", "error-owner", width);
            owner.driver.get(app.base() + "/clips/" + bars);
            awaitResults(owner);
            PageChecks.openOnly(owner, "history");
            owner.driver.findElement(By.id("schedule")).isDisplayed();
            ((JavascriptExecutor) owner.driver).executeScript("document.getElementById('schedule').scrollIntoView()");
            PageChecks.assertNothingOverflows(owner, "the schedule");
            owner.screenshot("schedule-owner-" + width + ".png");
        }
    }

    @Test
    void everyPageOfALinkHolderFitsItsWindowAtBothWidths() throws Exception {
        try (Chromium anonymous = Chromium.open()) {
            for (int width : PageChecks.WIDTHS) {
                PageChecks.width(anonymous, width);
                clipPage(anonymous, "clip-link-holder", width, List.of("share"));
                visit(anonymous, "/clips/" + bars + "/snapshots/" + snapshot, "snapshot-link-holder", width);
                visit(anonymous, "/clips/" + withParameter + "?since=banana", "bad-value-link-holder", width);
                visit(anonymous, "/clips/nosuchclipnosuchclipnosuch", "error-link-holder", width);
                visit(anonymous, "/sign-in", "sign-in", width);
            }
        }
    }

    @Test
    void theOwnersClipPageWithItsSectionsShutIsShort() {
        PageChecks.width(owner, 1400);
        owner.driver.get(app.base() + "/clips/" + bars);
        awaitResults(owner);
        awaitChart(owner);
        PageChecks.openOnly(owner, "");
        long height = PageChecks.pageHeight(owner);
        System.out.println("PageTourBrowserTest: the owner's clip page, sections shut, at 1400 x 1000: " + height + " px");
        assertTrue(height <= 1500, "the owner's clip page is " + height + " px tall with its sections shut");
        assertEquals(List.of("Edit", "Share", "History"), owner.texts("details.section > summary h2"));
    }

    /** The clip page with its results and chart, its sections shut, then each of sections open on its own. */
    private void clipPage(Chromium browser, String name, int width, List<String> sections) throws IOException {
        browser.driver.get(app.base() + "/clips/" + bars);
        awaitResults(browser);
        awaitChart(browser);
        PageChecks.openOnly(browser, "");
        PageChecks.assertNothingOverflows(browser, name);
        PageChecks.screenshot(browser, name + "-" + width + ".png");
        for (String section : sections) {
            PageChecks.openOnly(browser, section);
            PageChecks.assertNothingOverflows(browser, name + " with " + section + " open");
            PageChecks.screenshot(browser, name.replace("clip-", "clip-" + section + "-") + "-" + width + ".png");
        }
    }

    private void visit(Chromium browser, String path, String name, int width) throws IOException {
        browser.driver.get(app.base() + path);
        browser.await().until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        if (!browser.driver.findElements(By.cssSelector("#result[data-src]")).isEmpty()) {
            awaitResults(browser);
        }
        PageChecks.assertNothingOverflows(browser, name);
        PageChecks.screenshot(browser, name + "-" + width + ".png");
    }

    private static void awaitResults(Chromium browser) {
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result[data-loaded='true']")));
    }

    /** The chart's SVG loaded into its object (same origin: its document is readable once it is there). */
    private static void awaitChart(Chromium browser) {
        browser.await().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "var o = document.querySelector('object.chart');"
                        + " return !!(o && o.contentDocument && o.contentDocument.querySelector('svg'));")));
    }
}
