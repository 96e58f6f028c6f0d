package dataclips.serving;

import dataclips.RunCaps;
import dataclips.UserError;
import dataclips.accounts.RunLog;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.parameters.Parameters;
import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.results.FlightTail;
import dataclips.results.ResultKind;
import dataclips.results.RenderedCopies;
import dataclips.results.ResultRecorder;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.run.ClipRunner;
import dataclips.sources.Source;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a clip's result comes from (docs/DESIGN.md decision 5; README, "Architecture"), decided in one place for the
 * page, every download, snapshots, schedules and the API's refresh: the pinned snapshot; else, for a clip that
 * follows its schedule, its newest scheduled snapshot; else the newest stored result within the clip's max age;
 * else one shared run, which this request either leads or joins (on this instance or another). A shared run
 * that vanishes before its first row (its leader's viewer left, or its instance died) is decided again.
 */
public final class Serving {
    private static final int ATTEMPTS = 5;
    private static final int MAX_LABEL = 200;
    private final Clips clips;
    private final Results results;
    private final Runs runs;
    private final long maxRows;
    private final RenderedCopies copies;
    private final Previews previews;

    /**
     * copies: this instance's rendered downloads of stored results, so a repeat download is a copy of bytes; caps: how
     * many runs may go at once ({@link RunSlots}), the editor's previews included.
     */
    public Serving(Clips clips, Results results, ClipRunner runner, RunLog runLog, long maxRows, RenderedCopies copies,
                   RunCaps caps) {
        this.copies = copies;
        this.clips = clips;
        this.results = results;
        this.runs = new Runs(runner, runLog, new RunSlots(caps.perViewer(), caps.perSource()));
        this.previews = new Previews(runs, runLog);
        this.maxRows = maxRows;
    }

    /** The editor's draft runs, counted with the clips' runs. */
    public Previews previews() {
        return previews;
    }

    /**
     * The one entry point: what answers this request. Leading or joining a run may wait (for the run's first
     * row); IOException means the viewer went away meanwhile, and nothing is left to answer.
     */
    public Outcome serve(Ask ask) throws IOException {
        if (ask.want() instanceof Want.Recorded recorded) {
            return recorded(ask, recorded);
        }
        return current(ask, ((Want.Current) ask.want()).refresh());
    }

    /**
     * One stored snapshot of the clip, by id: the same bytes for as long as it is kept. It never runs, so it takes the
     * clip as saved (a snapshot keeps the values it was taken with); a viewer for whom fixed parameters hold their
     * defaults finds only snapshots taken with those ({@link FixedValues}).
     */
    public Stored snapshot(Clip clip, Viewer viewer, long id) {
        StoredResult taken = results.snapshot(clip, id);
        if (!shownTo(viewer, clip, taken)) {
            throw UserError.notFound("this snapshot"); // taken with values fixed otherwise for this viewer
        }
        return new Stored(results, copies, taken, Stored.How.SNAPSHOT);
    }

    /**
     * What {@link #serve} answers for the clip's current result without running anything, if it is stored: HEAD
     * asks this, so both agree. refresh skips only the fresh live result (a pinned clip stays pinned). A viewer for
     * whom fixed parameters hold their defaults is not served a pinned snapshot taken with other values
     * ({@link FixedValues}): they get "now".
     */
    public Optional<Stored> stored(AskedClip asked, boolean refresh, Viewer viewer) {
        Clip clip = asked.clip();
        Optional<StoredResult> pinned = results.pins().pinned(clip).filter(r -> shownTo(viewer, clip, r));
        if (pinned.isPresent()) {
            return Optional.of(new Stored(results, copies, pinned.get(), Stored.How.PINNED));
        }
        if (clip.followsSchedule()) {
            // Its schedule runs with the defaults: other values are answered as a clip that does not follow it.
            Optional<StoredResult> scheduled = results.newest(clip, ResultKind.SCHEDULED)
                    .filter(r -> r.parameters().equals(asked.arguments().shown()));
            if (scheduled.isPresent()) {
                return Optional.of(new Stored(results, copies, scheduled.get(), Stored.How.SCHEDULED));
            }
        }
        return refresh ? Optional.empty() : results.fresh(asked).map(r -> new Stored(results, copies, r, Stored.How.STORED));
    }

    /**
     * Runs the clip now for the store alone (a snapshot, a scheduled one, the API's refresh) and answers the new
     * result once stored. A SQL error is a 422 and a cancelled run a 503, with nothing kept.
     */
    public StoredResult record(AskedClip asked, Viewer viewer, ResultKind kind, String label) {
        Want.Recorded want = new Want.Recorded(kind, label);
        try (Led led = recorded(new Ask(asked, viewer, want, kind.wire()), want)) {
            Ran ran = led.run(NOBODY, () -> 0);
            if (!ran.ok()) {
                throw ran.outcome().problem().map(p -> new UserError(422, "sql_error", "the clip's SQL failed, no "
                        + "snapshot was taken: " + p.message())).orElseGet(() -> new UserError(503, "cancelled",
                        "the snapshot's run was cancelled: " + ran.outcome().cancelled().orElse("")));
            }
            ran.checksum().orElseThrow(() -> new UserError(503, "store_failed", "the snapshot could not be stored in "
                    + "the metadata database; nothing was kept, try again"));
            return results.stored(asked.clip(), led.resultId());
        }
    }

    private Outcome current(Ask ask, boolean refresh) throws IOException {
        Optional<Stored> stored = stored(ask.clip(), refresh, ask.viewer());
        if (stored.isPresent()) {
            return stored.get();
        }
        AskedClip clip = ask.clip();
        Source source = clips.sourceOf(clip.clip());
        String madeBy = ask.viewer().madeBy("link");
        if (clip.clip().maxAgeSeconds() == 0) { // "run on every request": nothing to share, no download to keep
            return led(ask, source, results.own(clip, madeBy, ResultKind.LIVE, null), RenderedCopies.NONE);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ResultRecorder> lead = results.lead(clip, madeBy, refresh);
            if (lead.isPresent()) {
                return led(ask, source, lead.get(), copies);
            }
            Optional<Long> flight = results.flight(clip);
            if (flight.isPresent()) {
                Optional<Joined> joined = join(ask.viewer(), flight.get());
                if (joined.isPresent()) {
                    return joined.get();
                }
            } else {
                Optional<StoredResult> justDone = results.fresh(clip); // the run ended between our two looks
                if (justDone.isPresent()) {
                    return new Stored(results, copies, justDone.get(), Stored.How.STORED);
                }
            }
        }
        throw new UserError(503, "run_unsettled", "the clip's shared run ended without a result " + ATTEMPTS
                + " times in a row (its viewers left or the app instance running it stopped); try again");
    }

    /** Whether this viewer may see a result: one for whom fixed parameters hold their defaults, only such results. */
    private static boolean shownTo(Viewer viewer, Clip clip, StoredResult result) {
        return !viewer.defaultsOnly() || Parameters.shownToDefaultsOnly(clip.parameters(), result.parameters(), result.startedAt());
    }

    /** Joins the shared run once it has begun; empty when it vanished first (nothing was sent: decide again). */
    private Optional<Joined> join(Viewer viewer, long resultId) throws IOException {
        viewer.whenGone(() -> true); // the tail sees it, between its looks at the run
        FlightTail tail = results.join(resultId, viewer::gone);
        try {
            if (tail.awaitBegin()) {
                return Optional.of(new Joined(tail));
            }
        } catch (IOException | RuntimeException e) {
            tail.close();
            throw e;
        }
        tail.close();
        return Optional.empty();
    }

    private Led recorded(Ask ask, Want.Recorded recorded) {
        String label = label(recorded.label());
        Source source = clips.sourceOf(ask.clip().clip());
        String anonymous = recorded.kind() == ResultKind.SCHEDULED ? "schedule" : "link";
        return led(ask, source, results.own(ask.clip(), ask.viewer().madeBy(anonymous), recorded.kind(), label), copies);
    }

    /** copies: where the viewer's download is kept for the next download of the same result, if one can come. */
    private Led led(Ask ask, Source source, ResultRecorder recorder, RenderedCopies copies) {
        return new Led(runs, new Runs.Request(ask.clip(), source, ask.viewer(), ask.via()), recorder,
                ask.viewer(), maxRows, copies);
    }

    private static String label(String label) {
        String stripped = label == null ? "" : label.strip();
        if (stripped.length() > MAX_LABEL) {
            throw new UserError(422, "bad_label", "a snapshot's label is at most " + MAX_LABEL + " characters");
        }
        return stripped.isEmpty() ? null : stripped;
    }

    /** The viewer of a run for the store alone: takes every row and sends none anywhere. */
    private static final ResultWriter NOBODY = new ResultWriter() {
        @Override
        public void begin(List<Column> columns, ResultInfo info) {}

        @Override
        public boolean row(String[] values) {
            return true;
        }

        @Override
        public void finish(boolean truncated) {}
    };
}
