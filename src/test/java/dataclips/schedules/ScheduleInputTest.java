package dataclips.schedules;

import static dataclips.schedules.ScheduledRows.at;
import static dataclips.schedules.ScheduledRows.put;
import static dataclips.schedules.ScheduledRows.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SettableClock;
import dataclips.TestApp;
import dataclips.TestClips;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a schedule accepts: every refusal is a 422 that says what is accepted; accepted ones are read back in words and times. */
class ScheduleInputTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_SCHEDULE_POLL_SECONDS", "1"),
            new SettableClock(Instant.parse("2040-02-10T12:00:00Z")));

    @Test
    void badSchedulesAreRefusedWithWhatIsAccepted() {
        TestApp a = app.app();
        String token = a.adminToken();
        String slug = TestClips.slug(a, token, "refusals", "select 1");
        Map<String, List<Object>> refused = Map.ofEntries(
                Map.entry("{\"every\":\"fortnightly\",\"at\":\"06:00\"}", List.of("bad_every", "hourly, daily, weekly or monthly")),
                Map.entry("{\"follow\":true}", List.of("no_schedule", "cron expression")),
                Map.entry("{\"every\":\"daily\"}", List.of("no_time", "HH:MM")),
                Map.entry("{\"every\":\"daily\",\"at\":\"25:00\"}", List.of("bad_time", "00:00 to 23:59")),
                Map.entry("{\"every\":\"weekly\",\"at\":\"06:00\"}", List.of("no_weekday", "monday")),
                Map.entry("{\"every\":\"weekly\",\"at\":\"06:00\",\"weekday\":\"funday\"}", List.of("bad_weekday", "sunday")),
                Map.entry("{\"every\":\"monthly\",\"at\":\"06:00\",\"day\":31}", List.of("bad_day", "1 to 28")),
                Map.entry("{\"every\":\"hourly\",\"minute\":60}", List.of("bad_minute", "0 to 59")),
                Map.entry("{\"every\":\"daily\",\"at\":\"06:00\",\"zone\":\"Mars/Olympus\"}", List.of("bad_zone", "Europe/Oslo")),
                Map.entry("{\"cron\":\"0 6 * * * *\"}", List.of("bad_cron", "five fields")),
                Map.entry("{\"cron\":\"*/5 * * * *\"}", List.of("too_often", "every 15 minutes")),
                Map.entry("{\"cron\":\"0 0 30 2 *\"}", List.of("bad_cron", "never comes due")),
                Map.entry("{\"every\":\"daily\",\"at\":\"06:00\",\"cron\":\"0 6 * * *\"}", List.of("both_every_and_cron", "not both")),
                Map.entry("{\"every\":\"daily\",\"at\":\"06:00\",\"minute\":5}", List.of("unused_minute", "hourly")));
        refused.forEach((body, expected) -> {
            Http.Response r = a.http().send("PUT", "/api/v1/clips/" + slug + "/schedule", body, Http.bearer(token));
            assertEquals(422, r.status(), body + " -> " + r.body());
            assertEquals(expected.get(0), r.json().get("error").get("code").asText(), body);
            assertTrue(r.json().get("error").get("message").asText().contains((String) expected.get(1)), r.body());
        });
        assertEquals(400, a.http().send("PUT", "/api/v1/clips/" + slug + "/schedule", "{\"every\":\"daily\",\"hour\":6}",
                Http.bearer(token)).status(), "an unknown field is refused, as everywhere in the API");
        assertEquals(404, a.http().get("/api/v1/clips/" + slug + "/schedule", Http.bearer(token)).status(),
                "nothing refused was saved");
        assertEquals(401, a.http().send("PUT", "/api/v1/clips/" + slug + "/schedule", Map.of("every", "hourly")).status());
        String member = a.memberToken("schedule-member@test.local");
        assertEquals(403, a.http().send("PUT", "/api/v1/clips/" + slug + "/schedule", Map.of("every", "hourly"),
                Http.bearer(member)).status());

        JsonNode last = put(a, token, slug, Map.of("every", "monthly", "day", "last", "at", "23:30"));
        assertEquals("on the last day of every month at 23:30 (UTC)", last.get("description").asText());
        assertEquals(List.of(at("2040-02-29T23:30:00Z"), at("2040-03-31T23:30:00Z"), at("2040-04-30T23:30:00Z")),
                times(last.get("next_runs")), "2040 is a leap year");
        JsonNode weekly = put(a, token, slug, Map.of("every", "weekly", "weekday", "Sat", "at", "7:05", "zone", "Asia/Tokyo"));
        assertEquals("saturday", weekly.get("weekday").asText());
        assertEquals("07:05", weekly.get("at").asText());
        assertEquals(at("2040-02-10T22:05:00Z"), times(weekly.get("next_runs")).get(0), "Saturday 07:05 in Tokyo");
        assertFalse(weekly.get("follow").asBoolean());
        assertEquals(204, a.http().delete("/api/v1/clips/" + slug + "/schedule", Http.bearer(token)).status());
    }
}
