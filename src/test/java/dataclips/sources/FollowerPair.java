package dataclips.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import dataclips.embedded.PgNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A source on two extra followers of the embedded primary, and what the failover and lag tests ask of it. */
final class FollowerPair {
    private FollowerPair() {}

    static void register(AppFixture app, String name, PgNode a, PgNode b, Integer maxLagSeconds) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name,
                "followers", List.of(TestDatabase.readerUrl(a), TestDatabase.readerUrl(b))));
        if (maxLagSeconds != null) {
            body.put("max_lag_seconds", maxLagSeconds);
        }
        Http.Response r = app.http().postJson("/api/v1/sources", body, Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
    }

    /** A clip on the source that runs on every request (max age 0): a stored result never stands in for a run. */
    static String liveClip(AppFixture app, String source, String title, String sql) {
        Http.Response r = app.http().postJson("/api/v1/clips", Map.of("title", title, "source", source, "sql", sql),
                Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        String slug = r.json().get("slug").asText();
        Http.Response patched = app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0),
                Http.bearer(app.admin()));
        assertEquals(200, patched.status(), patched.body());
        return slug;
    }

    static void deleteClipAndSource(AppFixture app, String slug, String source) {
        assertEquals(204, app.http().delete("/api/v1/clips/" + slug, Http.bearer(app.admin())).status());
        assertEquals(204, app.http().delete("/api/v1/sources/" + source, Http.bearer(app.admin())).status());
    }

    /** Waits until the API reports this many healthy followers (the health monitor checks every 5 s). */
    static JsonNode awaitHealthy(AppFixture app, String source, int healthy) {
        return await(app, source, "healthy followers: " + healthy,
                f -> f.path("healthy").asBoolean(), healthy);
    }

    /** Waits until this many followers report a replay lag beyond the given seconds. */
    static JsonNode awaitLagging(AppFixture app, String source, double seconds, int lagging) {
        return await(app, source, lagging + " followers more than " + seconds + " s behind",
                f -> f.path("healthy").asBoolean() && f.path("lag_seconds").asDouble(0) > seconds, lagging);
    }

    private static JsonNode await(AppFixture app, String source, String what,
                                  java.util.function.Predicate<JsonNode> counted, int count) {
        long deadline = System.currentTimeMillis() + 40_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = app.http().get("/api/v1/sources/" + source, Http.bearer(app.admin())).json();
            int n = 0;
            for (JsonNode f : last.path("followers")) {
                n += counted.test(f) ? 1 : 0;
            }
            if (n == count) {
                return last;
            }
            TestDatabase.sleep(200);
        }
        throw new AssertionError("not within 40 s: " + what + "; last seen " + last);
    }

    /** "host:port" of the follower that served the clip's newest run, from the audit log. */
    static String lastRunFollower(String slug) {
        return TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE,
                "select r.follower from runs r join clips c on c.id = r.clip_id where c.slug = '" + slug
                        + "' and r.status = 'ok' order by r.id desc limit 1");
    }

    static String rowsCsv(int... ids) {
        StringBuilder csv = new StringBuilder("id,label\r\n");
        String[] labels = {"", "one", "two", "three", "four"};
        for (int id : ids) {
            csv.append(id).append(',').append(labels[id]).append("\r\n");
        }
        return csv.toString();
    }

    static void superuser(PgNode node, String sql) {
        TestDatabase.scalar(node, "postgres", sql);
    }
}
