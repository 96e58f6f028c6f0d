package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AccessWorld;
import dataclips.Http;
import dataclips.TestClips;
import dataclips.TestCluster;
import dataclips.TestDatabase;
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
 * open), and, measured in the DOM, no element wider than the box it sits in. The clip page also as an edit member and
 * as a user with view on its database sees it (README, "Teams and access"). The owner's clip page, its sections shut,
 * stays short: its results come first and the rest waits behind four headings.
 */
class PageTourBrowserTest {
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    /** The sample data again, under a name of its own: everyone may view it, the team tour-analysts query it. */
    private static final String DATABASE = "tour";
    /** In tour-analysts, and an edit member of the clip. */
    private static final String EDIT_MEMBER = "tour-editor@test.local";
    /** Only "everyone"'s level on the database: view. */
    private static final String VIEW_LEVEL = "tour-viewer@test.local";
    private static String bars;
    private static String withParameter;
    private static long snapshot;
    private final Chromium owner = app.owner();

    @BeforeAll
    static void clips() throws Exception {
        if (app.owner() == null) {
            return; // no Chromium here: the tests report themselves skipped
        }
        Http api = app.http();
        String token = app.admin();
        people(api, token);
        bars = api.postJson("/api/v1/clips", Map.of("title", "Employees by department", "source", DATABASE, "sql", """
                select d.dept_name as department, count(*) as employees
                from dept_emp de join departments d on d.dept_no = de.dept_no
                where de.to_date = '9999-01-01' group by d.dept_name order by employees desc"""), Http.bearer(token))
                .json().get("slug").asText();
        assertEquals(200, api.send("PUT", "/api/v1/clips/" + bars + "/members", List.of(Map.of("user", EDIT_MEMBER,
                "role", "edit"), Map.of("team", "tour-analysts", "role", "view")), Http.bearer(token)).status());
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
            clipPage(owner, "clip-owner", width, List.of("edit", "share", "history", "subscriptions"));
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
    void anEditMemberAndAViewLevelUserSeeTheClipPageTheirRightsAllow() throws Exception {
        try (Chromium editor = Chromium.open(); Chromium viewer = Chromium.open()) {
            editor.signIn(app, EDIT_MEMBER, AccessWorld.PASSWORD);
            viewer.signIn(app, VIEW_LEVEL, AccessWorld.PASSWORD);
            for (int width : PageChecks.WIDTHS) {
                PageChecks.width(editor, width);
                clipPage(editor, "clip-edit-member", width, List.of("edit", "share", "history", "subscriptions"));
                PageChecks.width(viewer, width);
                clipPage(viewer, "clip-view-level", width, List.of("share", "history"));
            }
            assertEquals(List.of("Edit", "Share", "History", "Subscriptions"), editor.texts("details.section > summary h2"));
            PageChecks.openOnly(editor, "share");
            assertEquals(List.of("Who can open it", "The link", "Use this clip"), editor.texts("#share h3"));
            assertTrue(editor.driver.findElements(By.cssSelector("#members, form[action$='/rotate'], "
                    + "form[action='/clips/" + bars + "/delete'], a[href$='/access']")).isEmpty(),
                    "no members, rotation, access log or deletion for an edit member");
            assertEquals(List.of("Use this clip", "History"), viewer.texts("details.section > summary h2"));
            assertEquals(List.of("Snapshots", "Scheduled snapshots"), viewer.texts("#history h3"));
            assertTrue(viewer.driver.findElements(By.cssSelector("#edit, #sql, pre.sql, .schema-panel, #members, "
                    + ".share-owner")).isEmpty(), "a view-level user sees no SQL, editor, schema nor sharing");
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
        assertEquals(List.of("Edit", "Share", "History", "Subscriptions"), owner.texts("details.section > summary h2"));
    }

    /**
     * The tour's database (the sample data, under another name, so the sample's own levels stay as every other test
     * class finds them), the team that may query it with the edit member in it, and the user who may only view it.
     */
    private static void people(Http api, String token) {
        String team = "tour-analysts";
        assertEquals(201, api.postJson("/api/v1/teams", Map.of("name", team), Http.bearer(token)).status());
        app.memberToken(EDIT_MEMBER);
        app.memberToken(VIEW_LEVEL);
        assertEquals(200, api.send("PUT", "/api/v1/teams/" + team + "/members/" + EDIT_MEMBER, "", Http.bearer(token))
                .status());
        Http.Response registered = api.postJson("/api/v1/sources", Map.of("name", DATABASE, "followers",
                List.of(TestDatabase.readerUrl(TestCluster.get().follower())), "access", Map.of("everyone", "view",
                        "teams", Map.of(team, "query"))), Http.bearer(token));
        assertEquals(201, registered.status(), registered.body());
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
