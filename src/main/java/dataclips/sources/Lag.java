package dataclips.sources;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.OptionalLong;

/** Reads replay lag and the hot-standby settings off a follower (and the WAL position off a primary). */
final class Lag {
    private static final String FOLLOWER_QUERY = """
            select pg_is_in_recovery(),
                   pg_last_wal_receive_lsn()::text,
                   pg_last_wal_replay_lsn()::text,
                   extract(epoch from now() - pg_last_xact_replay_timestamp())""";

    private Lag() {}

    static OptionalLong primaryPosition(PostgresUrl primary) {
        try (Connection c = ConnectionCheck.connect(primary, 5); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_current_wal_lsn()::text")) {
            rs.next();
            return OptionalLong.of(parseLsn(rs.getString(1)));
        } catch (SQLException e) {
            return OptionalLong.empty(); // fall back to receive-vs-replay lag on the follower
        }
    }

    static FollowerHealth measure(PostgresUrl follower, OptionalLong primaryPosition, FollowerHealth previous) {
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection c = ConnectionCheck.connect(follower, 5); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(FOLLOWER_QUERY)) {
            rs.next();
            boolean inRecovery = rs.getBoolean(1);
            if (!inRecovery) {
                return new FollowerHealth(false, false, null, null, now, previous.lastSeenAt(),
                        "not in recovery any more (promoted to a primary?): clips will not run here", previous.standby());
            }
            long replayed = parseLsn(rs.getString(3));
            long target = primaryPosition.orElse(parseLsn(rs.getString(2)));
            long lagBytes = Math.max(0, target - replayed);
            Double sinceCommit = rs.getObject(4) == null ? null : Math.max(0, rs.getDouble(4));
            if (lagBytes > 0 && (sinceCommit == null || sinceCommit > 1) && ReplayCatchUp.reaches(c, lsn(target))) {
                lagBytes = 0; // only replaying what had just arrived, not behind
            }
            // Behind with no replayed commit yet (a brand-new follower): the delay is unknown, not zero.
            Double lagSeconds = lagBytes == 0 ? Double.valueOf(0) : sinceCommit;
            return new FollowerHealth(true, true, lagBytes, lagSeconds, now, now, null, StandbySettings.read(c));
        } catch (SQLException e) {
            return previous.failed(ConnectionCheck.describe(e, follower), now);
        }
    }

    /** A byte position -> "16/B374D848". */
    static String lsn(long position) {
        return Long.toHexString(position >>> 32).toUpperCase() + "/" + Long.toHexString(position & 0xFFFFFFFFL).toUpperCase();
    }

    /** "16/B374D848" -> a byte position. */
    static long parseLsn(String lsn) {
        if (lsn == null) {
            return 0;
        }
        int slash = lsn.indexOf('/');
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) + Long.parseLong(lsn.substring(slash + 1), 16);
    }
}
