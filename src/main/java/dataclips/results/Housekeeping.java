package dataclips.results;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the result store tidy in the background: leftovers of dead instances are removed at start and
 * every 30 seconds, live results beyond the retention every 10 minutes. Both are plain deletes that any
 * number of instances may run at once.
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private final Results results;
    private final int keepNewest;
    private final int keepDays;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "result-housekeeping");
        t.setDaemon(true);
        return t;
    });

    public Housekeeping(Results results, int keepNewest, int keepDays) {
        this.results = results;
        this.keepNewest = keepNewest;
        this.keepDays = keepDays;
    }

    /** Sweeps once now (so a restart after a crash starts clean), then on the timer. */
    public Housekeeping start() {
        sweep();
        timer.scheduleWithFixedDelay(this::sweep, 30, 30, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::retain, 1, 10, TimeUnit.MINUTES);
        return this;
    }

    void sweep() {
        try {
            int removed = results.sweepLeftovers();
            if (removed > 0) {
                LOG.info("removed {} unfinished stored result(s) left by a stopped app instance", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not sweep unfinished stored results: {}", e.getMessage());
        }
    }

    void retain() {
        try {
            int removed = results.applyRetention(keepNewest, keepDays);
            if (removed > 0) {
                LOG.info("removed {} live result(s) beyond retention (newest {} per clip, {} days)", removed, keepNewest,
                        keepDays);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not apply the result retention: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
