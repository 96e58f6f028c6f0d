package dataclips.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.AppFixture;
import dataclips.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fixed parameters and delivery (README, "Delivery" and "Parameters"): a subscription made without values, which any
 * address of a link clip may get, carries only snapshots whose fixed values are the defaults, on each snapshot and on a
 * test send, even when the newest snapshot was taken with other values; the owner's subscription of other values gets
 * those, with a note that the snapshot's links open only for those who may see the SQL.
 */
class FixedValuesDeliveryTest {
    static final MailServer mail = MailServer.plain();
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_BASE_URL", "https://dataclips.test",
            "DATACLIPS_SMTP_URL", "smtp://localhost:" + mail.port() + "?starttls=off",
            "DATACLIPS_MAIL_FROM", "dataclips@test.local"));
    private static final String NOTE = "Its fixed values are not the clip's defaults, so its links open only for "
            + "signed-in users who may see the clip's SQL";

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    @Test
    void aLinkHoldersSubscriptionNeverCarriesASnapshotOfOtherFixedValues() throws Exception {
        Http.Response made = app.http().postJson("/api/v1/clips", Map.of("title", "Tenants", "source", "employees",
                "sql", "select {{t}} as tenant, 1 as n", "parameters", new ObjectMapper().readTree(
                        "[{\"name\":\"t\",\"type\":\"text\",\"default\":\"tenant-a\",\"link_holders\":\"fixed\"}]")),
                Http.bearer(app.admin()));
        assertEquals(201, made.status(), made.body());
        String slug = made.json().get("slug").asText();
        long holders = EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "email", "to",
                List.of("holder@example.com")), 201).get("id").asLong();
        EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "email", "to", List.of("tenant-b@example.com"),
                "parameters", Map.of("t", "tenant-b")), 201);

        long defaults = take(slug, "");
        MailServer.Received first = mail.await(1).get(0);
        assertEquals("holder@example.com", first.to());
        String text = text(first);
        assertTrue(text.contains("tenant-a | 1"), text);
        assertFalse(text.contains(NOTE), text);

        long others = take(slug, "?t=tenant-b");
        List<MailServer.Received> got = mail.await(2);
        assertEquals("tenant-b@example.com", got.get(1).to());
        String theirs = text(got.get(1));
        assertTrue(theirs.contains("tenant-b | 1") && theirs.contains("/snapshots/" + others), theirs);
        assertTrue(theirs.contains(NOTE), theirs);
        List<JsonNode> log = DeliveryLogs.await(app.http(), app.admin(), slug, "sent", 2);
        assertEquals(List.of(defaults), log.stream().filter(d -> d.get("subscription").asLong() == holders)
                .map(d -> d.get("snapshot").asLong()).toList(), "nothing planned, not even skipped, for other values");

        JsonNode test = app.http().postJson("/api/v1/clips/" + slug + "/subscriptions/" + holders + "/test", Map.of(),
                Http.bearer(app.admin())).json().get(0);
        assertEquals("sent", test.get("status").asText(), test.toString());
        assertEquals(defaults, test.get("snapshot").asLong(), "the newest snapshot of the defaults, not the newest");
        String tested = text(mail.await(3).get(2));
        assertTrue(tested.contains("tenant-a | 1") && !tested.contains("tenant-b"), tested);
    }

    private static long take(String slug, String values) {
        Http.Response taken = app.http().postJson("/api/v1/clips/" + slug + "/snapshots" + values, Map.of(),
                Http.bearer(app.admin()));
        assertEquals(201, taken.status(), taken.body());
        return taken.json().get("id").asLong();
    }

    private static String text(MailServer.Received received) throws Exception {
        return (String) MailParts.find(received.parsed(), "text/plain").getContent();
    }
}
