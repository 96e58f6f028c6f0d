package dataclips.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.Http;
import dataclips.TestApp;
import dataclips.TestCluster;
import dataclips.embedded.EmbeddedCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What the metadata database holds for a clip's schedule: its scheduled snapshots and its pending execution. */
final class ScheduledRows {
    private ScheduledRows() {}

    /** A clip's pending db-scheduler execution. */
    record Pending(Instant due, boolean picked) {}

    /** Labels of the clip's complete scheduled snapshots, oldest first. */
    static List<String> snapshots(String slug) {
        List<String> labels = new ArrayList<>();
        query("select r.label from results r join clips c on c.id = r.clip_id where c.slug = ? and r.kind = 'scheduled' "
                + "and r.state = 'complete' order by r.id", slug, rs -> labels.add(rs.getString(1)));
        return labels;
    }

    static Optional<Pending> pending(String slug) {
        List<Pending> found = new ArrayList<>();
        query("select t.execution_time, t.picked from scheduled_tasks t join clips c on t.task_instance = c.id::text "
                + "where t.task_name = 'clip-snapshot' and c.slug = ?", slug,
                rs -> found.add(new Pending(rs.getTimestamp(1).toInstant(), rs.getBoolean(2))));
        return found.stream().findFirst();
    }

    /** Executions left for a clip id (after the clip is gone, only its id is known). */
    static int executionsOf(long clipId) {
        int[] count = {0};
        query("select count(*) from scheduled_tasks where task_name = 'clip-snapshot' and task_instance = ?",
                Long.toString(clipId), rs -> count[0] = rs.getInt(1));
        return count[0];
    }

    static long clipId(String slug) {
        long[] id = {-1};
        query("select id from clips where slug = ?", slug, rs -> id[0] = rs.getLong(1));
        return id[0];
    }

    /** Waits (polling, up to 30 s) until the value is what is expected; answers the last value seen. */
    static <T> T await(Supplier<T> value, T expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T seen = value.get();
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            pause();
            seen = value.get();
        }
        return seen;
    }

    /**
     * Watches the value for a few scheduler polls (1 s each in these tests) and answers the first value that
     * differs from the expected one, or the expected one if it held: how a test sees that nothing ran twice.
     */
    static <T> T holds(Supplier<T> value, T expected) {
        long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
        while (System.nanoTime() < until) {
            T seen = value.get();
            if (!seen.equals(expected)) {
                return seen;
            }
            pause();
        }
        return value.get();
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, String parameter, Row row) {
        try (Connection c = TestCluster.get().superuserConnection(EmbeddedCluster.METADATA_DATABASE);
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PUTs a schedule through the API; it must be accepted. */
    static JsonNode put(TestApp app, String token, String slug, Map<String, Object> body) {
        Http.Response r = app.http().send("PUT", "/api/v1/clips/" + slug + "/schedule", body, Http.bearer(token));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static List<Instant> times(JsonNode isoTimes) {
        List<Instant> times = new ArrayList<>();
        isoTimes.forEach(t -> times.add(OffsetDateTime.parse(t.asText()).toInstant()));
        return times;
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
