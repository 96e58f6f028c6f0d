package dataclips.clips;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who opened a clip by its link: one entry per anonymous GET of the page or a download. A request only
 * puts its entry on a bounded queue (no database work before the first byte); one writer thread inserts
 * what has queued in batches, so 200 concurrent viewers cost a few multi-row inserts, not 200 round
 * trips. A full queue (the database far behind) drops entries and logs how many; {@link #close} writes
 * everything still queued, so a normal shutdown loses nothing. The log keeps 90 days and the newest
 * 10,000 entries per clip, pruned hourly by the same thread.
 */
public final class AccessLog implements AutoCloseable {
    public static final Duration KEEP = Duration.ofDays(90);
    public static final int KEEP_PER_CLIP = 10_000;
    static final int QUEUE = 50_000;
    private static final int BATCH = 1_000;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private final AccessLogStore store;
    private final Clock clock;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    /** One anonymous request. client: the keyed hash of the address; snapshotId: null for the live result. */
    public record Entry(long clipId, Instant at, String format, Long snapshotId, String client, String userAgent) {}

    public AccessLog(DSLContext db, Clock clock) {
        this.store = new AccessLogStore(db);
        this.clock = clock;
        this.writer = new Thread(this::writeUntilClosed, "dataclips-access-log");
        writer.setDaemon(true);
    }

    public AccessLog start() {
        writer.start();
        return this;
    }

    /** Queues the entry; never blocks the request. */
    public void record(Entry entry) {
        if (!queue.offer(entry)) {
            long lost = dropped.incrementAndGet();
            if (lost == 1 || lost % 10_000 == 0) {
                LOG.warn("access log queue full ({} entries waiting): {} entries dropped so far", QUEUE, lost);
            }
        }
    }

    public Instant now() {
        return clock.instant();
    }

    /** Newest first. Entries still queued (a few milliseconds' worth) are not there yet. */
    public List<Entry> newest(Clip clip, int limit) {
        return store.newest(clip.id(), limit);
    }

    /** Removes entries older than keep and beyond the newest keepPerClip of a clip; answers how many went. */
    public int prune(Duration keep, int keepPerClip) {
        return store.prune(clock.instant().minus(keep), Math.max(1, keepPerClip));
    }

    private void writeUntilClosed() {
        long nextPrune = System.nanoTime();
        while (!closing || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Entry> batch = new ArrayList<>(List.of(first));
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                }
                if (!closing && System.nanoTime() - nextPrune >= 0) {
                    nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
                    prune(KEEP, KEEP_PER_CLIP);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("access log pruning failed; trying again in an hour", e);
            }
        }
    }

    private void write(List<Entry> batch) {
        try {
            store.insert(batch);
        } catch (RuntimeException e) {
            LOG.error("could not write {} access log entries; they are lost", batch.size(), e);
        }
    }

    /** Stops taking the writer's time once everything queued is written (called after the web server stopped). */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Entry> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            write(left); // the writer never started or is stuck: write what is left from here
        }
    }
}
