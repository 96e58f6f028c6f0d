package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user may start DATACLIPS_PREVIEWS_PER_MINUTE previews a minute (three here); the next is a 429 with Retry-After. */
class PreviewLimitsTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_PREVIEWS_PER_MINUTE", "3"));

    @Test
    void theFourthPreviewInAMinuteIsRefusedForThatUserOnly() {
        String busy = app.memberToken("previews@test.local");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, preview(busy).status());
        }
        Http.Response fourth = preview(busy);
        assertEquals(429, fourth.status(), fourth.body());
        assertEquals("rate_limited", fourth.json().get("error").get("code").asText(), fourth.body());
        assertTrue(fourth.json().get("error").get("message").asText().contains("at most 3 a minute"), fourth.body());
        long retryAfter = Long.parseLong(fourth.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 20, "Retry-After " + retryAfter); // one preview back every 20 s
        assertEquals(200, preview(app.admin()).status(), "another user is not limited by it");
    }

    private static Http.Response preview(String token) {
        return app.http().postJson("/api/v1/sources/employees/preview", Map.of("sql", "select 1 as one"), Http.bearer(token));
    }
}
