package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.Http;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A parameter added the way a person adds one: typing {{since}} into the SQL of New clip brings its row, which is
 * filled in and saved with the clip; the rows follow the SQL as it changes (a row taken away keeps what was filled
 * in); the Edit section does the same; and without JavaScript the form comes back with the new row to fill.
 */
class ParameterRowsBrowserTest {
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();
    private final Chromium owner = app.owner();
    private final WebDriver browser = app.browser();

    @Test
    void typingAParameterOnNewClipOffersItsRowAndSavesIt() throws Exception {
        browser.get(app.base() + "/clips/new");
        browser.findElement(By.name("title")).sendKeys("Hires since a date");
        owner.typeSql("select date_trunc('year', hire_date)::date as year, count(*) as hires\n"
                + "from employees where hire_date >= {{since}} -- not {{this}}, a comment\ngroup by 1 order by 1");
        WebElement row = awaitRow("since");
        assertEquals(List.of("since"), rowNames(), "one row per {{name}} the SQL uses, none for the comment's");
        new Select(row.findElement(By.name("p_type"))).selectByValue("date");
        row.findElement(By.name("p_default")).sendKeys("1995-01-01");
        assertTrue(row.findElement(By.name("p_min")).isDisplayed(), "a date takes a min and a max");
        assertTrue(!row.findElement(By.name("p_choices")).isDisplayed(), "but no choices");
        PageChecks.width(owner, 1400);
        PageChecks.screenshot(owner, "new-clip-parameter-1400.png");

        owner.replaceSql("select 1 as n");
        owner.await().until(d -> rowNames().isEmpty());
        owner.replaceSql("select count(*) as hires from employees where hire_date >= {{since}}");
        WebElement back = awaitRow("since");
        assertEquals("date", new Select(back.findElement(By.name("p_type"))).getFirstSelectedOption().getAttribute("value"),
                "the row comes back as it was filled in");
        assertEquals("1995-01-01", back.findElement(By.name("p_default")).getDomProperty("value"));
        owner.replaceSql("select date_trunc('year', hire_date)::date as year, count(*) as hires from employees "
                + "where hire_date >= {{since}} group by 1 order by 1");
        browser.findElement(By.xpath("//button[normalize-space()='Save and run']")).click();
        owner.await().until(ExpectedConditions.urlMatches("/clips/[a-z2-7]{26}$"));

        WebElement since = browser.findElement(By.cssSelector("form.parameters input[name=since]"));
        assertEquals("date", since.getDomProperty("type"));
        assertEquals("1995-01-01", since.getDomProperty("value"));
        List<List<String>> rows = owner.awaitRows();
        assertEquals("1995-01-01", rows.get(0).get(0), "the first year counted is the default's");
        JsonNode declared = declared(browser.getCurrentUrl());
        assertEquals("[{\"name\":\"since\",\"type\":\"date\",\"default\":\"1995-01-01\",\"link_holders\":\"editable\"}]",
                declared.toString());
    }

    @Test
    void theEditSectionAddsARowForANewParameter() throws Exception {
        String url = owner.createClip(app, "Employees after a number", "select emp_no, first_name from employees "
                + "order by emp_no limit 3");
        owner.awaitRows();
        PageChecks.openOnly(owner, "edit");
        owner.replaceSql("select emp_no, first_name from employees where emp_no > {{after}} order by emp_no limit 3");
        WebElement row = awaitRow("after");
        new Select(row.findElement(By.name("p_type"))).selectByValue("integer");
        row.findElement(By.name("p_default")).sendKeys("20000");
        new Select(row.findElement(By.name("p_link_holders"))).selectByValue("fixed");
        browser.findElement(By.cssSelector("#edit")).findElement(By.xpath(".//button[normalize-space()='Save']")).click();
        owner.await().until(ExpectedConditions.textToBe(By.cssSelector("main > p.notice"), "Saved."));
        assertEquals("20001", owner.awaitRows().get(0).get(0));
        assertEquals("[{\"name\":\"after\",\"type\":\"integer\",\"default\":\"20000\",\"link_holders\":\"fixed\"}]",
                declared(url).toString());
    }

    @Test
    void withoutJavaScriptTheFormComesBackWithTheNewRow() throws Exception {
        try (Chromium plain = Chromium.withoutJavaScript()) {
            plain.signIn(app);
            plain.driver.get(app.base() + "/clips/new");
            plain.driver.findElement(By.name("title")).sendKeys("Top n departments");
            plain.driver.findElement(By.name("sql")).sendKeys("select dept_name from departments order by dept_no "
                    + "limit {{n}}");
            plain.driver.findElement(By.xpath("//button[normalize-space()='Save and run']")).click();
            WebElement error = plain.await().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("main .error-message")));
            assertTrue(error.getText().startsWith("The SQL uses {{n}}: choose its type under Parameters"), error.getText());
            WebElement row = plain.driver.findElement(By.cssSelector(".parameter-row[data-name=n]"));
            new Select(row.findElement(By.name("p_type"))).selectByValue("integer");
            row.findElement(By.name("p_default")).sendKeys("2");
            plain.driver.findElement(By.xpath("//button[normalize-space()='Save and run']")).click();
            plain.await().until(ExpectedConditions.urlMatches("/clips/[a-z2-7]{26}$"));
            assertEquals("[{\"name\":\"n\",\"type\":\"integer\",\"default\":\"2\",\"link_holders\":\"editable\"}]",
                    declared(plain.driver.getCurrentUrl()).toString());
        }
    }

    private WebElement awaitRow(String name) {
        return owner.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".parameter-row[data-name='" + name + "']")));
    }

    private List<String> rowNames() {
        return browser.findElements(By.cssSelector("form .parameter-list .parameter-row")).stream()
                .map(r -> r.getAttribute("data-name")).toList();
    }

    /** The clip's declarations as the API gives them. */
    private static JsonNode declared(String url) {
        String slug = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        Http.Response r = app.http().get("/api/v1/clips/" + slug + "/parameters", Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }
}
