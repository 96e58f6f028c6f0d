package dataclips.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscription stops while its clip's owner (here also its creator) may not open the clip: the snapshots taken
 * meanwhile are logged as skipped with why, the pause and the resumption are in the access audit, and nothing reaches
 * the receiver until the owner is back (README, "Delivery"). Deleting the clip deletes its subscriptions. Without
 * DATACLIPS_SMTP_URL no email subscription is saved, and the answer names the setting.
 */
class PausedDeliveryTest {
    static final Receiver receiver = new Receiver();
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_WEBHOOK_ALLOW_HOSTS", "127.0.0.1",
            "DATACLIPS_BASE_URL", "https://dataclips.test")); // and no DATACLIPS_SMTP_URL

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aDeactivatedOwnersSubscriptionPausesLoggedAndResumesAndDeletingTheClipEndsIt() {
        String owner = "owner-" + System.nanoTime() + "@test.local";
        assertEquals(201, app.http().postJson("/api/v1/users", Map.of("email", owner, "password", "owner-password-1",
                "role", "admin"), Http.bearer(app.admin())).status());
        String token = app.token(owner, "owner-password-1");
        String slug = app.slug(token, "Owned", "select 1 as n");
        Http.Response made = app.http().postJson("/api/v1/clips/" + slug + "/subscriptions", Map.of("channel", "webhook",
                "url", receiver.url("/paused")), Http.bearer(token));
        assertEquals(201, made.status(), made.body());
        snapshot(slug);
        assertEquals(1, receiver.await(1).size());
        DeliveryLogs.await(app.http(), app.admin(), slug, "sent", 1);

        assertEquals(200, active(owner, false));
        snapshot(slug);
        List<JsonNode> log = DeliveryLogs.await(app.http(), app.admin(), slug, "skipped", 1);
        assertEquals("paused: its creator's account was deactivated or removed", log.stream().filter(d ->
                d.get("status").asText().equals("skipped")).findFirst().orElseThrow().get("error").asText());
        JsonNode subscription = app.http().get("/api/v1/clips/" + slug + "/subscriptions", Http.bearer(app.admin()))
                .json().get(0);
        assertEquals("paused", subscription.get("state").asText(), subscription.toString());
        assertEquals("subscription_paused", newestAudit().get("action").asText());
        assertEquals(1, receiver.got().size(), "nothing sent while paused");

        assertEquals(200, active(owner, true));
        snapshot(slug);
        assertEquals(2, receiver.await(2).size());
        DeliveryLogs.await(app.http(), app.admin(), slug, "sent", 2);
        assertEquals("subscription_resumed", newestAudit().get("action").asText());

        assertEquals(204, app.http().delete("/api/v1/clips/" + slug, Http.bearer(app.admin())).status());
        assertEquals(404, app.http().get("/api/v1/clips/" + slug + "/subscriptions", Http.bearer(app.admin())).status());
        assertEquals(2, receiver.got().size(), "nothing more once the clip is gone");
    }

    @Test
    void withoutSmtpSettingsAnEmailSubscriptionIsRefusedNamingTheSetting() {
        String slug = app.slug(app.admin(), "No mail here", "select 1 as n");
        JsonNode refused = EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "email", "to",
                List.of("ann@example.com")), 422);
        assertEquals("mail_not_set_up", refused.get("error").get("code").asText());
        assertTrue(refused.get("error").get("message").asText().contains("set DATACLIPS_SMTP_URL"), refused.toString());
        assertEquals(0, app.http().get("/api/v1/clips/" + slug + "/subscriptions", Http.bearer(app.admin())).json().size());
    }

    private static int active(String email, boolean active) {
        return app.http().send("PATCH", "/api/v1/users/" + email, Map.of("active", active), Http.bearer(app.admin()))
                .status();
    }

    private static JsonNode newestAudit() {
        return app.http().get("/api/v1/access-changes", Http.bearer(app.admin())).json().get(0);
    }

    private static void snapshot(String slug) {
        Http.Response r = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
    }
}
