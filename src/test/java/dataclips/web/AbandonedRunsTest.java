package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.RawHttp;
import dataclips.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs whose client has left (README, "Security": which runs outlive their viewer): snapshots taken and refreshes
 * asked for through the API, and the choice list a link holder's page reads, stop when the client gives up, so eight
 * abandoned snapshots of a 20-second clip hold no follower connection and a one-row preview answers at once.
 */
class AbandonedRunsTest {
    static final String SLEEP = "select pg_sleep(20) as slept";
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void snapshotsAndRefreshesWhoseClientLeftStopAndAShortPreviewStillRuns() throws Exception {
        String member = app.memberToken("abandons@test.local");
        String slug = app.slug(member, "abandoned", SLEEP);
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String path = "/api/v1/clips/" + slug + (i < 6 ? "/snapshots" : "/refresh");
            clients.add(CompletableFuture.runAsync(() -> giveUp(path, member)));
        }
        clients.forEach(CompletableFuture::join);
        long started = System.nanoTime();
        Http.Response preview = app.http().postJson("/api/v1/sources/employees/preview", Map.of("sql", "select 1 as one"),
                Http.bearer(app.admin()));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, preview.status(), preview.body());
        assertTrue(ms < 3000, "the one-row preview waited " + ms + " ms for a follower connection");
        List<JsonNode> runs = awaitEnded(slug, member, 8);
        for (JsonNode run : runs) {
            assertEquals("cancelled", run.get("status").asText(), run.toString());
            assertTrue(run.get("duration_ms").asLong() < 10_000, "ran on without its client: " + run);
        }
    }

    /** A page of a clip whose choices come from a slow clip: the list's run stops when the link holder leaves. */
    @Test
    void aChoiceListsRunStopsWhenItsViewerLeaves() throws Exception {
        String choices = app.slug("slow choices", "select 'north' as r from pg_sleep(20)");
        app.http().send("PATCH", "/api/v1/clips/" + choices, Map.of("max_age_seconds", 0), Http.bearer(app.admin()));
        Http.Response declared = app.http().postJson("/api/v1/clips", Map.of("title", "chosen", "source", "employees",
                "sql", "select {{r}} as r", "parameters", Json.MAPPER.readTree("[{\"name\":\"r\",\"type\":\"choice\","
                        + "\"choices_clip\":\"" + choices + "\",\"default\":\"north\"}]")), Http.bearer(app.admin()));
        assertEquals(201, declared.status(), declared.body());
        RawHttp.sendThenHangUp(app.app(), "GET", "/clips/" + declared.json().get("slug").asText() + ".csv", Map.of(), "",
                500);
        JsonNode run = awaitEnded(choices, app.admin(), 1).get(0);
        assertEquals("choices", run.get("via").asText(), run.toString());
        assertEquals("cancelled", run.get("status").asText(), run.toString());
    }

    private static void giveUp(String path, String token) {
        try {
            RawHttp.sendThenHangUp(app.app(), "POST", path, Map.of("Authorization", "Bearer " + token,
                    "Content-Type", "application/json"), "{}", 500);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The clip's runs once this many have ended (up to 10 s: its clip sleeps 20 s, so only a stop ends one sooner). */
    private static List<JsonNode> awaitEnded(String slug, String token, int count) {
        List<JsonNode> ended = List.of();
        for (int i = 0; i < 100 && ended.size() < count; i++, TestDatabase.sleep(100)) {
            JsonNode runs = app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(token)).json();
            List<JsonNode> done = new ArrayList<>();
            runs.forEach(r -> {
                if (!r.get("status").asText().equals("running")) {
                    done.add(r);
                }
            });
            ended = done;
        }
        assertEquals(count, ended.size(), "runs that ended within 10 s: " + ended);
        return ended;
    }
}
