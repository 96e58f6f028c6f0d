package dataclips.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.PgNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health and lag as GET /api/v1/sources reports them, against a second real follower we can stop and pause. */
class FollowerHealthTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();
    private static PgNode follower;

    @BeforeAll
    static void start() {
        follower = TestCluster.get().addFollower("health");
        Http.Response r = app.http().postJson("/api/v1/sources", Map.of("name", "watched",
                "followers", List.of(TestDatabase.readerUrl(follower)),
                "primary", TestDatabase.readerUrl(TestCluster.get().primary())), Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
    }

    @AfterAll
    static void stop() {
        app.http().delete("/api/v1/sources/watched", Http.bearer(app.admin()));
        follower.stop();
    }

    private JsonNode awaitFollower(Predicate<JsonNode> condition, int seconds, String what) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = app.http().get("/api/v1/sources/watched", Http.bearer(app.admin())).json().at("/followers/0");
            if (condition.test(last)) {
                return last;
            }
            TestDatabase.sleep(250);
        }
        throw new AssertionError(what + " within " + seconds + " s; last seen: " + last);
    }

    @Test
    void theSampleSourceListsItsFollowerInRecoveryWithLagFigures() {
        JsonNode sources = app.http().get("/api/v1/sources", Http.bearer(app.admin())).json();
        JsonNode employees = null;
        for (JsonNode s : sources) {
            if (s.get("name").asText().equals("employees")) {
                employees = s;
            }
        }
        assertTrue(employees != null, sources.toString());
        JsonNode f = employees.at("/followers/0");
        assertEquals("localhost", f.get("host").asText());
        assertEquals(TestCluster.get().follower().port(), f.get("port").asInt());
        assertTrue(f.get("healthy").asBoolean() && f.get("in_recovery").asBoolean(), f.toString());
        assertTrue(f.get("lag_bytes").asLong() >= 0 && f.get("lag_seconds").isNumber(), f.toString());
    }

    @Test
    void aStoppedFollowerTurnsUnhealthyWithin15SecondsAndHealthyWhenItReturns() {
        awaitFollower(f -> f.get("healthy").asBoolean(), 15, "healthy at first");
        follower.stop();
        try {
            JsonNode down = awaitFollower(f -> !f.get("healthy").asBoolean(), 15, "unhealthy after stop");
            assertTrue(down.get("error").asText().contains("could not connect"), down.toString());
            assertTrue(down.get("last_seen_at").isTextual(), "when it was last seen");
        } finally {
            follower.start();
        }
        awaitFollower(f -> f.get("healthy").asBoolean(), 15, "healthy after restart");
    }

    @Test
    void lagGrowsWhileReplayIsPausedAndReturnsToZero() throws Exception {
        // A commit replayed since the follower (re)started gives the replay timestamp that lag_seconds needs.
        TestDatabase.onPrimary("employees", "create table if not exists lag_probe (n int)", "insert into lag_probe values (0)");
        TestDatabase.awaitOnFollower(follower, "select 1 where pg_last_xact_replay_timestamp() is not null");
        awaitFollower(f -> f.get("healthy").asBoolean() && f.get("lag_bytes").asLong() == 0, 15, "caught up at first");
        try (Connection c = follower.superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("select pg_wal_replay_pause()");
            try {
                TestDatabase.sleep(1100); // so the delay since the last replayed commit is measurable
                TestDatabase.onPrimary("employees", "insert into lag_probe select generate_series(1, 10000)");
                JsonNode behind = awaitFollower(f -> f.get("lag_bytes").asLong() > 0 && f.get("lag_seconds").asDouble() > 0,
                        15, "lag while replay is paused");
                assertTrue(behind.get("behind_by").asText().matches("\\d.*(bytes|kB|MB).*s|.*min.*"), behind.toString());
            } finally {
                s.execute("select pg_wal_replay_resume()");
            }
        }
        awaitFollower(f -> f.get("lag_bytes").asLong() == 0 && f.get("lag_seconds").asDouble() == 0, 15, "caught up");
    }
}
