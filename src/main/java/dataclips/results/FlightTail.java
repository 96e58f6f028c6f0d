package dataclips.results;

import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import dataclips.results.Results.SharedRunEnd.Ending;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One viewer who joined a result while another request writes it (in this instance or another one): each chunk
 * is streamed to this viewer as soon as it is stored and checked, so thirty viewers of a stale clip share one
 * run on the follower and all get the same rows. Two steps: {@link #awaitBegin} waits for the run's columns (or
 * says it vanished first: nothing was sent, the caller may decide again), then {@link #stream} sends the rows;
 * the run's end decides this viewer's end: complete (the checksum verified), or vanished (the run failed or
 * its instance died). The viewer counts as joined from {@link Results#join} until {@link #close}.
 */
public final class FlightTail implements AutoCloseable {
    private static final long FIRST_WAIT_MS = 5;
    private static final long LONGEST_WAIT_MS = 100;
    /**
     * Viewers who joined a run written in this instance are woken by its writer, so they look at the database only
     * when something changed (or once a second): 200 viewers polling every 100 ms would starve the writer of
     * metadata connections (bench/load).
     */
    private static final long LONGEST_WAIT_WRITTEN_HERE_MS = 1000;

    private final ResultStore store;
    private final ResultQueries queries;
    private final FlightSignals signals;
    private final long id;
    /** A viewer who left stops reading at once, not at the next write: the run may be waiting for who joined it. */
    private final BooleanSupplier viewerGone;
    private long wait = FIRST_WAIT_MS;
    private ResultQueries.Progress header;
    private ResultQueries.Progress end;
    private boolean closed;

    FlightTail(ResultStore store, ResultQueries queries, FlightSignals signals, JoinBeacon beacon, long id,
               BooleanSupplier viewerGone) {
        this.viewerGone = viewerGone;
        this.store = store;
        this.queries = queries;
        this.signals = signals;
        this.id = id;
        signals.joining(id, +1);
        if (!signals.writtenHere(id)) {
            beacon.started(id); // its leader is elsewhere and must know this viewer joined
        }
    }

    /** Waits for the run's columns: true once it has begun, false when it ended or died first (nothing was sent). */
    public boolean awaitBegin() throws IOException {
        header = awaitBegun().orElse(null);
        return header != null;
    }

    /**
     * Streams the begun run's rows to the writer as they are stored: COMPLETE (with the run's row count,
     * truncation and checksum when every row was read), or VANISHED after the first byte. Throws IOException when
     * the viewer went away, and {@link CorruptResult} for a stored chunk that fails its check.
     */
    public Results.SharedRunEnd stream(ResultWriter writer) throws IOException {
        Ending ending = streamRows(writer);
        return new Results.SharedRunEnd(ending, Optional.ofNullable(end)
                .map(e -> new Results.SharedRunEnd.Facts(e.rowCount(), e.truncated(), e.checksum())));
    }

    private Ending streamRows(ResultWriter writer) throws IOException {
        writer.begin(header.columns(), new ResultInfo(header.title(), header.asOf(), header.parameters()));
        ResultChecksum checksum = new ResultChecksum(header.title(), header.asOf(), header.columns(), header.parameters());
        ResultReplay.RowCount rows = new ResultReplay.RowCount();
        int seq = 0;
        while (true) {
            long seen = signals.version(id);
            Optional<ResultStore.Chunk> chunk = store.chunkIfStored(id, seq);
            if (chunk.isPresent()) {
                byte[] raw = ResultReplay.verified(chunk.get(), id, seq);
                checksum.chunk(ResultReplay.check(chunk.get()));
                seq++;
                wait = FIRST_WAIT_MS;
                if (!ResultReplay.rows(raw, header.columns().size(), writer, rows)) {
                    writer.finish(true);
                    return Ending.COMPLETE;
                }
                continue;
            }
            Optional<ResultQueries.Progress> now = queries.progress(id, !signals.writtenHere(id));
            if (now.isEmpty() || writerDied(now.get())) {
                return Ending.VANISHED;
            }
            if (now.get().complete() && store.chunkIfStored(id, seq).isEmpty()) {
                finish(now.get(), seq, rows.n, checksum, writer);
                return Ending.COMPLETE;
            }
            pause(seen);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            signals.joining(id, -1);
        }
    }

    private Optional<ResultQueries.Progress> awaitBegun() throws IOException {
        while (true) {
            long seen = signals.version(id);
            Optional<ResultQueries.Progress> now = queries.progress(id, !signals.writtenHere(id));
            if (now.isEmpty() || writerDied(now.get())) {
                return Optional.empty();
            }
            if (now.get().begun()) {
                return now;
            }
            pause(seen);
        }
    }

    private void finish(ResultQueries.Progress end, int chunks, long rows, ResultChecksum checksum, ResultWriter writer)
            throws IOException {
        if (chunks != end.chunkCount() || rows != end.rowCount() || !checksum.finish(end.truncated()).equals(end.checksum())) {
            throw new CorruptResult("the shared run's result " + id + " does not match its checksum");
        }
        writer.finish(end.truncated());
        this.end = end;
    }


    /** A result whose instance died is a leftover: removed here, so the next viewer runs the clip. */
    private boolean writerDied(ResultQueries.Progress p) {
        if (p.complete() || p.writerAlive()) {
            return false;
        }
        store.deleteUnfinished(id);
        return true;
    }

    private void pause(long seen) throws IOException {
        if (viewerGone.getAsBoolean()) {
            throw new IOException("the viewer went away");
        }
        try {
            signals.await(id, seen, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a shared run");
        }
        wait = signals.writtenHere(id) ? LONGEST_WAIT_WRITTEN_HERE_MS : Math.min(LONGEST_WAIT_MS, wait * 2);
    }
}
