package dataclips.run;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The source's statement timeout, kept by the app itself. PostgreSQL arms its own timeout again at each fetch of a
 * cursor, from the setting's current value, and the query can change that value on its way (a function of the
 * database that calls set_config), so a run could switch its own limit off after its first rows. This clock runs while
 * the follower works for the run (the statement and every fetch) and stands still while rows are handed to the viewer,
 * as PostgreSQL's own timeout does, so a slow download is not cut short; at the limit it cancels the run, which then
 * ends with PostgreSQL's own timeout error ({@link SqlProblem#timedOut}).
 */
final class RunDeadline implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final Cancellation cancel;
    private final long limitNanos;
    private long spentNanos;
    /** When the clock last started; 0 while it stands still. */
    private long runningSince;
    private ScheduledFuture<?> check;
    private boolean closed;

    private RunDeadline(ScheduledExecutorService timer, Cancellation cancel, Duration limit) {
        this.timer = timer;
        this.cancel = cancel;
        this.limitNanos = limit.toNanos();
    }

    /** The one thread that keeps the deadlines of a runner's runs. */
    static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "run-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a run that ends in time leaves nothing queued
        return timer;
    }

    /** A clock that is running from now. */
    static RunDeadline start(ScheduledExecutorService timer, Cancellation cancel, Duration limit) {
        RunDeadline deadline = new RunDeadline(timer, cancel, limit);
        synchronized (deadline) {
            deadline.runningSince = System.nanoTime();
            deadline.checkIn(deadline.limitNanos);
        }
        return deadline;
    }

    /** Rows go to the viewer: the follower waits, and so does the clock. */
    synchronized void pause() {
        if (runningSince != 0) {
            spentNanos += System.nanoTime() - runningSince;
            runningSince = 0;
        }
    }

    /** The follower works for the run again. */
    synchronized void resume() {
        if (runningSince == 0) {
            runningSince = System.nanoTime();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (check != null) {
            check.cancel(false);
        }
    }

    /** At the planned time: the limit is reached (cancel), or pauses moved it later (look again then). */
    private synchronized void check() {
        if (closed) {
            return;
        }
        long spent = spentNanos + (runningSince == 0 ? 0 : System.nanoTime() - runningSince);
        if (spent >= limitNanos) {
            cancel.expire();
        } else {
            checkIn(limitNanos - spent);
        }
    }

    private void checkIn(long nanos) {
        check = timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
    }
}
