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
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A source on two extra followers of the embedded primary, made for one test class and what the failover and lag
 * tests ask of it. Registered after the class's {@link AppFixture}:
 * {@code @RegisterExtension @Order(2) static final FollowerPair pair = new FollowerPair(app, "failover", null, sql, setup…);}
 * before the first test it runs the set-up statements on the sample database's primary, adds the followers
 * "{source}-a" and "{source}-b", waits until both answer the clip's SQL, registers them as the source and makes a
 * clip of the SQL that runs on every request; after the last test it deletes the clip and the source and stops both.
 */
final class FollowerPair implements BeforeAllCallback, AfterAllCallback {
    private final AppFixture app;
    private final String source;
    private final Integer maxLagSeconds;
    private final String title;
    private final String sql;
    private final List<String> primarySetup;
    private PgNode a;
    private PgNode b;
    private String slug;

    /** maxLagSeconds null: the source keeps the default. */
    FollowerPair(AppFixture app, String source, Integer maxLagSeconds, String title, String sql, String... primarySetup) {
        this.app = app;
        this.source = source;
        this.maxLagSeconds = maxLagSeconds;
        this.title = title;
        this.sql = sql;
        this.primarySetup = List.of(primarySetup);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.onPrimary("employees", primarySetup.toArray(String[]::new));
        a = TestCluster.get().addFollower(source + "-a");
        b = TestCluster.get().addFollower(source + "-b");
        TestDatabase.awaitOnFollower(a, "employees", sql);
        TestDatabase.awaitOnFollower(b, "employees", sql);
        register();
        slug = liveClip();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (slug != null) {
                assertEquals(204, app.http().delete("/api/v1/clips/" + slug, Http.bearer(app.admin())).status());
                assertEquals(204, app.http().delete("/api/v1/sources/" + source, Http.bearer(app.admin())).status());
            }
        } finally {
            if (a != null) {
                a.stop();
            }
            if (b != null) {
                b.stop();
            }
        }
    }

    PgNode a() {
        return a;
    }

    PgNode b() {
        return b;
    }

    /** The clip on the source (max age 0). */
    String slug() {
        return slug;
    }

    private void register() {
        Map<String, Object> body = new HashMap<>(Map.of("name", source,
                "followers", List.of(TestDatabase.readerUrl(a), TestDatabase.readerUrl(b))));
        if (maxLagSeconds != null) {
            body.put("max_lag_seconds", maxLagSeconds);
        }
        Http.Response r = app.http().postJson("/api/v1/sources", body, Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
    }

    /** A clip on the source that runs on every request (max age 0): a stored result never stands in for a run. */
    private String liveClip() {
        Http.Response r = app.http().postJson("/api/v1/clips", Map.of("title", title, "source", source, "sql", sql),
                Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        String slug = r.json().get("slug").asText();
        Http.Response patched = app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0),
                Http.bearer(app.admin()));
        assertEquals(200, patched.status(), patched.body());
        return slug;
    }

    /** Waits until the API reports this many healthy followers (the health monitor checks every 5 s). */
    JsonNode awaitHealthy(int healthy) {
        return await("healthy followers: " + healthy, counting(healthy, f -> f.path("healthy").asBoolean()));
    }

    /** Waits until this many followers report a replay lag beyond the given seconds. */
    JsonNode awaitLagging(double seconds, int lagging) {
        return await(lagging + " followers more than " + seconds + " s behind", counting(lagging,
                f -> f.path("healthy").asBoolean() && f.path("lag_seconds").asDouble(0) > seconds));
    }

    /**
     * Waits until both followers are more than the given seconds behind and b less than a, as the app last measured
     * them: each is measured at its own check, and under load b's last check may be older than a's.
     */
    JsonNode awaitBothLaggingBFresher(double seconds) {
        return await("both followers more than " + seconds + " s behind, b less than a", source -> {
            JsonNode a = source.path("followers").path(0);
            JsonNode b = source.path("followers").path(1);
            return counting(2, f -> f.path("healthy").asBoolean() && f.path("lag_seconds").asDouble(0) > seconds)
                    .test(source) && b.path("lag_seconds").asDouble() < a.path("lag_seconds").asDouble();
        });
    }

    private static Predicate<JsonNode> counting(int count, Predicate<JsonNode> counted) {
        return source -> {
            int n = 0;
            for (JsonNode f : source.path("followers")) {
                n += counted.test(f) ? 1 : 0;
            }
            return n == count;
        };
    }

    private JsonNode await(String what, Predicate<JsonNode> reached) {
        long deadline = System.currentTimeMillis() + 40_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = app.http().get("/api/v1/sources/" + source, Http.bearer(app.admin())).json();
            if (reached.test(last)) {
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
