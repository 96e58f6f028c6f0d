package dataclips.results;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the leaders of shared runs written by other instances that viewers here joined them: once when a
 * viewer joins, then every second, one update for all of them, while any is joined. A leader
 * whose own viewer leaves goes on while the mark is fresh ({@link #STALE_SECONDS}), so a remote viewer's
 * download is not cut off with it. Runs only while needed: no thread of its own to stop.
 */
final class JoinBeacon {
    /** A mark older than this means the remote viewers have gone (three missed beats). */
    static final int STALE_SECONDS = 3;
    private static final long PERIOD_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(JoinBeacon.class);
    private final ResultStore store;
    private final FlightSignals signals;
    private final AtomicBoolean beating = new AtomicBoolean();

    JoinBeacon(ResultStore store, FlightSignals signals) {
        this.store = store;
        this.signals = signals;
    }

    /** A viewer here joins a run written elsewhere: say so now, and keep saying it. */
    void started(long resultId) {
        mark(List.of(resultId));
        if (beating.compareAndSet(false, true)) {
            next();
        }
    }

    private void next() {
        CompletableFuture.delayedExecutor(PERIOD_MILLIS, TimeUnit.MILLISECONDS).execute(this::beat);
    }

    private void beat() {
        List<Long> joined = signals.joinedElsewhere();
        if (!joined.isEmpty()) {
            mark(joined);
            next();
            return;
        }
        beating.set(false);
        // a viewer may have joined between the look and the stop, and found the beat still on
        if (!signals.joinedElsewhere().isEmpty() && beating.compareAndSet(false, true)) {
            next();
        }
    }

    private void mark(List<Long> resultIds) {
        try {
            store.markJoined(resultIds);
        } catch (RuntimeException e) { // the metadata database is away: the leaders cannot read it either
            LOG.debug("could not mark {} as joined: {}", resultIds, e.getMessage());
        }
    }
}
