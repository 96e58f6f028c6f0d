package dataclips.results;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes the viewers who joined a result in this instance as soon as its writer stores a chunk, begins or ends,
 * instead of at their next poll (viewers on other instances poll). Striped by result id, so it needs no
 * cleanup: a wake-up meant for another result of the same stripe only costs an extra look. It also knows
 * which results are written here: the viewers who joined them need not poll the database, they are woken; and which
 * results viewers here joined.
 */
final class FlightSignals {
    private static final int STRIPES = 64;
    private final Object[] locks = new Object[STRIPES];
    private final long[] versions = new long[STRIPES];
    private final Set<Long> writtenHere = ConcurrentHashMap.newKeySet();
    private final Map<Long, Integer> joined = new ConcurrentHashMap<>();

    FlightSignals() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** A number that changes whenever the result may have changed; read it before looking at the result. */
    long version(long resultId) {
        int i = stripe(resultId);
        synchronized (locks[i]) {
            return versions[i];
        }
    }

    void writing(long resultId) {
        writtenHere.add(resultId);
    }

    /** The writer here completed or gave up (and signalled it): viewers who joined go back to asking the database. */
    void written(long resultId) {
        writtenHere.remove(resultId);
        changed(resultId);
    }

    /** A viewer in this instance joins (+1) or leaves (-1) the result. */
    void joining(long resultId, int change) {
        joined.compute(resultId, (id, n) -> n == null ? (change > 0 ? change : null) : n + change > 0 ? n + change : null);
    }

    /** Viewers in this instance who joined the result now (those on other instances are not counted). */
    int joined(long resultId) {
        return joined.getOrDefault(resultId, 0);
    }

    /** Results viewers here joined that another instance writes: those leaders cannot count them otherwise. */
    List<Long> joinedElsewhere() {
        return joined.keySet().stream().filter(id -> !writtenHere.contains(id)).toList();
    }

    boolean writtenHere(long resultId) {
        return writtenHere.contains(resultId);
    }

    void changed(long resultId) {
        int i = stripe(resultId);
        synchronized (locks[i]) {
            versions[i]++;
            locks[i].notifyAll();
        }
    }

    /** Waits until the result changes after {@code seen}, or for at most {@code millis}. */
    void await(long resultId, long seen, long millis) throws InterruptedException {
        int i = stripe(resultId);
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (locks[i]) {
            while (versions[i] == seen) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                locks[i].wait(left);
            }
        }
    }

    private static int stripe(long resultId) {
        return (int) Math.floorMod(resultId, (long) STRIPES);
    }
}
