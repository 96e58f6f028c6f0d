package dataclips.run;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets another thread (the viewer went away, a cancel button) stop a run. The cancel request goes to the
 * follower while the run holds its connection; a connection that was ever sent a cancel is not returned to
 * the pool, because a late cancel signal could otherwise hit the next clip's query.
 */
public final class Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);
    private Connection connection;
    private boolean requested;
    private boolean sent;
    private boolean expired;
    private String reason;

    /** Asks to stop; harmless before the run starts (the run then stops at once) and after it ended. */
    public synchronized void cancel(String why) {
        if (requested) {
            return;
        }
        requested = true;
        reason = why;
        send();
    }

    public synchronized boolean requested() {
        return requested;
    }

    /**
     * The run reached its source's statement timeout ({@link RunDeadline}): it stops as for a cancel, and ends with
     * the timeout error rather than as cancelled. Nothing happens if it was cancelled already.
     */
    synchronized void expire() {
        if (!requested) {
            cancel("the run reached its database's statement timeout");
            expired = true;
        }
    }

    /** Whether the stop came from the deadline, not from a viewer. */
    synchronized boolean expired() {
        return expired;
    }

    public synchronized String reason() {
        return reason;
    }

    /**
     * Attaches the connection about to run the query; false when a cancel came first, and then the query must
     * not start. (Sending the cancel now would be lost: PostgreSQL ignores one that arrives while idle.)
     */
    synchronized boolean attach(Connection c) {
        if (requested) {
            return false;
        }
        connection = c;
        return true;
    }

    /** Detaches the connection; answers whether a cancel reached it (then the connection must be discarded). */
    synchronized boolean detach() {
        connection = null;
        return sent;
    }

    private void send() {
        if (connection == null || sent) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).cancelQuery();
            sent = true;
        } catch (SQLException e) {
            sent = true; // unknown state: treat the connection as tainted
            LOG.warn("sending a cancel request failed: {}", e.getMessage());
        }
    }
}
