package dataclips.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhook and Slack delivery to a real HTTP receiver (README, "Delivery"): the body and its signature checked as a
 * receiver would, retries with the same delivery id (the clock moved by hand), "changed" by the snapshot diff, and the
 * targets refused: private, loopback, metadata and IPv4-mapped addresses, other schemes, redirects, huge answers.
 */
class WebhookDeliveryTest {
    static final ShiftedClock clock = new ShiftedClock();
    static final String BASE = "https://dataclips.example";
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_BASE_URL", BASE,
            "DATACLIPS_WEBHOOK_ALLOW_HOSTS", "127.0.0.1"), clock);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWebhookIsSignedAsDocumentedAndTriedAgainWithTheSameDeliveryId() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(n -> n <= 2 ? new Receiver.Answer.Status(503) : new Receiver.Answer.Status(200));
            String slug = app.slug(app.admin(), "Orders", "select g as n from generate_series(1, 3) g");
            JsonNode created = EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "webhook",
                    "url", receiver.url("/hooks/orders")), 201);
            String secret = created.get("secret").asText();
            assertTrue(secret.matches("whsec_[0-9a-f]{64}"), secret);
            assertTrue(list(slug).get(0).get("secret").isNull(), "the secret is shown once, when it is made");
            long snapshot = snapshot(slug);

            Receiver.Got first = receiver.await(1).get(0);
            assertEquals("/hooks/orders", first.path());
            assertEquals("application/json", first.headers().get("content-type"));
            String id = first.headers().get("x-dataclips-delivery");
            assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
            verifySignature(first, secret, clock.instant().getEpochSecond());
            JsonNode body = JSON.readTree(first.body());
            assertEquals(List.of("event", "clip", "snapshot", "changes", "trigger"), names(body));
            assertEquals("snapshot", body.get("event").asText());
            assertEquals("Orders", body.get("clip").get("title").asText());
            assertEquals(BASE + "/clips/" + slug, body.get("clip").get("url").asText());
            assertEquals(snapshot, body.get("snapshot").get("id").asLong());
            assertEquals(BASE + "/clips/" + slug + "/snapshots/" + snapshot, body.get("snapshot").get("url").asText());
            assertEquals(3, body.get("snapshot").get("row_count").asInt());
            assertFalse(body.get("snapshot").get("truncated").asBoolean());
            assertTrue(Instant.parse(body.get("snapshot").get("captured_at").asText()).isAfter(Instant.now().minusSeconds(120)));
            assertTrue(body.get("changes").isNull());
            assertEquals("snapshot", body.get("trigger").asText());

            JsonNode retrying = DeliveryLogs.await(app.http(), app.admin(), slug, "retrying", 1).get(0);
            awaitAttempts(slug, 1);
            assertEquals("127.0.0.1 answered 503", DeliveryLogs.of(app.http(), app.admin(), slug).get(0).get("error").asText());
            assertEquals(id, retrying.get("delivery_id").asText());
            Instant next = Instant.parse(DeliveryLogs.of(app.http(), app.admin(), slug).get(0).get("next_attempt_at").asText());
            assertTrue(Duration.between(clock.instant(), next).compareTo(Duration.ofSeconds(50)) > 0, "in a minute: " + next);
            assertEquals(1, receiver.got().size(), "nothing before the next try is due");
            clock.advance(Duration.ofMinutes(1));
            receiver.await(2);
            awaitAttempts(slug, 2);
            clock.advance(Duration.ofMinutes(5));
            receiver.await(3);
            JsonNode sent = DeliveryLogs.await(app.http(), app.admin(), slug, "sent", 1).get(0);
            assertEquals(3, sent.get("attempts").asInt());
            assertEquals(Set.of(id), receiver.got().stream().map(g -> g.headers().get("x-dataclips-delivery"))
                    .collect(Collectors.toSet()), "one delivery id on every try");
            assertFalse(sent.toString().contains("never logged"), "an answer's body is never logged");
        }
    }

    @Test
    void changedFiresOnTheFirstSnapshotAndWhenTheDiffFindsRows() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = app.slug(app.admin(), "Changing", "select g as n from generate_series(1, 3) g");
            EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "webhook", "url", receiver.url("/changed"),
                    "when", "changed"), 201);
            snapshot(slug);
            assertTrue(JSON.readTree(receiver.await(1).get(0).body()).get("changes").isNull(), "the first counts as changed");
            long second = snapshot(slug);
            JsonNode skipped = DeliveryLogs.await(app.http(), app.admin(), slug, "skipped", 1).get(0);
            assertEquals(second, skipped.get("snapshot").asLong());
            assertTrue(skipped.get("error").asText().startsWith("unchanged since snapshot "), skipped.toString());
            assertEquals(200, app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("sql",
                    "select g as n from generate_series(2, 4) g"), Http.bearer(app.admin())).status());
            snapshot(slug);
            JsonNode changes = JSON.readTree(receiver.await(2).get(1).body()).get("changes");
            assertEquals(1, changes.get("added").asInt());
            assertEquals(1, changes.get("removed").asInt());
        }
    }

    @Test
    void slackGetsTheTitleCountsLinkAndFirstRowsEscaped() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String slug = app.slug(app.admin(), "Top <b>&</b> <!channel>", "select 'x<y' as label, 7 as n");
            EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "slack", "url", receiver.url("/services/T1/B2/C3")), 201);
            snapshot(slug);
            JsonNode message = JSON.readTree(receiver.await(1).get(0).body());
            String head = message.get("blocks").get(0).get("text").get("text").asText();
            assertTrue(head.startsWith("*<" + BASE + "/clips/" + slug + "|Top &lt;b&gt;&amp;&lt;/b&gt; &lt;!channel&gt;>*\n1 row"),
                    head);
            assertEquals("```label | n\nx&lt;y | 7```", message.get("blocks").get(1).get("text").get("text").asText());
            assertTrue(receiver.got().get(0).headers().get("x-dataclips-signature") == null, "Slack messages are not signed");
            JsonNode refused = EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "slack",
                    "url", "https://hooks.example.org/services/x"), 422);
            assertTrue(refused.get("error").get("message").asText().contains("https://hooks.slack.com/services/"));
        }
    }

    @Test
    void targetsOfTheAppsOwnMachineOrNetworkAreRefused() {
        String slug = app.slug(app.admin(), "Hostile targets", "select 1 as n");
        Map<String, String> refused = Map.ofEntries(
                Map.entry("http://127.0.0.2/", "loopback"),
                Map.entry("http://[::ffff:127.0.0.1]/", "IPv4-mapped"),
                Map.entry("http://[::ffff:7f00:1]:8080/x", "IPv4-mapped"),
                Map.entry("http://169.254.169.254/latest/meta-data/", "link-local"),
                Map.entry("http://localhost:" + app.app().base().replaceAll(".*:", "") + "/api/v1/me", "loopback"),
                Map.entry("http://[::1]/", "loopback"),
                Map.entry("http://10.1.2.3/", "private"),
                Map.entry("http://192.168.0.1/", "private"),
                Map.entry("http://100.100.100.200/", "shared"),
                Map.entry("http://[fd00:ec2::254]/", "unique-local"),
                Map.entry("http://0.0.0.0:8080/", "unspecified"),
                Map.entry("http://224.0.0.1/", "multicast"),
                Map.entry("file:///etc/passwd", "only http and https"),
                Map.entry("gopher://127.0.0.1:6379/_INFO", "only http and https"),
                Map.entry("ftp://127.0.0.1/", "only http and https"),
                Map.entry("http://user:pass@127.0.0.1/", "no user"));
        refused.forEach((url, why) -> {
            JsonNode answer = EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "webhook", "url", url), 422);
            assertEquals("bad_target", answer.get("error").get("code").asText(), url);
            assertTrue(answer.get("error").get("message").asText().contains(why), url + ": " + answer);
        });
        assertEquals(0, list(slug).size());
    }

    @Test
    void redirectsAreNotFollowedAndAnswersAreNeverReadWhole() throws Exception {
        try (Receiver receiver = new Receiver(); Receiver inside = new Receiver()) {
            receiver.answer(n -> switch (n) {
                case 1 -> new Receiver.Answer.Redirect("http://localhost:" + inside.port() + "/stolen");
                case 2 -> new Receiver.Answer.Body(10L * 1024 * 1024, false);
                default -> new Receiver.Answer.Body(0, true);
            });
            String slug = app.slug(app.admin(), "Redirected", "select 1 as n");
            long subscription = EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "webhook",
                    "url", receiver.url("/redirecting")), 201).get("id").asLong();
            snapshot(slug);
            JsonNode failed = DeliveryLogs.await(app.http(), app.admin(), slug, "failed", 1).get(0);
            assertEquals("127.0.0.1 answered 302: redirects are not followed; give the URL it redirects to",
                    failed.get("error").asText());
            assertEquals(1, failed.get("attempts").asInt(), "a redirect is not tried again");
            assertEquals(0, inside.got().size());
            long started = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                Http.Response test = app.http().postJson("/api/v1/clips/" + slug + "/subscriptions/" + subscription + "/test",
                        Map.of(), Http.bearer(app.admin()));
                assertEquals("sent", test.json().get(0).get("status").asText(), test.body());
            }
            assertTrue(System.nanoTime() - started < 20_000_000_000L, "a 10 MB and an endless answer cost no waiting");
            long deadline = System.currentTimeMillis() + 30_000;
            while (!receiver.bodyAbandoned() && System.currentTimeMillis() < deadline) {
                TestDatabase.sleep(100);
            }
            assertTrue(receiver.bodyAbandoned(), "the client left the endless answer");
        }
    }

    private static void verifySignature(Receiver.Got got, String secret, long now) throws Exception {
        String header = got.headers().get("x-dataclips-signature");
        assertTrue(header.matches("t=[0-9]+,v1=[0-9a-f]{64}"), header);
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertTrue(Math.abs(now - t) < 300, "a receiver refuses signatures older than 5 minutes");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + got.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals("v1=" + expected, header.substring(header.indexOf(',') + 1));
    }

    private static void awaitAttempts(String slug, int attempts) {
        DeliveryLogs.await(app.http(), app.admin(), slug, log -> log.get(0).get("attempts").asInt() == attempts
                && log.get(0).get("status").asText().equals("retrying") && !DeliveryTasks.picked(), attempts + " attempts");
    }

    private static long snapshot(String slug) {
        Http.Response r = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }

    private static List<JsonNode> list(String slug) {
        List<JsonNode> all = new java.util.ArrayList<>();
        app.http().get("/api/v1/clips/" + slug + "/subscriptions", Http.bearer(app.admin())).json().forEach(all::add);
        return all;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
