package dataclips.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.Http;
import dataclips.TestApp;
import dataclips.TestClips;
import dataclips.TestDatabase;
import dataclips.export.ChildApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery across app instances on one metadata database (README, "Delivery"): an in-JVM app and a second one in its
 * own JVM deliver each snapshot to each recipient once; an instance killed in the middle of a send leaves it to another,
 * which sends it (with the same delivery id) once.
 */
class DeliveryInstancesTest {
    private final MailServer mail = MailServer.plain();
    private final Receiver receiver = new Receiver();
    private TestApp inJvm;
    private ChildApp child;

    @AfterEach
    void stop() {
        if (inJvm != null) {
            inJvm.close();
        }
        if (child != null) {
            child.close();
        }
        receiver.close();
        mail.close();
    }

    @Test
    void twoInstancesDeliverEachSnapshotToEachRecipientOnce() throws Exception {
        inJvm = TestApp.start(settings());
        child = ChildApp.start(settings());
        String token = inJvm.adminToken();
        String slug = TestClips.slug(inJvm, token, "Shared queue", "select g as n from generate_series(1, 5) g");
        subscribe(inJvm.http(), token, slug, Map.of("channel", "email", "to", List.of("a@example.com", "b@example.com",
                "c@example.com"), "attach", "csv"));
        subscribe(inJvm.http(), token, slug, Map.of("channel", "webhook", "url", receiver.url("/both")));
        for (Http instance : List.of(inJvm.http(), new Http(child.base()), inJvm.http(), new Http(child.base()))) {
            assertEquals(201, instance.postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(token)).status());
        }
        List<MailServer.Received> mails = mail.await(12);
        receiver.await(4);
        DeliveryLogs.await(inJvm.http(), token, slug, "sent", 16);
        TestDatabase.sleep(5_000); // both instances poll every second: long enough for a second send to show
        assertEquals(12, mail.received().size());
        assertEquals(4, receiver.got().size());
        Map<String, Long> perRecipient = mails.stream().collect(Collectors.groupingBy(MailServer.Received::to,
                Collectors.counting()));
        assertEquals(Map.of("a@example.com", 4L, "b@example.com", 4L, "c@example.com", 4L), perRecipient);
        Set<String> ids = mails.stream().map(m -> header(m, "X-Dataclips-Delivery")).collect(Collectors.toSet());
        assertEquals(12, ids.size(), "one delivery per snapshot and recipient");
        List<JsonNode> log = DeliveryLogs.of(inJvm.http(), token, slug);
        assertEquals(16, log.size());
        assertEquals(16, log.stream().filter(d -> d.get("status").asText().equals("sent") && d.get("attempts").asInt() == 1)
                .count());
    }

    @Test
    void aSendCutOffByAKilledInstanceIsSentOnceByAnother() throws Exception {
        receiver.answer(n -> n == 1 ? new Receiver.Answer.Hang() : new Receiver.Answer.Status(200));
        inJvm = TestApp.start(settings()); // the sample database and the admin, then it stops: the child alone sends
        String token = inJvm.adminToken();
        String slug = TestClips.slug(inJvm, token, "Cut off", "select 1 as n");
        subscribe(inJvm.http(), token, slug, Map.of("channel", "webhook", "url", receiver.url("/cut")));
        inJvm.close();
        inJvm = null;
        child = ChildApp.start(settings());
        Http viaChild = new Http(child.base());
        assertEquals(201, viaChild.postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(token)).status());
        Receiver.Got first = receiver.await(1).get(0);
        child.kill(); // mid-send: the receiver holds the request unanswered
        child = null;
        inJvm = TestApp.start(settings());
        Receiver.Got second = receiver.await(2).get(1);
        assertEquals(first.headers().get("x-dataclips-delivery"), second.headers().get("x-dataclips-delivery"));
        JsonNode sent = DeliveryLogs.await(inJvm.http(), token, slug, "sent", 1).get(0);
        assertEquals(2, sent.get("attempts").asInt());
        TestDatabase.sleep(5_000);
        assertEquals(2, receiver.got().size(), "sent once more, and only once, after the instance died");
    }

    private Map<String, String> settings() {
        Map<String, String> env = new HashMap<>(Map.of("DATACLIPS_BASE_URL", "https://dataclips.example",
                "DATACLIPS_SMTP_URL", "smtp://localhost:" + mail.port() + "?starttls=off",
                "DATACLIPS_MAIL_FROM", "dataclips@test.local", "DATACLIPS_WEBHOOK_ALLOW_HOSTS", "127.0.0.1"));
        env.put("DATACLIPS_ADMIN_EMAIL", TestApp.ADMIN_EMAIL);
        env.put("DATACLIPS_ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD);
        return env;
    }

    private static void subscribe(Http http, String token, String slug, Map<String, ?> body) {
        Http.Response r = http.postJson("/api/v1/clips/" + slug + "/subscriptions", body, Http.bearer(token));
        assertEquals(201, r.status(), r.body());
    }

    private static String header(MailServer.Received m, String name) {
        try {
            return m.parsed().getHeader(name)[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
