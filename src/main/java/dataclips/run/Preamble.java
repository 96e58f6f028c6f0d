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
 * read-only flag, timeouts and time zone (SET LOCAL: they end with the transaction), those of the way the run
 * will read its rows ({@link Reading}) included, so a COPY needs no round trip of its own to set them.
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
                   set_config('client_connection_check_interval',
                              coalesce(?, current_setting('client_connection_check_interval')), true),
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

    /**
     * How the run will read its rows. A cursor's statement timeout starts again at each fetch. A COPY is one statement,
     * so PostgreSQL's timeout would count the time the viewer takes to read: it is off for a COPY, whose limit is the
     * run's deadline ({@link RunDeadline}, which stands still while rows go to the viewer), and
     * client_connection_check_interval ends the COPY should the app go away while the query thinks.
     */
    enum Reading {
        CURSOR, COPY;

        String statementTimeout(Source source) {
            return this == COPY ? "0" : source.statementTimeoutSeconds() + "s";
        }

        /** null: the follower's own setting stays. */
        String connectionCheckInterval() {
            return this == COPY ? "5s" : null;
        }
    }

    /** What the follower said about itself. asOf is null when it cannot tell (nothing replayed yet). */
    record Freshness(OffsetDateTime asOf, double lagSeconds) {}

    /** Thrown when the server answers but is no longer a follower: the run moves to another one. */
    static final class NotAFollower extends Exception {
        NotAFollower() {
            super("the server is not in recovery (was it promoted to primary?)");
        }
    }

    private Preamble() {}

    static Freshness apply(Connection c, Source source, Reading reading) throws SQLException, NotAFollower {
        try (PreparedStatement s = c.prepareStatement(SQL)) {
            s.setString(1, reading.statementTimeout(source));
            s.setString(2, reading.connectionCheckInterval());
            s.setString(3, LOCK_TIMEOUT);
            s.setString(4, IDLE_TIMEOUT);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new NotAFollower();
                }
                OffsetDateTime asOf = rs.getObject(2, OffsetDateTime.class);
                double lag = rs.getDouble(3);
                boolean unsure = asOf == null || lag > CHECK_CATCH_UP_AFTER_SECONDS;
                if (unsure && ReplayCatchUp.reaches(c, rs.getString(10))) {
                    // it was only replaying what had just arrived: its data is as fresh as when it was asked
                    return new Freshness(rs.getObject(11, OffsetDateTime.class), 0);
                }
                return new Freshness(asOf, lag);
            }
        }
    }

    /** A run the preamble prepared for a COPY reads through the cursor after all: its statement timeout is back. */
    static void readByCursor(Connection c, Source source) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select set_config('statement_timeout', ?, true)")) {
            s.setString(1, Reading.CURSOR.statementTimeout(source));
            s.execute();
        }
    }
}
