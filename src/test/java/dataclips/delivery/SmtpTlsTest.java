package dataclips.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.Http;
import dataclips.TestApp;
import dataclips.TestClips;
import dataclips.export.ChildApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail over TLS (README, "Delivery"): smtp:// with STARTTLS and AUTH, smtps:// with TLS from the first byte and AUTH,
 * each against a real server that requires it, from an app in its own JVM that trusts the servers' certificate; and
 * smtp:// to a server that offers no STARTTLS is refused, never sent in plain text.
 */
class SmtpTlsTest {
    private static TestCertificate certificate;
    private static String slug;
    private static String token;

    @BeforeAll
    static void clipAndCertificate() throws Exception {
        certificate = TestCertificate.make();
        try (TestApp app = TestApp.start()) { // the sample database and the admin; it stops before any mail is due
            token = app.adminToken();
            slug = TestClips.slug(app, token, "Over TLS", "select 1 as n");
            assertEquals(201, app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(token))
                    .status(), "a snapshot to send as a test");
        }
    }

    @Test
    void starttlsWithAuth() throws Exception {
        try (MailServer server = MailServer.start(MailServer.Security.STARTTLS, certificate.serverContext(), "mailer",
                "s3cret pass")) {
            sendThrough("smtp://mailer:s3cret%20pass@localhost:" + server.port(), server);
        }
    }

    @Test
    void smtpsWithAuth() throws Exception {
        try (MailServer server = MailServer.start(MailServer.Security.TLS, certificate.serverContext(), "mailer", "pw")) {
            sendThrough("smtps://mailer:pw@localhost:" + server.port(), server);
        }
    }

    @Test
    void smtpNeverFallsBackToPlainText() {
        try (MailServer plain = MailServer.plain(); TestApp app = TestApp.start(Map.of("DATACLIPS_BASE_URL",
                "https://dataclips.example", "DATACLIPS_SMTP_URL", "smtp://localhost:" + plain.port(),
                "DATACLIPS_MAIL_FROM", "dataclips@test.local"))) {
            long id = app.http().postJson("/api/v1/clips/" + slug + "/subscriptions", Map.of("channel", "email",
                    "to", List.of("ann@example.com")), Http.bearer(token)).json().get("id").asLong();
            JsonNode test = app.http().postJson("/api/v1/clips/" + slug + "/subscriptions/" + id + "/test", Map.of(),
                    Http.bearer(token)).json().get(0);
            assertEquals("failed", test.get("status").asText());
            assertTrue(test.get("error").asText().contains("STARTTLS"), test.toString());
            assertEquals(0, plain.received().size());
            assertEquals(204, app.http().delete("/api/v1/clips/" + slug + "/subscriptions/" + id, Http.bearer(token)).status());
        }
    }

    private static void sendThrough(String smtpUrl, MailServer server) throws Exception {
        try (ChildApp child = ChildApp.start(Map.of("DATACLIPS_SMTP_URL", smtpUrl, "DATACLIPS_MAIL_FROM",
                "dataclips@test.local", "DATACLIPS_BASE_URL", "https://dataclips.example"), certificate.trustOptions())) {
            Http http = new Http(child.base());
            Http.Response made = http.postJson("/api/v1/clips/" + slug + "/subscriptions", Map.of("channel", "email",
                    "to", List.of("tls@example.com"), "attach", "none"), Http.bearer(token));
            assertEquals(201, made.status(), made.body());
            JsonNode test = http.postJson("/api/v1/clips/" + slug + "/subscriptions/" + made.json().get("id").asLong()
                    + "/test", Map.of(), Http.bearer(token)).json().get(0);
            assertEquals("sent", test.get("status").asText(), test.toString());
            MailServer.Received got = server.await(1).get(0);
            assertEquals("tls@example.com", got.to());
            assertTrue(got.parsed().getSubject().startsWith("Over TLS · 1 row"), got.parsed().getSubject());
            http.delete("/api/v1/clips/" + slug + "/subscriptions/" + made.json().get("id").asLong(), Http.bearer(token));
        }
    }
}
