package dataclips.results;

import dataclips.export.chart.ChartSpec;
import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.export.RowBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a run's rows while they stream to the viewer: whole rows gathered into chunks of about 256 KiB,
 * compressed ({@link ChunkCodec}) and inserted on a writer thread, at most two chunks in flight, so memory stays flat and the
 * viewer's stream is never slowed by more than a chunk. The result becomes visible only in {@link #complete};
 * a failure to store is logged and the result dropped, without breaking the viewer's download.
 */
public final class ResultRecorder implements ResultWriter {
    static final int CHUNK_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ResultRecorder.class);
    private final ResultStore store;
    private final Executor executor;
    private final Origin origin;
    private final FlightSignals signals;
    private final Semaphore inFlight = new Semaphore(2);
    private final List<CompletableFuture<Written>> chunks = new ArrayList<>();
    private final RowCodec.Buffer buffer = new RowCodec.Buffer();
    private ResultStore.Header header;
    /** The header's update in the store, made visible to joined viewers before the result is complete. */
    private CompletableFuture<Void> begun = CompletableFuture.completedFuture(null);
    private long resultId;
    private long rows;
    private boolean truncated;
    private volatile Exception failure;

    /** A chunk once stored: its check as the result's checksum takes it in, and its stored size. */
    private record Written(byte[] check, int bytes) {}

    /** Whose result this is: the clip at its version, who asked ("link" for an anonymous viewer), and why. */
    /** parameterSet: the key of the values it runs with ("" for none); parameters: those values as shown. */
    public record Origin(long clipId, int clipVersion, String parameterSet, SortedMap<String, String> parameters,
                         String madeBy, ResultKind kind, String label, ChartSpec chart) {
        public Origin(long clipId, int clipVersion, String parameterSet, SortedMap<String, String> parameters,
                      String madeBy, ResultKind kind, String label) {
            this(clipId, clipVersion, parameterSet, parameters, madeBy, kind, label, ChartSpec.AUTO);
        }
    }

    /** How the run ended, for the stored result's record. */
    public record RunFacts(long runId, String follower, double lagSeconds, long durationMs) {}

    /** Records into the invisible result row already created (claimed) for this run. */
    ResultRecorder(ResultStore store, Executor executor, FlightSignals signals, Origin origin, long resultId) {
        this.store = store;
        this.executor = executor;
        this.signals = signals;
        this.origin = origin;
        this.resultId = resultId;
        signals.writing(resultId);
    }

    public long resultId() {
        return resultId;
    }

    /**
     * Whether viewers joined this run now, in this instance or another one (their instance marks it every
     * second): then it must go on when the viewer who started it leaves, or their downloads would break.
     */
    public boolean joined() {
        if (signals.joined(resultId) > 0) {
            return true;
        }
        try {
            return store.joinedWithin(resultId, JoinBeacon.STALE_SECONDS);
        } catch (RuntimeException e) { // cannot tell: the run stops, as one nobody joined
            return false;
        }
    }

    /**
     * The store learns the columns on a writer thread, queued before the first chunk: the viewer's first bytes do not
     * wait for the metadata database (that update was a third of a download's time to first byte, bench/README).
     */
    @Override
    public void begin(List<Column> columns, ResultInfo info) {
        header = new ResultStore.Header(origin, info.title(), columns, info.asOf());
        ResultStore.Header begun = header;
        this.begun = CompletableFuture.runAsync(() -> {
            store.begin(resultId, begun);
            signals.changed(resultId);
        }, executor).whenComplete((v, e) -> {
            if (e != null) {
                fail(e instanceof Exception ex ? ex : new RuntimeException(e));
            }
        });
    }

    @Override
    public boolean row(String[] values) {
        if (failure == null) {
            buffer.append(values);
            rowAdded();
        }
        return true;
    }

    /** A COPY's row goes in as its bytes: the same stored bytes as its text would make. */
    @Override
    public boolean row(RowBytes row) {
        if (failure == null) {
            buffer.append(row);
            rowAdded();
        }
        return true;
    }

    @Override
    public boolean takesRowBytes() {
        return true;
    }

    private void rowAdded() {
        rows++;
        if (buffer.size() >= CHUNK_BYTES) {
            flush();
        }
    }

    @Override
    public void finish(boolean truncated) {
        this.truncated = truncated;
        if (failure == null && buffer.size() > 0) {
            flush();
        }
    }

    /** Waits for every chunk, then makes the result visible: its checksum, or empty (nothing stored) if storing failed. */
    public Optional<String> complete(RunFacts facts) {
        begun.exceptionally(e -> null).join();
        if (failure != null || header == null) {
            abort();
            return Optional.empty();
        }
        ResultChecksum checksum = new ResultChecksum(header.title(), header.asOf(), header.columns(), origin.parameters());
        long bytes = 0;
        for (CompletableFuture<Written> chunk : chunks) {
            Written written = chunk.exceptionally(e -> null).join();
            if (written == null || failure != null) {
                abort();
                return Optional.empty();
            }
            checksum.chunk(written.check());
            bytes += written.bytes();
        }
        String sum = checksum.finish(truncated);
        try {
            if (!store.complete(resultId, new ResultStore.Completion(facts.runId(), facts.follower(), facts.lagSeconds(),
                    facts.durationMs(), rows, truncated, chunks.size(), bytes, sum))) {
                throw new IllegalStateException("the result was removed while it was written");
            }
            signals.written(resultId);
            return Optional.of(sum);
        } catch (RuntimeException e) {
            fail(e);
            abort();
            return Optional.empty();
        }
    }

    /** The run failed or the viewer left: whatever was stored goes, after the chunks in flight land. */
    @Override
    public void abort() {
        begun.exceptionally(e -> null).join();
        chunks.forEach(c -> c.exceptionally(e -> null).join());
        try {
            store.delete(resultId);
        } catch (RuntimeException e) {
            LOG.warn("could not delete the partial stored result {} (it stays invisible): {}", resultId, e.getMessage());
            deleteLater(1); // the metadata database is away: a leftover of a live instance is swept by no one else
        }
        signals.written(resultId);
    }

    /** Retries the delete (2 s, 4 s, … up to 30 s apart, for some 15 minutes) until the database is back. */
    private void deleteLater(int attempt) {
        if (attempt > 40) {
            LOG.error("gave up deleting the partial stored result {}; it stays invisible", resultId);
            return;
        }
        CompletableFuture.delayedExecutor(Math.min(30, 2L * attempt), java.util.concurrent.TimeUnit.SECONDS).execute(() -> {
            try {
                store.delete(resultId);
                signals.changed(resultId);
                LOG.info("deleted the partial stored result {} once the database was back", resultId);
            } catch (RuntimeException e) {
                deleteLater(attempt + 1);
            }
        });
    }

    private void flush() {
        int size = buffer.size();
        byte[] raw = buffer.take();
        int seq = chunks.size();
        inFlight.acquireUninterruptibly();
        chunks.add(CompletableFuture.supplyAsync(() -> store(seq, raw, size), executor).whenComplete((w, e) -> {
            inFlight.release();
            if (e != null) {
                fail(e instanceof Exception ex ? ex : new RuntimeException(e));
            }
        }));
    }

    /** The check is of the stored (compressed) bytes: less to check, and damage is found before decompressing. */
    private Written store(int seq, byte[] raw, int size) {
        byte[] stored = ChunkCodec.encode(raw, size);
        int crc = ResultReplay.crc32c(stored);
        store.addChunk(resultId, seq, stored, crc);
        signals.changed(resultId);
        return new Written(ResultReplay.check(crc, stored.length), stored.length);
    }

    private void fail(Exception e) {
        if (failure == null) {
            failure = e;
            LOG.warn("storing the result of clip {} failed; the viewer's download goes on: {}", origin.clipId(), e.getMessage());
        }
    }
}
