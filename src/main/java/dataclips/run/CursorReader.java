package dataclips.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a cursor (or a COPY stream, {@link CopyRows}) on its own thread, one fetch ahead of the writer: while a
 * download formats one batch of rows, the follower already produces the next, instead of the two taking turns.
 * Batches are handed over one at a time (no queue), so at most two fetches of rows are in memory. The first batch is
 * read on the caller's thread ({@link #first}), as a cursor's execute brings it, and the reader starts once the
 * writer has begun ({@link #readAhead}): the viewer's first bytes wait for no hand-over between threads, and leave
 * while the reader does not yet compete for a core.
 */
final class CursorReader<R> implements AutoCloseable {
    private static final Object END = new Object();
    static final int FIRST_BATCH_PATIENCE_MS = 100;
    private final SynchronousQueue<Object> handOver = new SynchronousQueue<>();
    private final Source<R> source;
    private final int batchSize;
    private final ExecutorService threads;
    private final RunDeadline deadline;
    private Future<?> reading;
    /** The source ended within the first batch: there is nothing to read ahead. */
    private boolean ended;
    private volatile boolean stopped;

    /** One fetch worth of rows. */
    record Batch<R>(Object[] rows, int size) {
        @SuppressWarnings("unchecked")
        R row(int i) {
            return (R) rows[i];
        }
    }

    /** Where rows come from: each row in turn, null after the last one. */
    interface Source<R> {
        R next() throws SQLException;

        /**
         * Whether the next row (or the end) is at hand or comes within the given milliseconds. A cursor's fetch
         * brings its rows together, so it always says yes; a COPY's rows come as the follower sends them.
         */
        default boolean comesWithin(int millis) throws SQLException {
            return true;
        }
    }

    /** A cursor's rows, as pgjdbc's getString gives them. */
    static Source<String[]> of(ResultSet rs, int columns) {
        return () -> {
            if (!rs.next()) {
                return null;
            }
            String[] values = new String[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = rs.getString(i + 1);
            }
            return values;
        };
    }

    /** deadline: its clock stands still while a batch waits for the writer. */
    CursorReader(Source<R> source, int batchSize, ExecutorService threads, RunDeadline deadline) {
        this.source = source;
        this.batchSize = batchSize;
        this.threads = threads;
        this.deadline = deadline;
    }

    /**
     * The first batch, read here; null when there are no rows. A failure of the cursor is thrown here. It ends before
     * its full size when the source has rows in and the next one keeps it waiting {@value #FIRST_BATCH_PATIENCE_MS} ms:
     * the follower keeps a COPY's rows in its 8 KB send buffer until it fills, so the last rows of a first fetch made
     * slowly would otherwise hold back the first ones, which a cursor's fetch would already have brought.
     */
    Batch<R> first() throws SQLException {
        Object[] rows = new Object[batchSize];
        int size = 0;
        while (size < batchSize && (size == 0 || source.comesWithin(FIRST_BATCH_PATIENCE_MS))) {
            R row = source.next();
            if (row == null) {
                ended = true;
                break;
            }
            rows[size++] = row;
        }
        return size == 0 ? null : new Batch<>(rows, size);
    }

    /** Starts reading the batches after the first one on the reader thread. */
    void readAhead() {
        if (!ended && reading == null) {
            reading = threads.submit(() -> read(source, batchSize));
        }
    }

    /** The batch after the first, or null at the end of the cursor; a failure of the cursor is thrown here. */
    @SuppressWarnings("unchecked")
    Batch<R> next() throws SQLException {
        if (ended) {
            return null;
        }
        readAhead();
        Object item;
        try {
            item = handOver.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for rows", e);
        }
        if (item instanceof SQLException e) {
            throw e;
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
        return item == END ? null : (Batch<R>) item;
    }

    /** Stops reading and waits for the reader to let go of the cursor (at most the fetch in progress). */
    @Override
    public void close() {
        stopped = true;
        if (reading == null) {
            return;
        }
        try {
            reading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // read() hands every failure over; nothing else can end up here
        }
    }

    private void read(Source<R> source, int batchSize) {
        try {
            while (!stopped) {
                Object[] rows = new Object[batchSize];
                int size = 0;
                for (R row; size < batchSize && (row = source.next()) != null; ) {
                    rows[size++] = row;
                }
                if (size > 0) {
                    give(new Batch<R>(rows, size));
                }
                if (size < batchSize) {
                    give(END);
                    return;
                }
            }
        } catch (SQLException | RuntimeException e) {
            give(e);
        }
    }

    /** Waits for the writer to take the item, unless it has stopped listening. */
    private void give(Object item) {
        deadline.pause();
        try {
            while (!stopped && !handOver.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // the writer is busy with the previous batch
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deadline.resume();
        }
    }
}
