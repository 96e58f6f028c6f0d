package dataclips.sources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Tells a follower that is merely replaying what just arrived from one that is really behind. A follower
 * caught a few microseconds before it replays a freshly received record (any commit on the primary, the
 * app's own metadata writes included) would otherwise date its data by its last replayed commit, which on a
 * quiet database can be minutes old: a false "data is old" notice and a fresh follower skipped.
 */
public final class ReplayCatchUp {
    /** A healthy follower replays a just-received record in well under this. */
    private static final int TRIES = 10;
    private static final long PAUSE_MILLIS = 10;

    private ReplayCatchUp() {}

    /** Whether replay reaches the given WAL position (as text, e.g. "0/3000148") within a few tens of ms. */
    public static boolean reaches(Connection follower, String lsn) throws SQLException {
        if (lsn == null) {
            return false;
        }
        try (PreparedStatement s = follower.prepareStatement("select pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
            s.setString(1, lsn);
            for (int i = 0; i < TRIES; i++) {
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return true;
                    }
                }
                pause();
            }
            return false;
        }
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for replay", e);
        }
    }
}
