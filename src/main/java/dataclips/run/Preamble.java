package dataclips.run;

import dataclips.sources.ReplayCatchUp;
import dataclips.sources.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The first statement of every run, in the same read-only transaction as the clip and in one round trip:
 * it proves the server is still a follower, reads how fresh its data is, and sets the transaction's
 * read-only flag, timeouts and time zone (SET LOCAL: they end with the transaction).
 */
final class Preamble {
    static final String LOCK_TIMEOUT = "10s";
    /** A viewer that stops reading for this long ends the run rather than holding a snapshot open. */
    static final String IDLE_TIMEOUT = "60s";
    private static final String SQL = """
            select pg_is_in_recovery(),
                   as_of,
                   extract(epoch from statement_timestamp() - as_of)::float8,
                   set_config('transaction_read_only', 'on', true),
                   set_config('statement_timeout', ?, true),
                   set_config('lock_timeout', ?, true),
                   set_config('idle_in_transaction_session_timeout', ?, true),
                   set_config('TimeZone', 'UTC', true),
                   received::text,
                   statement_timestamp()
            from (select pg_last_wal_receive_lsn() as received,
                         case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then statement_timestamp()
                              else pg_last_xact_replay_timestamp() end as as_of) freshness""";
    /** Behind by less than this, the follower is taken at its word without asking whether it is only replaying. */
    private static final double CHECK_CATCH_UP_AFTER_SECONDS = 1;

    /** What the follower said about itself. asOf is null when it cannot tell (nothing replayed yet). */
    record Freshness(OffsetDateTime asOf, double lagSeconds) {}

    /** Thrown when the server answers but is no longer a follower: the run moves to another one. */
    static final class NotAFollower extends Exception {
        NotAFollower() {
            super("the server is not in recovery (was it promoted to primary?)");
        }
    }

    private Preamble() {}

    static Freshness apply(Connection c, Source source) throws SQLException, NotAFollower {
        try (PreparedStatement s = c.prepareStatement(SQL)) {
            s.setString(1, source.statementTimeoutSeconds() + "s");
            s.setString(2, LOCK_TIMEOUT);
            s.setString(3, IDLE_TIMEOUT);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new NotAFollower();
                }
                OffsetDateTime asOf = rs.getObject(2, OffsetDateTime.class);
                double lag = rs.getDouble(3);
                boolean unsure = asOf == null || lag > CHECK_CATCH_UP_AFTER_SECONDS;
                if (unsure && ReplayCatchUp.reaches(c, rs.getString(9))) {
                    // it was only replaying what had just arrived: its data is as fresh as when it was asked
                    return new Freshness(rs.getObject(10, OffsetDateTime.class), 0);
                }
                return new Freshness(asOf, lag);
            }
        }
    }
}
