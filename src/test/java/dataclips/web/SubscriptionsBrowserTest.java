package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.delivery.MailServer;
import dataclips.delivery.Receiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The clip page's Subscriptions section in Chromium (README, "Delivery"): its owner adds an email, a Slack and a webhook
 * subscription through its form (the webhook's secret shows once), sees them listed, sends each a test that reaches a
 * real SMTP server and HTTP receiver, reads the delivery log and deletes one; the mail's unsubscribe link opens a
 * confirmation page that changes nothing until its button. An edit member sees the section and its form; a link holder
 * does not.
 * Screenshots at 1400 and 800 px.
 */
class SubscriptionsBrowserTest {
    static final MailServer mail = MailServer.plain();
    static final Receiver receiver = new Receiver();
    static final int PORT = MailServer.freePort();
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture(Map.of("PORT", Integer.toString(PORT), "DATACLIPS_BASE_URL",
            "http://localhost:" + PORT, "DATACLIPS_SMTP_URL", "smtp://localhost:" + mail.port() + "?starttls=off",
            "DATACLIPS_MAIL_FROM", "dataclips@test.local", "DATACLIPS_WEBHOOK_ALLOW_HOSTS", "127.0.0.1"));
    /** The sample data under a name of its own, which everyone may query (the sample's own levels stay as they are). */
    private static final String DATABASE = "subscriptions-tour";
    private static final String EDITOR = "subscriptions-editor@test.local";
    private static String slug;

    @BeforeAll
    static void clip() {
        if (app.owner() == null) {
            return; // no Chromium here: the test reports itself skipped
        }
        Http api = app.http();
        String token = app.admin();
        app.memberToken(EDITOR);
        Http.Response registered = api.postJson("/api/v1/sources", Map.of("name", DATABASE, "followers",
                List.of(TestDatabase.readerUrl(TestCluster.get().follower())), "access", Map.of("everyone", "query")),
                Http.bearer(token));
        assertEquals(201, registered.status(), registered.body());
        slug = api.postJson("/api/v1/clips", Map.of("title", "Monthly sales", "source", DATABASE, "sql",
                "select d::date as day, (extract(day from d) * 10)::int as sales "
                        + "from generate_series('2026-01-01'::date, '2026-01-10', '1 day') d"), Http.bearer(token))
                .json().get("slug").asText();
        assertEquals(200, api.send("PUT", "/api/v1/clips/" + slug + "/members", List.of(Map.of("user", EDITOR, "role",
                "edit")), Http.bearer(token)).status());
        assertEquals(201, api.postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(token)).status());
    }

    @AfterAll
    static void stopServers() {
        mail.close();
        receiver.close();
    }

    @Test
    void theOwnerAddsOneOfEachTestsThemAndDeletesOneAnEditorSeesThemALinkHolderDoesNot() throws Exception {
        Chromium owner = app.owner();
        owner.driver.get(app.base() + "/clips/" + slug);
        add(owner, "email", Map.of("to", "manager@example.com, ann@example.com"), "csv");
        assertTrue(owner.driver.findElement(By.cssSelector("#subscriptions .notice")).getText().startsWith("Subscription added"));
        assertEquals("true", owner.driver.findElement(By.id("subscriptions")).getDomProperty("open"), "the section stays open");
        add(owner, "slack", Map.of("url", receiver.url("/slack")), null);
        add(owner, "webhook", Map.of("url", receiver.url("/hook")), null);
        String secret = owner.driver.findElement(By.cssSelector("pre.secret")).getText();
        assertTrue(secret.matches("whsec_[0-9a-f]{64}"), secret);
        PageChecks.screenshot(owner, "subscription-secret.png");
        owner.clickThrough(By.linkText("Back to Monthly sales"));
        PageChecks.openSection(owner, "subscriptions");
        assertEquals(List.of("Email to manager@example.com, ann@example.com (CSV attached)", "Slack (127.0.0.1)",
                "Webhook to 127.0.0.1"), owner.texts("#subscriptions tr[data-id] td:nth-child(2)"));
        assertEquals("3 subscriptions", owner.driver.findElement(By.cssSelector("#subscriptions .section-summary")).getText());

        for (int row = 1; row <= 3; row++) {
            owner.clickThrough(By.cssSelector("#subscriptions tr[data-id]:nth-child(" + row + ") form[action$='/test'] button"));
            owner.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#subscriptions .notice"),
                    "Test sent"));
        }
        assertEquals(List.of("ann@example.com", "manager@example.com"), mail.await(2).stream().map(MailServer.Received::to)
                .sorted().toList());
        assertEquals(List.of("/slack", "/hook"), receiver.await(2).stream().map(Receiver.Got::path).toList());
        WebElement log = owner.driver.findElement(By.cssSelector("table.delivery-log"));
        assertEquals(4, log.findElements(By.cssSelector("tr[data-status=sent]")).size());
        assertEquals("Snapshot 1", log.findElement(By.cssSelector("tbody tr td:nth-child(3)")).getText());
        PageChecks.screenshot(owner, "subscriptions-section.png", By.id("subscriptions"));
        shots(owner, "subscriptions-owner");

        WebElement delete = owner.driver.findElement(By.cssSelector("#subscriptions tr[data-id]:nth-child(2) "
                + "form[action$='/delete'] button"));
        delete.click();
        owner.driver.switchTo().alert().accept(); // "Delete this subscription?"
        owner.awaitNextPage(delete);
        owner.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#subscriptions .notice"),
                "Subscription deleted."));
        assertEquals(List.of("Email to manager@example.com, ann@example.com (CSV attached)", "Webhook to 127.0.0.1"),
                owner.texts("#subscriptions tr[data-id] td:nth-child(2)"));
        assertEquals(2, app.http().get("/api/v1/clips/" + slug + "/subscriptions", Http.bearer(app.admin())).json().size());

        try (Chromium editor = Chromium.open(); Chromium holder = Chromium.open()) {
            editor.signIn(app, EDITOR, "member-password-1");
            editor.driver.get(app.base() + "/clips/" + slug);
            assertEquals(List.of("Edit", "Share", "History", "Subscriptions"), editor.texts("details.section > summary h2"));
            PageChecks.openSection(editor, "subscriptions");
            assertEquals(2, editor.driver.findElements(By.cssSelector("#subscriptions tr[data-id]")).size());
            editor.driver.findElement(By.cssSelector("#subscriptions details.add-subscription-toggle summary")).click();
            assertTrue(editor.driver.findElement(By.cssSelector("form.add-subscription")).isDisplayed());
            shots(editor, "subscriptions-editor");

            holder.driver.get(app.base() + "/clips/" + slug);
            holder.awaitRows();
            assertTrue(holder.driver.findElements(By.cssSelector("#subscriptions, .delivery-log, form.add-subscription"))
                    .isEmpty(), "a link holder sees no subscriptions");
            assertFalse(holder.driver.getPageSource().contains("manager@example.com"));
            shots(holder, "subscriptions-link-holder");
        }

        String link = mail.received().get(0).parsed().getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
        owner.driver.get(link);
        String asked = owner.driver.findElement(By.tagName("main")).getText();
        assertTrue(asked.contains("Stop sending snapshots of Monthly sales to"), link + ": " + asked);
        PageChecks.screenshot(owner, "unsubscribe.png");
        owner.clickThrough(By.xpath("//button[normalize-space()='Unsubscribe']"));
        assertTrue(owner.driver.findElement(By.cssSelector("main .notice")).getText().contains("gets no more snapshots"));
        PageChecks.screenshot(owner, "unsubscribed.png");
    }

    /**
     * A clip with a parameter: the form offers its value, filled in from the page's URL, and a subscription added with it
     * is for that value; one added with the field left empty follows the clip's default (README, "Delivery": no values).
     */
    @Test
    void aSubscriptionIsForTheValuesItsFormGives() throws Exception {
        String valued = dataclips.TestClips.withParameters(app.app(), app.admin(), "Sales from a day on",
                "select g as day, g * 10 as sales from generate_series(1, 10) g where g >= {{first_day}}",
                "[{\"name\":\"first_day\",\"type\":\"integer\",\"default\":\"1\"}]");
        Chromium owner = app.owner();
        owner.driver.get(app.base() + "/clips/" + valued + "?first_day=5");
        owner.awaitRows();
        PageChecks.openSection(owner, "subscriptions");
        owner.driver.findElement(By.cssSelector("#subscriptions details.add-subscription-toggle summary")).click();
        assertEquals("5", owner.driver.findElement(By.name("parameter.first_day")).getDomProperty("value"));
        shots(owner, "subscription-values");
        owner.driver.get(app.base() + "/clips/" + valued + "?first_day=5");
        add(owner, "email", Map.of("to", "five@example.com"), "none");
        owner.driver.get(app.base() + "/clips/" + valued);
        add(owner, "email", Map.of("to", "default@example.com"), "none");
        PageChecks.openSection(owner, "subscriptions");
        assertEquals(List.of("every new snapshot for first_day = 5", "every new snapshot"),
                owner.texts("#subscriptions tr[data-id] td:nth-child(3)"));
        PageChecks.screenshot(owner, "subscription-values-list.png", By.id("subscriptions"));
        com.fasterxml.jackson.databind.JsonNode listed = app.http().get("/api/v1/clips/" + valued + "/subscriptions",
                Http.bearer(app.admin())).json();
        assertEquals("{\"first_day\":\"5\"}", listed.get(0).get("parameters").toString());
        assertTrue(listed.get(1).get("parameters").isNull(), listed.toString());
    }

    /** Opens the section and its "Add a subscription" form, fills it for the channel and sends it. */
    private static void add(Chromium owner, String channel, Map<String, String> fields, String attach) {
        PageChecks.openSection(owner, "subscriptions");
        owner.driver.findElement(By.cssSelector("#subscriptions details.add-subscription-toggle summary")).click();
        WebElement form = owner.driver.findElement(By.cssSelector("form.add-subscription"));
        new Select(form.findElement(By.name("channel"))).selectByValue(channel);
        fields.forEach((name, value) -> form.findElement(By.name(name)).sendKeys(value));
        if (attach != null) {
            new Select(form.findElement(By.name("attach"))).selectByValue(attach);
        }
        owner.clickThrough(By.xpath("//form[contains(@class, 'add-subscription')]//button[normalize-space()='Add subscription']"));
    }

    /** The page at 1400 and 800 px ({name}-1400.png, {name}-800.png), nothing sticking out of its box at either. */
    private static void shots(Chromium browser, String name) throws java.io.IOException {
        for (int width : PageChecks.WIDTHS) {
            PageChecks.width(browser, width);
            PageChecks.assertNothingOverflows(browser, name);
            PageChecks.screenshot(browser, name + "-" + width + ".png");
        }
        PageChecks.width(browser, 1400);
    }

}
