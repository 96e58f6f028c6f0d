package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.delivery.MailServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The clip page's Subscriptions section in Chromium (README, "Delivery"): the owner adds an email subscription and a
 * webhook (whose secret shows once) through its forms, sends a test, and reads the delivery log; the mail's unsubscribe
 * link opens a confirmation page that changes nothing until its button. Screenshots at 1400 and 800 px.
 */
class SubscriptionsBrowserTest {
    static final MailServer mail = MailServer.plain();
    static final int PORT = MailServer.freePort();
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture(Map.of("PORT", Integer.toString(PORT), "DATACLIPS_BASE_URL",
            "http://localhost:" + PORT, "DATACLIPS_SMTP_URL", "smtp://localhost:" + mail.port() + "?starttls=off",
            "DATACLIPS_MAIL_FROM", "dataclips@test.local", "DATACLIPS_WEBHOOK_ALLOW_HOSTS", "127.0.0.1"));

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    @Test
    void theOwnerSubscribesTestsAndReadsTheLogAndARecipientUnsubscribes() throws Exception {
        Chromium owner = app.owner();
        String slug = app.slug("Monthly sales", "select d::date as day, (extract(day from d) * 10)::int as sales "
                + "from generate_series('2026-01-01'::date, '2026-01-10', '1 day') d");
        assertEquals(201, app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(app.admin()))
                .status());
        owner.driver.get(app.base() + "/clips/" + slug);
        add(owner, "email", Map.of("to", "manager@example.com, ann@example.com"), "csv");
        assertTrue(owner.driver.findElement(By.cssSelector("#subscriptions .notice")).getText().startsWith("Subscription added"));
        add(owner, "webhook", Map.of("url", "http://127.0.0.1:9/hook"), null);
        String secret = owner.driver.findElement(By.cssSelector("pre.secret")).getText();
        assertTrue(secret.matches("whsec_[0-9a-f]{64}"), secret);
        PageShots.page(owner, "subscription-secret.png", 1400);
        owner.driver.findElement(By.linkText("Back to Monthly sales")).click();
        owner.driver.findElement(By.cssSelector("#subscriptions tr[data-id] button")).click(); // Send test, the email one
        owner.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#subscriptions .notice"),
                "Test sent"));
        assertEquals(2, mail.await(2).size());
        WebElement log = owner.driver.findElement(By.cssSelector("table.delivery-log"));
        assertEquals(2, log.findElements(By.cssSelector("tr[data-status=sent]")).size());
        PageShots.element(owner, "clip-subscriptions.png", By.id("subscriptions"));
        PageShots.page(owner, "clip-subscriptions-1400.png", 1400);
        PageShots.page(owner, "clip-subscriptions-800.png", 800);

        String link = mail.received().get(0).parsed().getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
        owner.driver.get(link);
        assertTrue(owner.driver.findElement(By.tagName("main")).getText().contains("Stop sending snapshots of Monthly sales"));
        PageShots.page(owner, "unsubscribe.png", 800);
        owner.driver.findElement(By.xpath("//button[normalize-space()='Unsubscribe']")).click();
        assertTrue(owner.driver.findElement(By.cssSelector("main .notice")).getText().contains("gets no more snapshots"));
        PageShots.page(owner, "unsubscribed.png", 800);
    }

    private static void add(Chromium owner, String channel, Map<String, String> fields, String attach) {
        owner.driver.findElement(By.cssSelector("#subscriptions details summary")).click();
        WebElement form = owner.driver.findElement(By.cssSelector("form.add-subscription"));
        new Select(form.findElement(By.name("channel"))).selectByValue(channel);
        fields.forEach((name, value) -> form.findElement(By.name(name)).sendKeys(value));
        if (attach != null) {
            new Select(form.findElement(By.name("attach"))).selectByValue(attach);
        }
        form.findElement(By.xpath(".//button[normalize-space()='Add subscription']")).click();
    }
}
