package dataclips.schedules;

import static dataclips.schedules.ScheduledRows.at;
import static dataclips.schedules.ScheduledRows.await;
import static dataclips.schedules.ScheduledRows.holds;
import static dataclips.schedules.ScheduledRows.pending;
import static dataclips.schedules.ScheduledRows.put;
import static dataclips.schedules.ScheduledRows.snapshots;
import static dataclips.schedules.ScheduledRows.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.Http;
import dataclips.SettableClock;
import dataclips.TestApp;
import dataclips.TestClips;
import dataclips.TestDatabase;
import dataclips.TestCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled snapshots with the clock in the test's hand: two app instances share one settable clock (set in
 * 2040, beyond any real-clock instance's reach) and the metadata database; each scheduler polls every second.
 */
class ScheduledSnapshotsTest {
    private static final Map<String, String> FAST_POLL = Map.of("DATACLIPS_SCHEDULE_POLL_SECONDS", "1");
    private final List<TestApp> apps = new ArrayList<>();

    @AfterEach
    void stopApps() {
        apps.forEach(TestApp::close);
    }

    @Test
    void eachDueTimeRunsOnceAcrossTwoInstances() {
        SettableClock clock = new SettableClock(Instant.parse("2040-01-01T05:00:00Z"));
        TestApp a = start(clock);
        start(clock);
        String token = a.adminToken();
        String slug = TestClips.slug(a, token, "daily numbers", "select g from generate_series(1, 3) g");
        JsonNode saved = put(a, token, slug, Map.of("every", "daily", "at", "06:00"));
        assertEquals("every day at 06:00 (UTC)", saved.get("description").asText());
        assertEquals(List.of(at("2040-01-01T06:00:00Z"), at("2040-01-02T06:00:00Z"), at("2040-01-03T06:00:00Z")),
                times(saved.get("next_runs")));
        assertEquals(Optional.of(new ScheduledRows.Pending(at("2040-01-01T06:00:00Z"), false)), pending(slug));
        assertEquals(0, holds(() -> snapshots(slug).size(), 0), "nothing is due before 06:00");

        clock.set(at("2040-01-01T06:00:30Z"));
        assertEquals(Optional.of(new ScheduledRows.Pending(at("2040-01-02T06:00:00Z"), false)),
                await(() -> pending(slug), Optional.of(new ScheduledRows.Pending(at("2040-01-02T06:00:00Z"), false))));
        assertEquals(1, holds(() -> snapshots(slug).size(), 1), "both instances polled; one took the snapshot");
        assertEquals(List.of("scheduled for 2040-01-01 06:00 UTC"), snapshots(slug));

        clock.set(at("2040-01-02T06:01:00Z"));
        assertEquals(2, await(() -> snapshots(slug).size(), 2));
        assertEquals(2, holds(() -> snapshots(slug).size(), 2));
        assertEquals("scheduled for 2040-01-02 06:00 UTC", snapshots(slug).get(1));
        JsonNode shown = a.http().get("/api/v1/clips/" + slug + "/schedule", Http.bearer(token)).json();
        assertEquals("scheduled for 2040-01-02 06:00 UTC", shown.get("newest_snapshot").get("label").asText());
        assertEquals(3, shown.get("newest_snapshot").get("row_count").asInt());
    }

    @Test
    void timesMissedWhileNoInstanceRanGiveOneCatchUp() {
        SettableClock clock = new SettableClock(Instant.parse("2040-03-01T00:10:00Z"));
        TestApp a = start(clock);
        TestApp b = start(clock);
        String token = a.adminToken();
        String slug = TestClips.slug(a, token, "hourly numbers", "select 42 as answer");
        put(a, token, slug, Map.of("every", "hourly", "minute", 0));
        a.close();
        b.close();
        apps.clear();

        clock.set(at("2040-03-01T05:30:00Z")); // 01:00 to 05:00 all came due while no instance ran
        TestApp c = start(clock);
        assertEquals(1, await(() -> snapshots(slug).size(), 1));
        assertEquals(Optional.of(new ScheduledRows.Pending(at("2040-03-01T06:00:00Z"), false)),
                await(() -> pending(slug), Optional.of(new ScheduledRows.Pending(at("2040-03-01T06:00:00Z"), false))));
        assertEquals(1, holds(() -> snapshots(slug).size(), 1), "five missed hours, one catch-up snapshot");
        assertEquals("scheduled for 2040-03-01 01:00 UTC, caught up at 2040-03-01 05:30 (no instance ran at the due time)",
                snapshots(slug).get(0));

        clock.set(at("2040-03-01T06:00:05Z"));
        assertEquals(2, await(() -> snapshots(slug).size(), 2), "after the catch-up the schedule goes on as before");
        assertEquals("scheduled for 2040-03-01 06:00 UTC", snapshots(slug).get(1));
        assertEquals(204, c.http().delete("/api/v1/clips/" + slug + "/schedule", Http.bearer(token)).status());
    }

    @Test
    void aClipThatFollowsItsScheduleServesTheNewestScheduledSnapshot() {
        TestDatabase.onPrimary("employees", "drop table if exists scheduled_sales",
                "create table scheduled_sales (month int primary key, amount numeric(10, 2))",
                "insert into scheduled_sales values (1, 100.50), (2, 200.25)");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 from scheduled_sales where month = 2");
        SettableClock clock = new SettableClock(Instant.parse("2040-01-15T00:00:00Z"));
        TestApp a = start(clock);
        start(clock);
        String token = a.adminToken();
        String slug = TestClips.slug(a, token, "Sales year to date", "select month, amount from scheduled_sales order by month");
        a.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0), Http.bearer(token));
        JsonNode saved = put(a, token, slug, Map.of("every", "monthly", "day", 1, "at", "06:00", "zone", "Europe/Oslo",
                "follow", true));
        assertTrue(saved.get("follow").asBoolean());
        assertEquals(at("2040-02-01T05:00:00Z"), times(saved.get("next_runs")).get(0), "06:00 in Oslo is 05:00 UTC in winter");
        assertEquals("live", a.http().get("/clips/" + slug + ".csv").header("X-Result").orElseThrow(),
                "until the schedule has taken a snapshot, the clip serves its live result");

        clock.set(at("2040-02-01T05:00:30Z"));
        assertEquals(1, await(() -> snapshots(slug).size(), 1));
        Http.Response first = a.http().get("/clips/" + slug + ".csv");
        assertEquals("scheduled", first.header("X-Result").orElseThrow());
        assertEquals("month,amount\r\n1,100.50\r\n2,200.25\r\n", first.body());

        TestDatabase.onPrimary("employees", "insert into scheduled_sales values (3, 300.75)");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 from scheduled_sales where month = 3");
        Http.Response again = apps.get(1).http().get("/clips/" + slug + ".csv");
        assertEquals("scheduled", again.header("X-Result").orElseThrow());
        assertEquals(first.body(), again.body(), "the data changed, the scheduled snapshot did not");
        assertEquals(first.header("X-Snapshot"), again.header("X-Snapshot"));
        Http.Response head = a.http().send("HEAD", "/clips/" + slug + ".csv", "");
        assertEquals("scheduled", head.header("X-Result").orElseThrow(), "HEAD answers what GET serves");
        assertEquals(first.header("ETag"), head.header("ETag"));

        clock.set(at("2040-03-01T05:00:30Z"));
        assertEquals(2, await(() -> snapshots(slug).size(), 2));
        Http.Response march = a.http().get("/clips/" + slug + ".csv");
        assertEquals("month,amount\r\n1,100.50\r\n2,200.25\r\n3,300.75\r\n", march.body(), "the next month's snapshot");
        assertNotEquals(first.header("X-Snapshot"), march.header("X-Snapshot"));

        put(a, token, slug, Map.of("every", "monthly", "day", 1, "at", "06:00", "zone", "Europe/Oslo", "follow", false));
        assertEquals("live", a.http().get("/clips/" + slug + ".csv").header("X-Result").orElseThrow());
        assertEquals(204, a.http().delete("/api/v1/clips/" + slug + "/schedule", Http.bearer(token)).status());
    }

    @Test
    void deletingTheScheduleOrTheClipStopsIt() {
        SettableClock clock = new SettableClock(Instant.parse("2040-05-01T00:00:00Z"));
        TestApp a = start(clock);
        start(clock);
        String token = a.adminToken();
        String slug = TestClips.slug(a, token, "to unschedule", "select 1 as one");
        a.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0), Http.bearer(token));
        Http browser = a.signedInAdmin();
        String csrf = browser.get("/clips/" + slug).csrf();
        Http.Response form = browser.postForm("/clips/" + slug + "/schedule", Map.of("_csrf", csrf, "every", "hourly",
                "minute", "15", "at", "06:00", "weekday", "monday", "day", "1", "cron", "", "zone", "UTC", "follow", "true"));
        assertEquals(302, form.status(), form.body());
        assertEquals("/clips/" + slug + "?notice=scheduled", form.header("Location").orElseThrow());
        JsonNode shown = a.http().get("/api/v1/clips/" + slug + "/schedule", Http.bearer(token)).json();
        assertEquals("hourly", shown.get("every").asText());
        assertEquals(15, shown.get("minute").asInt());
        assertTrue(shown.get("at").isNull() && shown.get("weekday").isNull(), "the form's other fields do not apply");
        assertTrue(shown.get("follow").asBoolean());

        clock.set(at("2040-05-01T00:15:10Z"));
        assertEquals(1, await(() -> snapshots(slug).size(), 1));
        await(() -> pending(slug).map(ScheduledRows.Pending::picked), Optional.of(false));
        assertEquals(302, browser.postForm("/clips/" + slug + "/schedule/delete", Map.of("_csrf", csrf)).status());
        assertEquals(Optional.empty(), pending(slug), "the pending execution went with the schedule");
        assertEquals(404, a.http().get("/api/v1/clips/" + slug + "/schedule", Http.bearer(token)).status());
        assertEquals(404, a.http().delete("/api/v1/clips/" + slug + "/schedule", Http.bearer(token)).status());
        clock.set(at("2040-05-01T05:15:10Z"));
        assertEquals(1, holds(() -> snapshots(slug).size(), 1), "no more snapshots once the schedule is gone");
        assertEquals("live", a.http().get("/clips/" + slug + ".csv").header("X-Result").orElseThrow(),
                "without a schedule there is nothing to follow");

        String other = TestClips.slug(a, token, "to delete", "select 2 as two");
        put(a, token, other, Map.of("cron", "30 6 * * 1-5", "zone", "America/New_York"));
        long otherId = ScheduledRows.clipId(other);
        assertEquals(1, ScheduledRows.executionsOf(otherId));
        assertEquals(204, a.http().delete("/api/v1/clips/" + other, Http.bearer(token)).status());
        assertEquals(0, ScheduledRows.executionsOf(otherId), "deleting the clip removes its scheduled execution");
    }

    private TestApp start(SettableClock clock) {
        TestApp app = TestApp.start(FAST_POLL, clock);
        apps.add(app);
        return app;
    }
}
