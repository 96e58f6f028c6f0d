package dataclips.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Email delivery against a real SMTP server (README, "Delivery"): each mail read back as a mail client would (its MIME
 * parts, the CSV attachment with a CSV parser and the XLSX one with Apache POI, the HTML table and the chart), its
 * one-click unsubscribe headers, then the unsubscribe link followed; conditions; recipients refused.
 */
class EmailDeliveryTest {
    static final MailServer mail = MailServer.plain();
    static final int PORT = MailServer.freePort();
    static final String BASE = "http://localhost:" + PORT;
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("PORT", Integer.toString(PORT), "DATACLIPS_BASE_URL", BASE,
            "DATACLIPS_SMTP_URL", "smtp://localhost:" + mail.port() + "?starttls=off",
            "DATACLIPS_MAIL_FROM", "Dataclips <dataclips@test.local>", "DATACLIPS_MAIL_ALLOWED_DOMAINS", "example.com"));
    private static final String SQL = "select g as n, 'name ' || g as label from generate_series(1, 25) g";

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    @Test
    void snapshotsArriveAsMailsThatReadBackAndUnsubscribeWithOneClick() throws Exception {
        mail.clear();
        String token = app.admin();
        String slug = app.slug(token, "Sales \u00fc\r\nBcc: evil@example.org", SQL);
        // A chart of its own: "auto" draws no chart of a result led by a key column such as n (issue 28).
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + slug + "/chart", Map.of("type", "bar", "x", "label",
                "y", List.of("n")), Http.bearer(token)).status());
        JsonNode csv = subscribe(slug, Map.of("channel", "email", "to", List.of("ann@example.com", "bob@example.com"),
                "attach", "csv"), 201);
        subscribe(slug, Map.of("channel", "email", "to", List.of("cat@example.com"), "attach", "xlsx", "when", "condition",
                "condition", Map.of("column", "n", "op", ">", "value", 20)), 201);
        subscribe(slug, Map.of("channel", "email", "to", List.of("dan@example.com"), "when", "condition",
                "condition", Map.of("column", "n", "op", ">", "value", 100)), 201);
        long snapshot = snapshot(slug);

        List<MailServer.Received> got = mail.await(3);
        DeliveryLogs.await(app.http(), token, slug, "sent", 3);
        assertEquals(Set.of("ann@example.com", "bob@example.com", "cat@example.com"),
                got.stream().map(MailServer.Received::to).collect(Collectors.toSet()));
        MailServer.Received ann = got.stream().filter(r -> r.to().equals("ann@example.com")).findFirst().orElseThrow();
        MimeMessage m = ann.parsed();
        assertEquals("multipart/mixed[multipart/alternative[text/plain,multipart/related[text/html,image/png]],text/csv]",
                MailParts.shape(m));
        assertTrue(m.getSubject().startsWith("Sales \u00fc Bcc: evil@example.org · 25 rows · taken "), m.getSubject());
        assertTrue(m.getHeader("Subject")[0].startsWith("=?UTF-8?"), "RFC 2047: " + m.getHeader("Subject")[0]);
        assertNull(m.getHeader("Bcc"));
        assertEquals(1, m.getAllRecipients().length);
        assertEquals("dataclips@test.local", ((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post")[0]);
        String unsubscribe = m.getHeader("List-Unsubscribe")[0];
        assertTrue(unsubscribe.matches("<" + BASE + "/unsubscribe/[0-9]+\\.[A-Za-z0-9_-]{32}>"), unsubscribe);

        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(new String(MailParts.bytes(MailParts.find(m,
                "text/csv")), StandardCharsets.UTF_8))).getRecords();
        assertEquals(26, rows.size());
        assertEquals(List.of("n", "label"), rows.get(0).toList());
        assertEquals(List.of("25", "name 25"), rows.get(25).toList());
        BodyPart attachment = MailParts.find(m, "text/csv");
        assertEquals("attachment", attachment.getDisposition());
        assertTrue(attachment.getFileName().endsWith(".csv"), attachment.getFileName());

        Document html = Jsoup.parse((String) MailParts.find(m, "text/html").getContent());
        assertEquals(20, html.select("tbody tr").size());
        assertEquals(List.of("n", "label"), html.select("thead th").eachText());
        assertEquals(List.of("1", "name 1"), html.select("tbody tr").get(0).select("td").eachText());
        assertEquals("cid:chart", html.select("img").attr("src"));
        assertEquals(BASE + "/clips/" + slug + "/snapshots/" + snapshot, html.select("a:contains(Open this snapshot)").attr("href"));
        BodyPart chart = MailParts.find(m, "image/png");
        assertEquals("<chart>", chart.getHeader("Content-ID")[0]);
        var image = ImageIO.read(new ByteArrayInputStream(MailParts.bytes(chart)));
        assertEquals(800, image.getWidth());
        assertEquals(400, image.getHeight());
        String text = (String) MailParts.find(m, "text/plain").getContent();
        assertTrue(text.contains("1 | name 1"), text);
        assertTrue(text.contains("The first 20 of 25 rows."), text);

        MimeMessage cat = got.stream().filter(r -> r.to().equals("cat@example.com")).findFirst().orElseThrow().parsed();
        try (XSSFWorkbook book = new XSSFWorkbook(MailParts.find(cat, "application/vnd.openxmlformats-officedocument"
                + ".spreadsheetml.sheet").getInputStream())) {
            Sheet sheet = book.getSheetAt(0);
            assertEquals("n", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals(25.0, sheet.getRow(25).getCell(0).getNumericCellValue());
            assertEquals("name 25", sheet.getRow(25).getCell(1).getStringCellValue());
        }
        assertTrue(((String) MailParts.find(cat, "text/plain").getContent()).contains("Sent because a row has n > 20."));
        List<JsonNode> log = DeliveryLogs.await(app.http(), token, slug, "skipped", 1);
        assertEquals("no row has n > 100", log.stream().filter(d -> d.get("status").asText().equals("skipped"))
                .findFirst().orElseThrow().get("error").asText());

        String path = unsubscribe.substring(BASE.length() + 1, unsubscribe.length() - 1);
        Http.Response page = app.http().get(path);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("ann@example.com"), page.body());
        assertEquals(List.of("ann@example.com", "bob@example.com"), recipients(slug, csv.get("id").asLong()));
        String forged = path.substring(0, path.length() - 4) + (path.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertEquals(404, app.http().get(forged).status());
        assertEquals(404, app.http().postForm(forged, Map.of("List-Unsubscribe", "One-Click")).status());
        assertEquals(404, app.http().postForm(path.replaceFirst("/unsubscribe/[0-9]+", "/unsubscribe/1"),
                Map.of("List-Unsubscribe", "One-Click")).status(), "another recipient's id with this signature");
        assertEquals(List.of("ann@example.com", "bob@example.com"), recipients(slug, csv.get("id").asLong()));
        Http.Response done = app.http().postForm(path, Map.of("List-Unsubscribe", "One-Click"), "Sec-Fetch-Site", "cross-site");
        assertEquals(200, done.status(), done.body());
        assertEquals(List.of("bob@example.com"), recipients(slug, csv.get("id").asLong()));
        JsonNode audit = app.http().get("/api/v1/access-changes", Http.bearer(token)).json();
        assertEquals("recipient_unsubscribed", audit.get(0).get("action").asText());
        assertEquals("ann@example.com (unsubscribe link)", audit.get(0).get("actor").asText());

        mail.clear();
        snapshot(slug);
        assertEquals(new TreeSet<>(Set.of("bob@example.com", "cat@example.com")), new TreeSet<>(mail.await(2).stream()
                .map(MailServer.Received::to).toList()));
        DeliveryLogs.await(app.http(), token, slug, "sent", 5);
        assertEquals(2, mail.received().size(), "nothing for the address that unsubscribed");
    }

    @Test
    void recipientsAreOneAddressEachAndOnlyThoseWhoMayReceiveTheClip() {
        String slug = app.slug(app.admin(), "Recipients", "select 1 as n");
        for (String bad : List.of("ann@example.com\r\nBcc: evil@example.org", "ann@example.com, evil@example.org",
                "Ann <ann@example.com>", "ann@example.com\nevil@example.org", "not an address", "")) {
            JsonNode refused = subscribe(slug, Map.of("channel", "email", "to", List.of(bad)), 422);
            assertEquals("bad_recipient", refused.get("error").get("code").asText(), bad);
        }
        JsonNode outside = subscribe(slug, Map.of("channel", "email", "to", List.of("eve@elsewhere.org")), 422);
        assertTrue(outside.get("error").get("message").asText().contains("DATACLIPS_MAIL_ALLOWED_DOMAINS"));
        String member = "reader-" + System.nanoTime() + "@elsewhere.org";
        app.memberToken(member);
        subscribe(slug, Map.of("channel", "email", "to", List.of(member)), 201); // a user who may open it, any domain
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + slug + "/sharing", Map.of("access", "restricted"),
                Http.bearer(app.admin())).status());
        JsonNode restricted = subscribe(slug, Map.of("channel", "email", "to", List.of("ann@example.com")), 422);
        assertTrue(restricted.get("error").get("message").asText().contains("not a user who may open this restricted clip"),
                restricted.toString());
        JsonNode audit = app.http().get("/api/v1/access-changes", Http.bearer(app.admin())).json();
        assertEquals("clip_sharing_set", audit.get(0).get("action").asText(), "the newest: making it restricted");
        assertEquals("restricted", audit.get(0).get("details").get("to").asText());
        assertEquals("subscription_added", audit.get(1).get("action").asText());
        assertEquals(member, audit.get(1).get("details").get("recipients").get(0).asText());
    }

    private static long snapshot(String slug) {
        Http.Response r = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }

    private static JsonNode subscribe(String slug, Map<String, ?> body, int status) {
        return subscribe(app, slug, body, status);
    }

    /** POST /api/v1/clips/{slug}/subscriptions as the admin, expecting status; answers the JSON. */
    static JsonNode subscribe(AppFixture app, String slug, Map<String, ?> body, int status) {
        Http.Response r = app.http().postJson("/api/v1/clips/" + slug + "/subscriptions", body, Http.bearer(app.admin()));
        assertEquals(status, r.status(), r.body());
        return r.json();
    }

    private static List<String> recipients(String slug, long id) {
        JsonNode list = app.http().get("/api/v1/clips/" + slug + "/subscriptions", Http.bearer(app.admin())).json();
        for (JsonNode s : list) {
            if (s.get("id").asLong() == id) {
                List<String> to = new java.util.ArrayList<>();
                s.get("to").forEach(a -> to.add(a.asText()));
                return to;
            }
        }
        throw new AssertionError("no subscription " + id + " in " + list);
    }

}
