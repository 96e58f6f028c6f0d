package dataclips.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A link's expiry: set, shown, refused in the past, then every URL form answers as a wrong slug does. */
class LinkExpiryTest {
    private static final String UNKNOWN = "a".repeat(Slugs.LENGTH);
    private static final SettableClock CLOCK = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of(), CLOCK);

    @Test
    void anExpiredLinkAnswersEveryAnonymousUrlAsAnUnknownSlugWhileTheOwnerStillSeesIt() {
        String slug = app.slug("Expiring", "select 1 as n, 'x' as s");
        long snapshot = takeSnapshot(slug);
        Instant expiry = CLOCK.instant().plus(Duration.ofHours(1));
        Http.Response set = sharing(slug, "{\"access\":\"link\",\"expires_at\":\"" + expiry + "\"}");
        assertEquals(200, set.status(), set.body());
        assertEquals(expiry, Instant.parse(set.json().get("link_expires_at").asText()));
        assertEquals(expiry, Instant.parse(clip(slug).get("link_expires_at").asText()));

        Http anonymous = app.http();
        for (String path : urls(slug, snapshot)) {
            assertEquals(200, anonymous.get(path).status(), path + " before the expiry");
        }
        Http owner = app.signedInAdmin();
        assertTrue(owner.get("/clips/" + slug).body().contains("The link expires " + shown(expiry)));

        CLOCK.advance(Duration.ofHours(1)); // the expiry itself is already past: "expires at" means "not after"
        for (String path : urls(slug, snapshot)) {
            Http.Response expired = anonymous.get(path);
            Http.Response unknown = anonymous.get(path.replace(slug, UNKNOWN));
            assertEquals(404, expired.status(), path);
            assertEquals(unknown.status(), expired.status(), path);
            assertEquals(unknown.body(), expired.body(), path);
            assertEquals(unknown.header("Content-Type"), expired.header("Content-Type"), path);
        }
        for (String path : urls(slug, snapshot)) {
            assertEquals(200, owner.get(path).status(), "owner, " + path);
        }
        assertEquals(200, app.http().get("/clips/" + slug + ".csv", Http.bearer(app.admin())).status());
        String page = owner.get("/clips/" + slug).body();
        assertTrue(page.contains("The link expired " + shown(expiry)), page);
        assertTrue(page.contains("viewers without an account now get 404"), page);
    }

    @Test
    void aTimeNotInTheFutureOrNotATimeIsRefusedAndChangesNothing() {
        String slug = app.slug("Refused expiry", "select 1 as n");
        Http.Response past = sharing(slug, "{\"access\":\"private\",\"expires_at\":\"" + CLOCK.instant().minusSeconds(1) + "\"}");
        assertEquals(422, past.status());
        assertEquals("bad_expiry", past.json().get("error").get("code").asText());
        assertTrue(past.json().get("error").get("message").asText().contains("is not in the future"), past.body());
        Http.Response garbage = sharing(slug, "{\"access\":\"link\",\"expires_at\":\"next tuesday\"}");
        assertEquals(422, garbage.status());
        assertTrue(garbage.json().get("error").get("message").asText().contains("ISO-8601"), garbage.body());
        assertEquals(422, sharing(slug, "{\"access\":\"link\",\"expires_at\":12}").status());
        JsonNode unchanged = clip(slug);
        assertEquals("link", unchanged.get("access").asText(), "the refused call did not make it private either");
        assertTrue(unchanged.get("link_expires_at").isNull());
    }

    @Test
    void accessAloneKeepsTheExpiryNullClearsItAndRotateKeepsIt() {
        String slug = app.slug("Rotated with expiry", "select 1 as n");
        Instant expiry = CLOCK.instant().plus(Duration.ofMinutes(30)).plusSeconds(15);
        assertEquals(200, sharing(slug, "{\"expires_at\":\"" + expiry.atOffset(java.time.ZoneOffset.ofHours(2)) + "\"}").status());
        assertEquals(expiry, Instant.parse(sharing(slug, "{\"access\":\"link\"}").json().get("link_expires_at").asText()));

        Http.Response rotated = app.http().postJson("/api/v1/clips/" + slug + "/rotate", Map.of(), Http.bearer(app.admin()));
        String newSlug = rotated.json().get("slug").asText();
        assertEquals(expiry, Instant.parse(clip(newSlug).get("link_expires_at").asText()));
        CLOCK.advance(Duration.ofMinutes(31));
        assertEquals(404, app.http().get("/clips/" + newSlug + ".json").status(), "rotating did not re-open it");

        Http.Response cleared = sharing(newSlug, "{\"access\":\"link\",\"expires_at\":null}");
        assertTrue(cleared.json().get("link_expires_at").isNull(), cleared.body());
        assertEquals(200, app.http().get("/clips/" + newSlug + ".json").status());
    }

    @Test
    void theOwnersFormSetsAndRemovesTheExpiryInUtc() {
        String slug = app.slug("Form expiry", "select 1 as n");
        Http owner = app.signedInAdmin();
        String csrf = owner.get("/clips/" + slug).csrf();
        Instant expiry = CLOCK.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        String local = expiry.toString().substring(0, 16); // 2030-01-31T18:00, as a datetime-local field sends it
        Http.Response set = owner.postForm("/clips/" + slug + "/link-expiry", Map.of("_csrf", csrf, "expires_at", local));
        assertEquals(302, set.status(), set.body());
        assertEquals(expiry, Instant.parse(clip(slug).get("link_expires_at").asText()));
        String page = owner.get("/clips/" + slug).body();
        assertTrue(page.contains("value=\"" + local + "\""), "the field shows the expiry");

        Http.Response noCsrf = owner.postForm("/clips/" + slug + "/link-expiry", Map.of("clear", "1"));
        assertEquals(403, noCsrf.status());
        Http.Response past = owner.postForm("/clips/" + slug + "/link-expiry", Map.of("_csrf", csrf,
                "expires_at", CLOCK.instant().minus(Duration.ofDays(1)).toString().substring(0, 16)));
        assertEquals(422, past.status());
        assertTrue(past.body().contains("is not in the future"));
        assertEquals(302, owner.postForm("/clips/" + slug + "/link-expiry", Map.of("_csrf", csrf, "clear", "1")).status());
        assertTrue(clip(slug).get("link_expires_at").isNull());
        assertFalse(owner.get("/clips/" + slug).body().contains("The link expires"));
    }

    private static List<String> urls(String slug, long snapshot) {
        String c = "/clips/" + slug;
        String s = c + "/snapshots/" + snapshot;
        return List.of(c, c + "/table", c + ".csv", c + ".json", c + ".xml", c + ".xlsx",
                s, s + ".csv", s + ".json", s + ".xml", s + ".xlsx");
    }

    private static long takeSnapshot(String slug) {
        Http.Response r = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }

    private static Http.Response sharing(String slug, String json) {
        return app.http().send("PUT", "/api/v1/clips/" + slug + "/sharing", json, Http.bearer(app.admin()));
    }

    private static JsonNode clip(String slug) {
        return app.http().get("/api/v1/clips/" + slug, Http.bearer(app.admin())).json();
    }

    private static String shown(Instant t) {
        return t.toString().replace("T", " ").replace("Z", " UTC");
    }
}
