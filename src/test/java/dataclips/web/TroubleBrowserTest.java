package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestClips;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What the owner and a link holder see when something is wrong: a clip whose SQL fails shows the database's message
 * and asks for no chart (so it runs once, not twice: the audit log has one run per view), and a parameter value the
 * clip refuses is the clip's own page, its form with the message beside the field, status 422, no results.
 */
class TroubleBrowserTest {
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    private static final String FAILS = "select d.dept_name, 1 / (count(*) - count(*)) as n from departments d group by 1";
    private final Chromium owner = app.owner();

    @Test
    void aFailingClipAsksForNoChartAndRunsOnce() throws Exception {
        String slug = app.slug("Fails at run time", FAILS);
        owner.driver.get(app.base() + "/clips/" + slug);
        assertFailedWithoutChart(owner);
        assertEquals(1, runs(slug), "one run for one view of the page");
        try (Chromium anonymous = Chromium.open()) {
            anonymous.driver.get(app.base() + "/clips/" + slug);
            assertFailedWithoutChart(anonymous);
        }
        assertEquals(2, runs(slug), "and one for the link holder's view");
    }

    @Test
    void aRefusedValueIsTheClipPageWithTheMessageBesideItsField() throws Exception {
        String slug = TestClips.withParameters(app.app(), app.admin(), "Hires since",
                "select count(*) as hires from employees where hire_date >= {{since}} and hire_date < {{until}}",
                "[{\"name\":\"since\",\"type\":\"date\",\"default\":\"1990-01-01\"},"
                        + "{\"name\":\"until\",\"type\":\"date\",\"default\":\"2100-01-01\",\"link_holders\":\"fixed\"}]");
        Http.Response page = app.http().get("/clips/" + slug + "?since=banana");
        assertEquals(422, page.status());
        assertEquals(422, app.http().get("/clips/" + slug + ".csv?since=banana").status(), "downloads keep their 422");
        String message = "parameter 'since' must be a date";
        for (Chromium viewer : List.of(owner, Chromium.open())) {
            try {
                viewer.driver.get(app.base() + "/clips/" + slug + "?since=banana");
                assertEquals("Hires since", viewer.driver.findElement(By.cssSelector("main h1")).getText());
                WebElement field = viewer.driver.findElement(By.cssSelector("form.parameters label.refused"));
                assertEquals("banana", field.findElement(By.name("since")).getDomProperty("value"), "the value to fix");
                assertTrue(field.findElement(By.className("field-problem")).getText().startsWith(message),
                        field.getText());
                assertTrue(viewer.driver.findElements(By.cssSelector("table.results")).isEmpty(), "no results");
                WebElement input = field.findElement(By.name("since"));
                input.clear();
                input.sendKeys("1999-01-01");
                viewer.driver.findElement(By.xpath("//form[contains(@class,'parameters')]//button[normalize-space()='Show']"))
                        .click();
                viewer.await().until(ExpectedConditions.urlContains("since=1999-01-01"));
                assertEquals(1, viewer.awaitRows().size(), "fixed, the page shows the results");
            } finally {
                if (viewer != owner) {
                    viewer.close();
                }
            }
        }
        try (Chromium anonymous = Chromium.open()) {
            anonymous.driver.get(app.base() + "/clips/" + slug + "?until=2000-01-01");
            assertTrue(anonymous.driver.findElement(By.className("parameter-problem")).getText()
                    .startsWith("parameter 'until' is fixed for shared links"), "a field the link holder has not");
        }
    }

    private static void assertFailedWithoutChart(Chromium viewer) {
        WebElement error = viewer.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#result[data-loaded='true'] .sql-error")));
        assertEquals("division by zero", error.findElement(By.className("db-message")).getText());
        assertTrue(viewer.driver.findElements(By.cssSelector(".chart-figure, object.chart")).isEmpty(), "no chart box");
        Object images = ((JavascriptExecutor) viewer.driver).executeScript("return performance.getEntriesByType('resource')"
                + ".map(function (e) { return e.name; }).filter(function (n) { return /\\.(svg|png)(\\?|$)/.test(n); })");
        assertEquals(List.of(), images, "no request for the chart's image");
    }

    private static int runs(String slug) {
        Http.Response r = app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
        return r.json().size();
    }
}
