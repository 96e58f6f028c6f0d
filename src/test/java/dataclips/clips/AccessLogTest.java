package dataclips.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SettableClock;
import dataclips.TestApp;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import dataclips.sources.SecretBox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Anonymous opens are logged exactly (format, snapshot, hashed client, user agent); nobody else's; owners read them. */
class AccessLogTest {
    private static final SettableClock CLOCK = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final String AGENT = "AccessLogTest <b>bold</b> " + "x".repeat(400);
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_TRUST_PROXY", "true"), CLOCK);

    @Test
    void eachAnonymousGetIsLoggedNewestFirstWithAHashedClientAndNothingElseIs() throws Exception {
        String slug = app.slug("Logged", "select 1 as n");
        long snapshot = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(app.admin())).json()
                .get("id").asLong();
        String c = "/clips/" + slug;
        Http owner = app.signedInAdmin();
        assertEquals(200, owner.get(c).status());
        assertEquals(200, owner.get(c + ".csv").status());
        assertEquals(200, app.http().get(c + ".json", Http.bearer(app.admin())).status());
        assertEquals(200, head(c + ".csv"), "HEAD is not logged");

        Http anonymous = app.http();
        List<String> paths = List.of(c, c + ".csv", c + ".json", c + ".xml", c + ".xlsx", c + "/snapshots/" + snapshot,
                c + "/snapshots/" + snapshot + ".csv");
        for (String path : paths) {
            assertEquals(200, anonymous.get(path, "User-Agent", AGENT, "X-Forwarded-For", "198.51.100.7, 203.0.113.9")
                    .status(), path);
        }
        assertEquals(200, anonymous.get(c + ".csv", "User-Agent", "other", "X-Forwarded-For", "203.0.113.10").status());

        JsonNode log = loggedSoFar(slug);
        assertEquals(paths.size() + 1, log.size(), log.toString());
        List<String> formats = new ArrayList<>();
        log.forEach(e -> formats.add(e.get("format").asText() + (e.get("snapshot_id").isNull() ? "" : "@" + e.get("snapshot_id").asLong())));
        assertEquals(List.of("csv", "csv@" + snapshot, "html@" + snapshot, "xlsx", "xml", "json", "csv", "html"), formats);
        String client = hash("203.0.113.9");
        for (int i = 1; i < log.size(); i++) {
            JsonNode e = log.get(i);
            assertEquals(client, e.get("client").asText(), "the proxy's own entry, not the one the client sent");
            assertEquals(AGENT.substring(0, 300), e.get("user_agent").asText());
            assertEquals(CLOCK.instant(), Instant.parse(e.get("at").asText()));
        }
        assertEquals(16, client.length());
        assertNotEquals(client, hash("198.51.100.7"));
        assertEquals(hash("203.0.113.10"), log.get(0).get("client").asText());
        assertEquals("other", log.get(0).get("user_agent").asText());
        assertFalse(log.toString().contains("203.0.113"), "never the raw address");

        String page = owner.get(c + "/access").body();
        assertTrue(page.contains("AccessLogTest &lt;b&gt;bold&lt;/b&gt;"), "the user agent is escaped");
        assertFalse(page.contains("<b>bold</b>"));
        assertTrue(page.contains(client));
        String clipPage = owner.get(c).body();
        assertTrue(clipPage.contains("Last opened by link: <span>" + CLOCK.instant().toString().replace("T", " ")
                .replace("Z", " UTC") + "</span>"), clipPage);
    }

    @Test
    void onlyTheOwnerAndAdminsReadTheLogOthersWhoOpenTheClipGet403AndStrangers404() {
        String slug = app.slug("Private log", "select 1 as n");
        String member = app.memberToken("log-reader@test.local");
        assertEquals(200, app.http().get("/clips/" + slug + ".csv", Http.bearer(member)).status(), "members may view");
        for (String path : List.of("/api/v1/clips/" + slug + "/access-log", "/clips/" + slug + "/access")) {
            Http.Response refused = app.http().get(path, Http.bearer(member));
            assertEquals(403, refused.status(), path + " for a user who may open the clip: a refusal with the reason");
            assertTrue(refused.body().contains("only this clip"), refused.body());
        }
        assertEquals(404, app.http().get("/api/v1/clips/" + "a".repeat(26) + "/access-log", Http.bearer(member)).status());
        assertEquals(302, app.http().get("/clips/" + slug + "/access").status(), "anonymous: sign in first");
        assertEquals(200, app.http().get("/api/v1/clips/" + slug + "/access-log", Http.bearer(app.admin())).status());
    }

    @Test
    void pruningKeepsNinetyDaysAndTheNewestTenThousandPerClip() {
        String slug = app.slug("Pruned", "select 1 as n");
        String clipId = "(select id from clips where slug = '" + slug + "')";
        TestDatabase.onPrimary(EmbeddedCluster.METADATA_DATABASE,
                "insert into clip_access_log (clip_id, at, format, client) select " + clipId
                        + ", now() - interval '91 days', 'csv', 'old' from generate_series(1, 3)",
                "insert into clip_access_log (clip_id, at, format, client) select " + clipId
                        + ", now() - interval '1 day', 'csv', 'c' || g from generate_series(1, 10005) g");
        try (TestApp second = TestApp.start(Map.of())) { // each instance prunes when it starts, then hourly
            long deadline = System.nanoTime() + 20_000_000_000L;
            String count;
            do {
                count = TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE,
                        "select count(*) || '/' || count(*) filter (where client = 'old') || '/' "
                                + "|| coalesce(min(substr(client, 2)::int) filter (where client like 'c%'), 0) from clip_access_log where clip_id = " + clipId);
            } while (!count.startsWith("10000/") && System.nanoTime() < deadline);
            assertEquals("10000/0/6", count, "nothing older than 90 days, and the newest 10,000 (of 10,005) kept");
        }
    }

    /**
     * The clip's log once every request made so far is in it. A link holder then opens a marker clip: entries are
     * queued as requests arrive and one writer inserts them in that order, so once the marker's entry is there,
     * every earlier request's is too, any logged by mistake included.
     */
    private static JsonNode loggedSoFar(String slug) throws InterruptedException {
        String marker = app.slug("Access log marker", "select 1 as n");
        assertEquals(200, app.http().get("/clips/" + marker + ".csv").status());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (log(marker).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the marker's entry was not logged within 10 s");
            Thread.sleep(20);
        }
        return log(slug);
    }

    private static JsonNode log(String slug) {
        return app.http().get("/api/v1/clips/" + slug + "/access-log", Http.bearer(app.admin())).json();
    }

    private static int head(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.base() + path)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What the app must store: HMAC-SHA256 under a key derived from the secret key, 16 hex characters. */
    private static String hash(String address) throws Exception {
        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(SecretBox.keyFromHome(TestCluster.HOME), "HmacSHA256"));
        byte[] key = derive.doFinal("dataclips access-log client v1".getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }
}
