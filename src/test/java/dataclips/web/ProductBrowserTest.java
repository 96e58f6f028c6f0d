package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.TestCluster;
import dataclips.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The whole product in a real headless Chromium, as its users click through it: sign in through the form, write
 * and edit a clip, see a SQL error pointed at, take a labelled snapshot and pin it while the data changes under it,
 * download every format by its link and read each file back with a real parser, open the link without cookies,
 * rotate it, and see markup shown as text everywhere. Screenshots of the main pages go to target/screenshots/.
 */
class ProductBrowserTest {
    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final String SCRIPT = "<script>alert(1)</script>";
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture("sign-in.png");
    private final Chromium owner = app.owner();
    private final WebDriver browser = app.browser();

    @Test
    void aClipWrittenInTheFormIsEditedThroughItsEditor() throws Exception {
        String title = "Product clip " + shortId();
        String sql = "select emp_no, first_name from employees order by emp_no limit 3";
        owner.createClip(app, title, sql);
        assertEquals(fromFollower(sql), owner.awaitRows());
        assertTrue(facts().contains("version 1"), facts());

        String newTitle = title + " (edited)";
        String newSql = "select emp_no, last_name, hire_date from employees order by emp_no desc limit 4";
        saveEdit(newTitle, newSql);
        assertEquals(newTitle, browser.findElement(By.cssSelector("main h1")).getText());
        assertTrue(facts().contains("version 2"), facts());
        assertEquals(fromFollower(newSql), owner.awaitRows(), "the page shows the new version's rows");
        assertEquals(List.of("emp_no", "last_name", "hire_date"), owner.texts("table.results thead th .col-name"));
        owner.screenshot("clip-owner.png");

        browser.get(app.base() + "/");
        WebElement search = browser.findElement(By.name("q"));
        search.sendKeys(newTitle);
        search.submit();
        owner.await().until(ExpectedConditions.urlContains("q="));
        assertTrue(owner.texts("table.clip-list td a").contains(newTitle), owner.texts("table.clip-list td a").toString());
        owner.screenshot("home.png");
    }

    @Test
    void aBrokenEditShowsTheDatabaseMessageAndMarksWhereItIs() throws Exception {
        owner.createClip(app, "Broken " + shortId(), "select emp_no from employees limit 1");
        owner.awaitRows();
        String broken = "select emp_no,\n       nosuch_column\nfrom employees";
        saveEdit(browser.findElement(By.cssSelector("main h1")).getText(), broken);
        WebElement error = owner.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#result[data-loaded='true'] .sql-error")));
        assertEquals("column \"nosuch_column\" does not exist", error.findElement(By.className("db-message")).getText());
        assertTrue(error.getText().contains("At line 2, column 8:"), error.getText());
        assertEquals("n", error.findElement(By.cssSelector("mark.error-at")).getText());
        assertEquals(broken, error.findElement(By.cssSelector("pre.sql")).getDomProperty("textContent"), "the whole SQL");
        assertEquals("select emp_no,\n       ", error.findElement(By.cssSelector("pre.sql > span")).getDomProperty("textContent"));
        assertTrue(browser.findElements(By.cssSelector("table.results")).isEmpty());
        assertEquals(broken, browser.findElement(By.cssSelector("#editor textarea[name=sql]")).getDomProperty("value"),
                "the editor keeps the broken SQL to fix");
        owner.await().until(d -> owner.texts(".sql-editor .cm-sql-error").equals(List.of("nosuch_column"))); // and marks it
        owner.screenshot("sql-error.png");
    }

    @Test
    void aPinnedSnapshotKeepsItsRowsWhileTheLiveDataChanges() throws Exception {
        String table = "browser_pins_" + shortId();
        TestDatabase.onPrimary("employees", "create table " + table + " (id int primary key, item text)",
                "insert into " + table + " values (1, 'first'), (2, 'second')");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 from " + table + " where id = 2");
        String url = owner.createClip(app, "Pinned " + shortId(), "select id, item from " + table + " order by id");
        List<List<String>> before = List.of(List.of("1", "first"), List.of("2", "second"));
        assertEquals(before, owner.awaitRows());

        PageChecks.openSection(owner, "history");
        browser.findElement(By.cssSelector("#snapshots input[name=label]")).sendKeys("Before the third row");
        browser.findElement(By.xpath("//section[@id='snapshots']//button[normalize-space()='Take snapshot']")).click();
        owner.await().until(ExpectedConditions.urlMatches("/snapshots/\\d+\\?notice=taken$"));
        String snapshotUrl = browser.getCurrentUrl().replaceFirst("\\?.*", "");
        String id = snapshotUrl.substring(snapshotUrl.lastIndexOf('/') + 1);
        assertTrue(browser.findElement(By.className("snapshot-label")).getText().contains("Before the third row"));
        assertEquals(before, Chromium.rows(browser.findElement(By.cssSelector("table.results"))));
        owner.screenshot("snapshot.png");

        browser.get(url);
        PageChecks.openSection(owner, "history");
        browser.findElement(By.cssSelector("#snapshots tr[data-id='" + id + "'] button[type=submit]")).click();
        owner.await().until(ExpectedConditions.urlContains("notice=pinned"));
        assertTrue(browser.findElement(By.cssSelector("main > p.notice")).getText().startsWith("Pinned:"));
        assertTrue(browser.findElement(By.cssSelector("div.notice.pinned")).getText().contains("snapshot 1"),
                "the clip's first snapshot, by its number");
        assertTrue(browser.findElement(By.cssSelector("#history")).getDomAttribute("open") != null,
                "History opens after pinning, where the pin was");
        assertEquals("pinned", browser.findElement(By.cssSelector("#snapshots tr[data-id='" + id + "'] .badge")).getText());

        TestDatabase.onPrimary("employees", "insert into " + table + " values (3, 'third')",
                "update " + table + " set item = 'changed' where id = 1");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 from " + table + " where id = 3");
        browser.get(url);
        assertEquals(before, owner.awaitRows(), "the pinned clip still shows the snapshot");
        browser.get(snapshotUrl);
        assertEquals(before, Chromium.rows(browser.findElement(By.cssSelector("table.results"))));

        browser.get(url);
        browser.findElement(By.xpath("//div[contains(@class,'pinned')]//button[starts-with(normalize-space(),'Unpin')]")).click();
        owner.await().until(ExpectedConditions.urlContains("notice=unpinned"));
        browser.findElement(By.cssSelector("a.run-now")).click();
        owner.await().until(ExpectedConditions.urlContains("refresh=1"));
        assertEquals(List.of(List.of("1", "changed"), List.of("2", "second"), List.of("3", "third")), owner.awaitRows(),
                "unpinned, the clip shows the live data");
    }

    @Test
    void everyDownloadLinkSavesAFileThatReadsBackAsTheRows() throws Exception {
        String sql = "select emp_no, first_name, hire_date, 'a, \"b\"' as quoted, null::text as nothing"
                + " from employees order by emp_no limit 5";
        String title = "Downloads " + shortId();
        owner.createClip(app, title, sql);
        owner.awaitRows();
        List<List<String>> expected = fromFollower(sql);
        List<String> names = List.of("emp_no", "first_name", "hire_date", "quoted", "nothing");
        List<String> numbers = List.of("emp_no");
        Path csv = download("CSV", "csv");
        assertEquals(title + ".csv", csv.getFileName().toString(), "the exact title, from filename*");
        List<List<String>> nullAsEmpty = expected.stream()
                .map(row -> row.stream().map(v -> v == null ? "" : v).toList()).toList();
        assertEquals(new DownloadedFiles.Table(names, nullAsEmpty), DownloadedFiles.csv(csv));
        assertEquals(new DownloadedFiles.Table(names, expected), DownloadedFiles.json(download("JSON", "json"), numbers));
        assertEquals(new DownloadedFiles.Table(names, expected), DownloadedFiles.xml(download("XML", "xml")));
        assertEquals(new DownloadedFiles.Table(names, expected),
                DownloadedFiles.xlsx(download("XLSX", "xlsx"), numbers, List.of("hire_date")));
    }

    @Test
    void theLinkWorksWithoutCookiesAndRotatingItLeavesTheOldOneNotFound() throws Exception {
        String url = owner.createClip(app, "Shared " + shortId(), "select dept_no, dept_name from departments order by dept_no");
        List<List<String>> rows = owner.awaitRows();
        try (Chromium anonymous = Chromium.open()) {
            WebDriver viewer = anonymous.driver;
            viewer.get(url);
            assertEquals(rows, anonymous.awaitRows(), "the link alone shows the table");
            assertTrue(viewer.findElements(Chromium.signOutButton()).isEmpty(), "not signed in");
            assertNull(viewer.manage().getCookieNamed(Auth.COOKIE));
            assertTrue(viewer.findElements(By.id("editor")).isEmpty(), "no editor for a link holder");
            anonymous.screenshot("clip-anonymous.png");

            By rotate = By.xpath("//button[normalize-space()='Rotate link']");
            PageChecks.openSection(owner, "share");
            browser.findElement(rotate).click();
            owner.await().until(ExpectedConditions.alertIsPresent()).dismiss();
            assertEquals(url, browser.getCurrentUrl(), "dismissing the confirmation keeps the link");
            browser.findElement(rotate).click();
            Alert confirm = owner.await().until(ExpectedConditions.alertIsPresent());
            assertTrue(confirm.getText().startsWith("Give this clip a new URL?"), confirm.getText());
            confirm.accept();
            owner.await().until(ExpectedConditions.urlContains("notice=rotated"));
            String newUrl = browser.getCurrentUrl().replaceFirst("\\?.*", "");
            assertNotEquals(url, newUrl);
            assertEquals(newUrl, browser.findElement(By.cssSelector("code.link-text")).getText());

            viewer.get(url);
            assertEquals("Not found", viewer.findElement(By.cssSelector("main h1")).getText());
            assertTrue(viewer.findElements(By.cssSelector("table.results")).isEmpty());
            anonymous.screenshot("not-found.png");
            assertEquals(404, app.http().get(url.substring(app.base().length()) + ".csv").status(), "the old download URL");
            viewer.get(newUrl);
            assertEquals(rows, anonymous.awaitRows(), "the new link shows the table");
        }
    }

    @Test
    void markupInATitleColumnNamesAndValuesShowsAsText() throws Exception {
        String title = "Markup " + SCRIPT + " " + IMG + " " + shortId();
        String sql = "select '" + IMG + "' as \"" + IMG + "\", '" + SCRIPT + "' as \"" + SCRIPT + "\"";
        String url = owner.createClip(app, title, sql);
        assertEquals(List.of(List.of(IMG, SCRIPT)), owner.awaitRows());
        assertEquals(List.of(IMG, SCRIPT), owner.texts("table.results thead th .col-name"));
        assertEquals(title, browser.findElement(By.cssSelector("main h1")).getText());
        assertEquals(title + " · Dataclips", browser.getTitle());
        assertEquals(title, browser.findElement(By.cssSelector("#editor input[name=title]")).getDomProperty("value"));
        assertNothingInjected(owner);

        browser.get(app.base() + "/admin/runs");
        assertTrue(owner.texts("table.runs td.clip-cell > span:first-child").contains(title),
                "the audit log names the clip as text");
        assertNothingInjected(owner);
        owner.screenshot("audit-log.png");
        try (Chromium anonymous = Chromium.open()) {
            anonymous.driver.get(url);
            assertEquals(List.of(List.of(IMG, SCRIPT)), anonymous.awaitRows());
            assertEquals(title, anonymous.driver.findElement(By.cssSelector("main h1")).getText());
            assertNothingInjected(anonymous);
        }
    }

    @Test
    void theDatabasesPageShowsTheSampleSourceAndItsFollower() throws Exception {
        browser.get(app.base() + "/sources");
        assertTrue(owner.texts("main section.card h2").contains("employees"), owner.texts("main section.card h2").toString());
        assertTrue(owner.texts("table.followers .badge").contains("available"), owner.texts("table.followers .badge").toString());
        owner.screenshot("databases.png");
    }

    /** No alert opened, no element came from the data, and the only scripts a page loads are its own files. */
    private static void assertNothingInjected(Chromium chromium) {
        chromium.assertNoAlert();
        JavascriptExecutor js = (JavascriptExecutor) chromium.driver;
        assertEquals(0L, js.executeScript("return document.querySelectorAll('img, [onerror]').length"), "injected elements");
        List<?> scripts = (List<?>) js.executeScript(
                "return Array.from(document.scripts).map(function (s) { return s.getAttribute('src'); })");
        assertTrue(scripts.stream().allMatch(List.of("/static/js/dataclips.js", "/static/js/share.js",
                "/static/js/parameters.js", "/static/js/workbench.js", "/static/vendor/codemirror/sql-editor.js")::contains),
                scripts.toString());
    }

    /** Replaces the title and SQL in the clip's editor and saves; waits for the saved page. */
    private void saveEdit(String title, String sql) {
        PageChecks.openSection(owner, "edit");
        WebElement editor = browser.findElement(By.id("editor"));
        WebElement titleInput = editor.findElement(By.name("title"));
        titleInput.clear();
        titleInput.sendKeys(title);
        owner.replaceSql(sql);
        editor.findElement(By.xpath(".//button[normalize-space()='Save']")).click();
        owner.await().until(ExpectedConditions.textToBe(By.cssSelector("main > p.notice"), "Saved."));
    }

    /** Clicks one of the page's download links and waits for Chromium to finish saving the file. */
    private Path download(String linkText, String extension) throws IOException {
        DownloadedFiles.clear(owner.downloads());
        browser.findElement(By.cssSelector("nav.downloads")).findElement(By.linkText(linkText)).click();
        return DownloadedFiles.await(owner.await(), owner.downloads(), extension);
    }

    private String facts() {
        return browser.findElement(By.cssSelector("p.clip-facts")).getText();
    }

    /** The rows as PostgreSQL's text on the follower (null for NULL), what every view of the clip must show. */
    private static List<List<String>> fromFollower(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = TestCluster.get().follower().superuserConnection("employees");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(Arrays.asList(row));
            }
        }
        return rows;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
