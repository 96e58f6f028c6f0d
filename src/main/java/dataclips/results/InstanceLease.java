package dataclips.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    /** How often the lease is checked, and taken again on a new connection when it was lost. */
    static final int RENEW_SECONDS = 1;
    /**
     * After the metadata database (re)starts, no instance holds its lock until it has taken it again: for this
     * long every writer counts as alive, so no instance takes another's result in progress for a leftover.
     */
    static final int RESTART_GRACE_SECONDS = 10;
    /**
     * True when the instance in column writer_instance of the row at hand holds its lock, or may not have had
     * the time to take it again since the database started.
     */
    static final String WRITER_ALIVE = "(pg_postmaster_start_time() > statement_timestamp() - make_interval(secs => "
            + RESTART_GRACE_SECONDS + ") or exists (select 1 from pg_locks l where l.locktype = 'advisory'"
            + " and l.database = (select oid from pg_database where datname = current_database())"
            + " and l.classid = " + LOCK_SPACE + " and l.objid::bigint = writer_instance and l.objsubid = 2 and l.granted))";
    private static final Logger LOG = LoggerFactory.getLogger(InstanceLease.class);
    private final Opener opener;
    private final long number;
    private Connection held;
    private boolean closed;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "instance-lease");
        t.setDaemon(true);
        return t;
    });

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
        renewer.scheduleWithFixedDelay(this::renew, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
    }

    public long number() {
        return number;
    }

    /** Whether this instance holds its lock right now (as far as its connection tells). */
    public synchronized boolean held() {
        return held != null;
    }

    /**
     * Takes the lock again on a new connection if the old one was lost (the metadata database restarted); runs
     * every {@value #RENEW_SECONDS} s, well within {@value #RESTART_GRACE_SECONDS} s.
     */
    public synchronized void renew() {
        if (closed) {
            return;
        }
        try {
            if (held != null && held.isValid(2)) {
                return;
            }
            if (held != null) {
                LOG.warn("instance {} lost its lease connection; taking it again", number);
                quietlyClose(held);
                held = null;
            }
            Connection c = opener.open();
            // try, not wait: a lock still held by a half-dead old session of ours must not block this thread
            if (!tryLock(c)) {
                quietlyClose(c);
                LOG.warn("instance {}: its old lease session still holds the lock; trying again shortly", number);
                return;
            }
            held = c;
            LOG.info("instance {} holds its lease", number);
        } catch (SQLException e) {
            LOG.warn("instance {} cannot take its lease now: {}", number, e.getMessage());
        }
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            s.setInt(1, LOCK_SPACE);
            s.setInt(2, (int) number);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            quietlyClose(c);
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        renewer.shutdownNow();
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
