package dataclips.results;

import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import dataclips.results.Results.Followed.Ending;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Follows a result while another request writes it (in this instance or another one): each chunk is
 * streamed to this viewer as soon as it is stored and checked, so thirty viewers of a stale clip share one
 * run on the follower and all get the same rows. The run's end decides the follower's end: complete (the
 * checksum verified), or vanished (the run failed or its instance died), which the caller retries or aborts.
 */
final class FlightTail {
    private static final long FIRST_WAIT_MS = 5;
    private static final long LONGEST_WAIT_MS = 100;
    /**
     * Followers of a run written in this instance are woken by its writer, so they look at the database only
     * when something changed (or once a second): 200 viewers polling every 100 ms would starve the writer of
     * metadata connections (bench/load).
     */
    private static final long LONGEST_WAIT_WRITTEN_HERE_MS = 1000;

    private final ResultStore store;
    private final ResultQueries queries;
    private final FlightSignals signals;
    private final FollowerBeacon beacon;
    private final long id;
    private final ResultWriter writer;
    /** A viewer who left stops following at once, not at the next write: the run may be waiting for followers. */
    private final BooleanSupplier viewerGone;
    private long wait = FIRST_WAIT_MS;
    private ResultQueries.Progress end;

    FlightTail(ResultStore store, ResultQueries queries, FlightSignals signals, FollowerBeacon beacon, long id,
               ResultWriter writer, BooleanSupplier viewerGone) {
        this.viewerGone = viewerGone;
        this.beacon = beacon;
        this.store = store;
        this.queries = queries;
        this.signals = signals;
        this.id = id;
        this.writer = writer;
    }

    Ending follow() throws IOException {
        signals.following(id, +1);
        if (!signals.writtenHere(id)) {
            beacon.started(id); // its leader is elsewhere and must know this viewer follows
        }
        try {
            return followCounted();
        } finally {
            signals.following(id, -1);
        }
    }

    private Ending followCounted() throws IOException {
        Optional<ResultQueries.Progress> begun = awaitBegin();
        if (begun.isEmpty()) {
            return Ending.VANISHED_BEFORE_BEGIN;
        }
        ResultQueries.Progress header = begun.get();
        writer.begin(header.columns(), new ResultInfo(header.title(), header.asOf()));
        ResultChecksum checksum = new ResultChecksum(header.title(), header.asOf(), header.columns());
        ResultReplay.RowCount rows = new ResultReplay.RowCount();
        int seq = 0;
        while (true) {
            long seen = signals.version(id);
            Optional<ResultStore.Chunk> chunk = store.chunkIfStored(id, seq);
            if (chunk.isPresent()) {
                byte[] raw = ResultReplay.verified(chunk.get(), id, seq);
                checksum.chunk(chunk.get().sha256());
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
                return Ending.VANISHED_AFTER_BEGIN;
            }
            if (now.get().complete() && store.chunkIfStored(id, seq).isEmpty()) {
                finish(now.get(), seq, rows.n, checksum);
                return Ending.COMPLETE;
            }
            pause(seen);
        }
    }

    /** Waits for the run's columns; empty when the run ended or died first. */
    private Optional<ResultQueries.Progress> awaitBegin() throws IOException {
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

    private void finish(ResultQueries.Progress end, int chunks, long rows, ResultChecksum checksum) throws IOException {
        if (chunks != end.chunkCount() || rows != end.rowCount() || !checksum.finish(end.truncated()).equals(end.checksum())) {
            throw new CorruptResult("the shared run's result " + id + " does not match its checksum");
        }
        writer.finish(end.truncated());
        this.end = end;
    }

    /** The run's end as stored (row count, truncated, checksum); null unless following completed with every row. */
    ResultQueries.Progress end() {
        return end;
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
            throw new InterruptedIOException("interrupted while following a shared run");
        }
        wait = signals.writtenHere(id) ? LONGEST_WAIT_WRITTEN_HERE_MS : Math.min(LONGEST_WAIT_MS, wait * 2);
    }
}
