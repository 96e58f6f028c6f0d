package dataclips.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a follower that went away (the run may move on) from a pool that is only busy, and from a SQL error. */
final class FollowerFailure {
    private FollowerFailure() {}

    /**
     * Connection exceptions (class 08) and the server shutting down or starting (57P01..57P03): the follower,
     * not the clip, failed. A clip's own errors (syntax, timeouts, permissions) are never retried elsewhere.
     */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** HikariCP's timeout with every connection in use carries no cause; one with a failed connect carries it. */
    static boolean busy(SQLException e) {
        return e instanceof SQLTransientConnectionException && e.getCause() == null;
    }

    /** A closed connection must leave the pool at once, not after the next borrower trips on it. */
    static boolean broken(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
