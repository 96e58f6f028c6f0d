package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SettableClock;
import dataclips.clips.Slugs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anonymous limits of 3 a minute per clip and 5 a minute per client (addresses from X-Forwarded-For, the
 * app trusting its proxy): 429 with Retry-After in each URL form's error shape, back after the wait, and
 * never for signed-in users or API tokens. The clock stands still unless a test moves it.
 */
class AnonymousRateLimitTest {
    private static final SettableClock CLOCK = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIP", "3",
            "DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIENT", "5", "DATACLIPS_TRUST_PROXY", "true"), CLOCK);

    @Test
    void oneClipTakesThreeAMinuteFromAllAnonymousClientsTogether() {
        String a = clip("Busy clip");
        String b = clip("Quiet clip");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("198.51.100.1", "/clips/" + a + ".csv").status(), "request " + (i + 1));
        }
        Http.Response csv = get("198.51.100.1", "/clips/" + a + ".csv");
        assertEquals(429, csv.status());
        assertEquals("20", csv.header("Retry-After").orElseThrow(), "one request back every 60/3 seconds");
        assertTrue(csv.body().startsWith("Error 429: too many requests to this clip"), csv.body());
        assertTrue(csv.header("Content-Type").orElseThrow().startsWith("text/plain"));

        Http.Response json = get("198.51.100.2", "/clips/" + a + ".json");
        assertEquals(429, json.status(), "another client, the same clip");
        assertEquals("rate_limited", json.json().get("error").get("code").asText());
        assertEquals("20", json.header("Retry-After").orElseThrow());
        Http.Response page = get("198.51.100.2", "/clips/" + a);
        assertEquals(429, page.status());
        assertTrue(page.header("Content-Type").orElseThrow().startsWith("text/html"), "pages get the error page");
        assertTrue(page.body().contains("try again in 20 s"), page.body());
        assertEquals(200, get("198.51.100.2", "/clips/" + b + ".csv").status(), "other clips are not affected");

        for (int i = 0; i < 5; i++) {
            assertEquals(200, app.http().get("/clips/" + a + ".csv", Http.bearer(app.admin())).status(), "tokens are not limited");
        }
        Http browser = app.signedInAdmin();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, browser.get("/clips/" + a).status(), "signed-in users are not limited");
        }

        CLOCK.advance(Duration.ofSeconds(20));
        assertEquals(200, get("198.51.100.2", "/clips/" + a + ".csv").status(), "one request back after Retry-After");
        assertEquals(429, get("198.51.100.2", "/clips/" + a + ".csv").status());
        CLOCK.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("198.51.100.3", "/clips/" + a + ".xml").status(), "a whole minute later: full again");
        }
    }

    @Test
    void oneClientTakesFiveAMinuteAcrossClips() {
        String c = clip("First of three");
        String d = clip("Second of three");
        String e = clip("Third of three");
        String client = "203.0.113.50";
        for (String slug : new String[] {c, d, e, c, d}) {
            assertEquals(200, get(client, "/clips/" + slug + ".json").status());
        }
        Http.Response limited = get(client, "/clips/" + e + ".json");
        assertEquals(429, limited.status(), "clip e has had one request only: the client's own limit");
        assertEquals("12", limited.header("Retry-After").orElseThrow(), "one request back every 60/5 seconds");
        assertTrue(limited.json().get("error").get("message").asText().contains("from your address"), limited.body());
        assertEquals(429, get(client, "/clips/" + c + "/snapshots/1.csv").status(), "snapshot URLs count too");
        assertEquals(200, get("203.0.113.51", "/clips/" + e + ".json").status(), "another client opens it");

        String unknown = "b".repeat(Slugs.LENGTH);
        assertEquals(429, get(client, "/clips/" + unknown + ".csv").status(),
                "limited before the clip is even looked up");
        CLOCK.advance(Duration.ofSeconds(12));
        assertEquals(200, get(client, "/clips/" + e + ".json").status());
    }

    private static String clip(String title) {
        return app.slug(title, "select 1 as n");
    }

    private static Http.Response get(String client, String path) {
        return app.http().get(path, "X-Forwarded-For", client);
    }
}
