package dataclips.results;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the leaders of shared runs written by other instances that viewers here follow them: once when a
 * viewer starts following, then every second, one update for all of them, while any is followed. A leader
 * whose own viewer leaves goes on while the mark is fresh ({@link #STALE_SECONDS}), so a remote follower's
 * download is not cut off with it. Runs only while needed: no thread of its own to stop.
 */
final class FollowerBeacon {
    /** A mark older than this means the remote followers have gone (three missed beats). */
    static final int STALE_SECONDS = 3;
    private static final long PERIOD_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(FollowerBeacon.class);
    private final ResultStore store;
    private final FlightSignals signals;
    private final AtomicBoolean beating = new AtomicBoolean();

    FollowerBeacon(ResultStore store, FlightSignals signals) {
        this.store = store;
        this.signals = signals;
    }

    /** A viewer here starts following a run written elsewhere: say so now, and keep saying it. */
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
        List<Long> followed = signals.followedElsewhere();
        if (!followed.isEmpty()) {
            mark(followed);
            next();
            return;
        }
        beating.set(false);
        // a viewer may have started following between the look and the stop, and found the beat still on
        if (!signals.followedElsewhere().isEmpty() && beating.compareAndSet(false, true)) {
            next();
        }
    }

    private void mark(List<Long> resultIds) {
        try {
            store.markFollowed(resultIds);
        } catch (RuntimeException e) { // the metadata database is away: the leaders cannot read it either
            LOG.debug("could not mark {} as followed: {}", resultIds, e.getMessage());
        }
    }
}
