package dataclips.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This app instance's number, and the proof that it is alive: a session advisory lock on the number, held on
 * a connection of its own for as long as the process lives. PostgreSQL drops the lock the moment the process
 * dies (even by SIGKILL), so any instance can tell a result being written from a leftover of a dead one.
 */
public final class InstanceLease implements AutoCloseable {
    /** The first half of every instance lock's key ("dcli"), so the locks never meet another program's. */
    static final int LOCK_SPACE = 0x64636c69;
    /** True when the instance in column writer_instance of the row at hand holds its lock. */
    static final String WRITER_ALIVE = "exists (select 1 from pg_locks l where l.locktype = 'advisory'"
            + " and l.database = (select oid from pg_database where datname = current_database())"
            + " and l.classid = " + LOCK_SPACE + " and l.objid::bigint = writer_instance and l.objsubid = 2 and l.granted)";
    private static final Logger LOG = LoggerFactory.getLogger(InstanceLease.class);
    private final Opener opener;
    private final long number;
    private Connection held;

    /** Opens a connection of its own to the metadata database, outside any pool (a pool would keep the lock). */
    public interface Opener {
        Connection open() throws SQLException;
    }

    public InstanceLease(Opener opener) {
        this.opener = opener;
        try (Connection c = opener.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select nextval('app_instances') % 2147483647")) {
            rs.next();
            this.number = rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot number this app instance: " + e.getMessage(), e);
        }
        renew();
    }

    public long number() {
        return number;
    }

    /** Takes the lock again on a new connection if the old one was lost (the metadata database restarted). */
    public synchronized void renew() {
        try {
            if (held != null && held.isValid(2)) {
                return;
            }
            if (held != null) {
                LOG.warn("instance {} lost its lease connection; taking it again", number);
                quietlyClose(held);
            }
            Connection c = opener.open();
            try (PreparedStatement s = c.prepareStatement("select pg_advisory_lock(?, ?)")) {
                s.setInt(1, LOCK_SPACE);
                s.setInt(2, (int) number);
                s.execute();
            }
            held = c;
        } catch (SQLException e) {
            LOG.warn("instance {} cannot take its lease now: {}", number, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (held != null) {
            quietlyClose(held);
            held = null;
        }
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is gone already, and with it the lock
        }
    }
}
