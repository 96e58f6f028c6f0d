package dataclips.results;

import dataclips.UserError;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.export.Column;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;

/**
 * Stored results (docs/DESIGN.md decision 5): every complete run of a clip is kept; "now" serves the newest one
 * while it is younger than the clip's max age, a stale clip's viewers share one run (single flight, across
 * instances), and snapshots are results kept until deleted, which a clip can be pinned to.
 */
public final class Results {
    private final ResultStore store;
    private final ResultQueries queries;
    private final ResultCleanup cleanup;
    private final Pins pins;
    private final InstanceLease lease;
    private final FlightSignals signals = new FlightSignals();
    private final JoinBeacon beacon;
    /** Compresses and inserts chunks beside the streams that produce them; idle threads end after 30 s. */
    private final ThreadPoolExecutor chunkWriters = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "result-chunk-writer");
                t.setDaemon(true);
                return t;
            });

    /**
     * How reading a joined shared run ended: COMPLETE (with the run's row count, truncation and checksum when
     * every row was read), or VANISHED after the viewer's first byte (its leader failed or its instance died).
     */
    public record SharedRunEnd(Ending ending, Optional<Facts> facts) {
        public enum Ending { COMPLETE, VANISHED }

        public record Facts(long rowCount, boolean truncated, String checksum) {}
    }

    private final int maxParameterSets;

    /** maxParameterSets: how many value sets' live results one clip keeps (DATACLIPS_MAX_PARAMETER_SETS). */
    public Results(DSLContext db, InstanceLease lease, int maxParameterSets) {
        this.maxParameterSets = maxParameterSets;
        this.store = new ResultStore(db);
        this.queries = new ResultQueries(db);
        this.cleanup = new ResultCleanup(db);
        this.pins = new Pins(db, queries);
        this.lease = lease;
        this.beacon = new JoinBeacon(store, signals);
        chunkWriters.allowCoreThreadTimeOut(true);
    }

    /**
     * The clip's newest result of its current version and the values it is asked with, younger than its max age;
     * none when max age is 0.
     */
    public Optional<StoredResult> fresh(AskedClip asked) {
        Clip clip = asked.clip();
        if (clip.maxAgeSeconds() == 0) {
            return Optional.empty();
        }
        return queries.newest(clip.id(), clip.queryVersion(), asked.arguments().key(), clip.maxAgeSeconds());
    }

    /**
     * Becomes the one run of this stale clip that other viewers join: a recorder for it, or empty when
     * another request (here or on another instance) is running it already, then {@link #flight} finds that one,
     * or has just completed it, then {@link #fresh} does (unless refresh: the owner's "Run now" runs anyway).
     */
    public Optional<ResultRecorder> lead(AskedClip asked, String madeBy, boolean refresh) {
        Clip clip = asked.clip();
        ResultRecorder.Origin origin = origin(asked, madeBy, ResultKind.LIVE, null);
        if (!clip.parameters().isEmpty()) {
            // Room for this set among the newest others: sweeping values can make runs, never fill the store.
            cleanup.keepNewestSets(clip.id(), origin.parameterSet(), maxParameterSets - 1);
        }
        Optional<Long> claimed = refresh // "Run now": whatever is stored, only not twice at once
                ? store.create(origin, clip.title(), true, lease.number())
                : store.createUnlessFresh(origin, clip.title(), lease.number(), clip.maxAgeSeconds());
        return claimed.map(id -> recorder(origin, id));
    }

    /** A run of its own (a snapshot, or a live run with max age 0), joined by no one. */
    public ResultRecorder own(AskedClip asked, String madeBy, ResultKind kind, String label) {
        ResultRecorder.Origin origin = origin(asked, madeBy, kind, label);
        return recorder(origin, store.create(origin, asked.clip().title(), false, lease.number()).orElseThrow());
    }

    /** The shared run of the clip's current version being written now, if any. */
    public Optional<Long> flight(AskedClip asked) {
        return queries.flight(asked.id(), asked.clip().queryVersion(), asked.arguments().key());
    }

    /**
     * A result of the clip as asked: its query version (a chart-only version shares its results), the parameter
     * values it runs with and the chart setting a snapshot keeps.
     */
    private static ResultRecorder.Origin origin(AskedClip asked, String madeBy, ResultKind kind, String label) {
        Clip clip = asked.clip();
        return new ResultRecorder.Origin(clip.id(), clip.queryVersion(), asked.arguments().key(),
                asked.arguments().shown(), madeBy, kind, label, clip.chart());
    }

    /**
     * Joins a shared run: the viewer counts as joined (the run goes on for them if its leader's
     * viewer leaves) until the tail is closed; viewerGone ends the waits at once when they leave too.
     */
    public FlightTail join(long resultId, BooleanSupplier viewerGone) {
        return new FlightTail(store, queries, signals, beacon, resultId, viewerGone);
    }

    /** Viewers in this instance who joined the shared run now (an in-process view, for tests and diagnostics). */
    public int viewersJoined(long resultId) {
        return signals.joined(resultId);
    }

    public void replay(StoredResult result, ResultWriter writer) throws IOException {
        ResultReplay.replay(store, result, writer);
    }

    /** Removes a damaged result, so the next request runs the clip instead of failing again. */
    public void drop(StoredResult result) {
        store.delete(result.id());
    }

    public List<StoredResult> snapshots(Clip clip) {
        return queries.snapshots(clip.id(), 500);
    }

    public StoredResult snapshot(Clip clip, long id) {
        return queries.snapshot(clip.id(), id).orElseThrow(() -> UserError.notFound("this snapshot"));
    }

    /** Any complete stored result of the clip, by id. */
    public StoredResult stored(Clip clip, long id) {
        return queries.complete(clip.id(), id).orElseThrow(() -> UserError.notFound("this stored result"));
    }

    /** The columns of the newest complete result of the clip's current SQL (any age, values or kind), if any. */
    public Optional<List<Column>> newestColumns(Clip clip) {
        return queries.newestOfVersion(clip.id(), clip.queryVersion()).map(StoredResult::columns);
    }

    public Optional<StoredResult> newest(Clip clip, ResultKind kind) {
        return queries.newestOfKind(clip.id(), kind);
    }

    /** Deletes a snapshot; the one a clip is pinned to is refused until it is unpinned. */
    public void deleteSnapshot(Clip clip, long id) {
        StoredResult snapshot = snapshot(clip, id);
        if (clip.pinned().filter(p -> p == snapshot.id()).isPresent()) {
            throw new UserError(409, "snapshot_pinned",
                    "the clip is pinned to this snapshot; unpin it (back to \"now\") before deleting the snapshot");
        }
        store.delete(snapshot.id());
    }

    public Pins pins() {
        return pins;
    }

    public Storage storage(Clip clip) {
        return queries.storage(Optional.of(clip.id()));
    }

    public Storage totalStorage() {
        return queries.storage(Optional.empty());
    }

    /** Removes leftovers of dead instances; answers how many. */
    public int sweepLeftovers() {
        lease.renew();
        return cleanup.sweepLeftovers();
    }

    /** Removes live results beyond the retention; answers how many. */
    public int applyRetention(int keepNewest, int keepDays) {
        return cleanup.applyRetention(new ResultCleanup.Retention(keepNewest, keepDays));
    }

    private ResultRecorder recorder(ResultRecorder.Origin origin, long resultId) {
        return new ResultRecorder(store, chunkWriters, signals, origin, resultId);
    }
}
