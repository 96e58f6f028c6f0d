package dataclips.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.AppFixture;
import dataclips.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What sets a delivery off (README, "Delivery"): a snapshot taken by hand and one taken by the clip's schedule (the
 * clock moved to its time) each deliver, with their trigger in the webhook's body; a refresh (a live run into the
 * store) delivers nothing; "rows" skips a snapshot without rows, saying so.
 */
class TriggersDeliveryTest {
    static final ShiftedClock clock = new ShiftedClock();
    static final Receiver receiver = new Receiver();
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_WEBHOOK_ALLOW_HOSTS", "127.0.0.1",
            "DATACLIPS_SCHEDULE_POLL_SECONDS", "1"), clock);
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void snapshotsByHandAndBySchedulesDeliverRefreshesDoNotAndRowsSkipsAnEmptyOne() throws Exception {
        String token = app.admin();
        String slug = app.slug(token, "Triggers", "select g as n from generate_series(1, 2) g");
        String empty = app.slug(token, "Nothing yet", "select 1 as n where false");
        EmailDeliveryTest.subscribe(app, slug, Map.of("channel", "webhook", "url", receiver.url("/triggers"),
                "when", "rows"), 201);
        EmailDeliveryTest.subscribe(app, empty, Map.of("channel", "webhook", "url", receiver.url("/empty"),
                "when", "rows"), 201);

        assertEquals(200, app.http().postJson("/api/v1/clips/" + slug + "/refresh", Map.of(), Http.bearer(token)).status());
        long byHand = snapshot(slug);
        snapshot(empty);
        assertEquals("snapshot", trigger(receiver.await(1).get(0)));
        List<JsonNode> log = DeliveryLogs.await(app.http(), token, slug, "sent", 1);
        assertEquals(List.of(byHand), log.stream().map(d -> d.get("snapshot").asLong()).toList(), "the refresh sent nothing");
        JsonNode skipped = DeliveryLogs.await(app.http(), token, empty, "skipped", 1).get(0);
        assertEquals("the snapshot has no rows", skipped.get("error").asText());

        Http.Response scheduled = app.http().send("PUT", "/api/v1/clips/" + slug + "/schedule", Map.of("every", "daily",
                "at", "06:00", "zone", "UTC"), Http.bearer(token));
        assertEquals(200, scheduled.status(), scheduled.body());
        Instant due = OffsetDateTime.parse(scheduled.json().get("next_runs").get(0).asText()).toInstant();
        clock.advance(Duration.between(clock.instant(), due).plusSeconds(1));
        List<Receiver.Got> got = receiver.await(2);
        assertEquals(List.of("/triggers", "/triggers"), got.stream().map(Receiver.Got::path).toList());
        assertEquals("scheduled", trigger(got.get(1)));
        DeliveryLogs.await(app.http(), token, slug, "sent", 2);
    }

    private static String trigger(Receiver.Got got) throws Exception {
        return JSON.readTree(got.body()).get("trigger").asText();
    }

    private static long snapshot(String slug) {
        Http.Response r = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }
}
