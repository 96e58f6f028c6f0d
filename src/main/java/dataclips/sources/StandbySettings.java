package dataclips.sources;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A follower's side of PostgreSQL's hot-standby trade-off (README, "Followers and long clips"), read with its health
 * check: whether it asks the primary to keep rows its queries may need (hot_standby_feedback), how long its replay
 * waits for a query in the way before cancelling it (max_standby_streaming_delay, in ms, -1 for ever), and how many
 * queries it cancelled so in the source's database since its statistics were reset (null where not readable).
 */
public record StandbySettings(boolean hotStandbyFeedback, long maxStandbyStreamingDelayMs, Long recoveryConflicts) {
    private static final String SETTINGS = """
            select current_setting('hot_standby_feedback')::boolean,
                   (select setting::bigint from pg_settings where name = 'max_standby_streaming_delay')""";
    private static final String CONFLICTS = """
            select confl_tablespace + confl_lock + confl_snapshot + confl_bufferpin + confl_deadlock
            from pg_stat_database_conflicts where datname = current_database()""";

    static StandbySettings read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SETTINGS)) {
            rs.next();
            return new StandbySettings(rs.getBoolean(1), rs.getLong(2), conflicts(c));
        }
    }

    /** A role may be refused the statistics views: the count is then unknown, nothing else is. */
    private static Long conflicts(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CONFLICTS)) {
            return rs.next() ? rs.getLong(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /** As the Databases page shows it: "hot_standby_feedback off, max_standby_streaming_delay 30 s". */
    public String text() {
        return "hot_standby_feedback " + (hotStandbyFeedback ? "on" : "off") + ", max_standby_streaming_delay " + delay();
    }

    /** "30 s", "5 min", "250 ms", "0 s" (cancels at once) or "-1 (waits for ever)". */
    public String delay() {
        if (maxStandbyStreamingDelayMs < 0) {
            return "-1 (waits for ever)";
        }
        return maxStandbyStreamingDelayMs % 1000 == 0 ? FollowerHealth.humanSeconds(maxStandbyStreamingDelayMs / 1000.0)
                : maxStandbyStreamingDelayMs + " ms";
    }

    /**
     * What the admin should know about long clips on this follower, if anything: with feedback off, clips running
     * longer than the streaming delay (but within the statement timeout) are cancelled when the primary cleans up;
     * with feedback on, they hold back the primary's vacuum, the statement timeout bounding the follower's work.
     */
    public Optional<String> warning(int statementTimeoutSeconds) {
        if (hotStandbyFeedback) {
            // The run's deadline (run.RunDeadline) counts the follower's work over the whole run and stands still
            // while rows wait for a slow reader, whose open transaction still holds the vacuum back.
            return Optional.of("hot_standby_feedback is on, so a long clip here holds back the primary's vacuum "
                    + "(dead rows stay, tables and indexes grow) for as long as it runs: the clips' statement "
                    + "timeout (" + FollowerHealth.humanSeconds(statementTimeoutSeconds) + ") bounds the follower's "
                    + "work on it over the whole run, not the time a slow download takes to be read.");
        }
        if (maxStandbyStreamingDelayMs >= 0 && maxStandbyStreamingDelayMs < statementTimeoutSeconds * 1000L) {
            return Optional.of("hot_standby_feedback is off and max_standby_streaming_delay (" + delay()
                    + ") is shorter than the clips' "
                    + "statement timeout (" + FollowerHealth.humanSeconds(statementTimeoutSeconds) + "), so long clips "
                    + "will be cancelled when the primary cleans up rows they read (a recovery conflict). Raise "
                    + "max_standby_streaming_delay on the follower, or turn on hot_standby_feedback.");
        }
        return Optional.empty();
    }
}
