package dataclips.run;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a run's transaction and wipes the session before the connection goes back to the pool: ROLLBACK,
 * then DISCARD ALL (settings, advisory locks, prepared statements, LISTEN, temp tables, held cursors).
 * A connection that cannot be wiped, or that was sent a cancel, is evicted instead.
 */
final class SessionReset {
    private static final Logger LOG = LoggerFactory.getLogger(SessionReset.class);

    private SessionReset() {}

    static void release(HikariDataSource pool, Connection c, boolean tainted) {
        boolean clean = !tainted && wipe(c);
        if (!clean) {
            pool.evictConnection(c);
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing an evicted connection: {}", e.getMessage());
        }
    }

    private static boolean wipe(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true); // DISCARD ALL cannot run inside a transaction block
            try (Statement s = c.createStatement()) {
                s.execute("DISCARD ALL");
            }
            c.setAutoCommit(false);
            return true;
        } catch (SQLException e) {
            LOG.info("a follower connection could not be reset and is discarded: {}", e.getMessage());
            return false;
        }
    }
}
