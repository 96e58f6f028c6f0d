package dataclips.serving;

import dataclips.export.EveryRow;
import dataclips.export.ResultWriter;
import dataclips.export.RowLimit;
import dataclips.export.Tee;
import dataclips.results.RenderedCopies;
import dataclips.results.ResultRecorder;
import dataclips.run.Cancellation;
import dataclips.run.RunOutcome;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A run this request leads: the one place a clip is run and recorded. Its rows go to the viewer's writer and,
 * up to the row limit, into the store at once, where viewers who joined the run read them.
 */
public final class Led implements Outcome {
    static final String VIEWER_LEFT = "the viewer went away";
    private final Runs runs;
    private final Runs.Request request;
    private final ResultRecorder recorder;
    private final Viewer viewer;
    private final long maxRows;
    private final RenderedCopies copies;
    private boolean ran;

    Led(Runs runs, Runs.Request request, ResultRecorder recorder, Viewer viewer, long maxRows, RenderedCopies copies) {
        this.copies = copies;
        this.runs = runs;
        this.request = request;
        this.recorder = recorder;
        this.viewer = viewer;
        this.maxRows = maxRows;
    }

    /**
     * Runs the clip; bytesWritten (what the viewer's writer sent) is read at the end for the audit log. The viewer
     * leaving stops the run, unless others joined it: then it goes on for them, the rows meant for the gone viewer
     * are dropped, and it stops once they have gone too. A SQL error or a cancel is a value in the answer; no
     * follower (503), a refused statement or a result too large (422) are thrown, with nothing stored.
     */
    public Ran run(ResultWriter out, LongSupplier bytesWritten) {
        ran = true;
        Cancellation cancel = new Cancellation();
        LeaderWriter leader = new LeaderWriter(out, recorder::joined, viewer);
        viewer.whenGone(() -> {
            if (recorder.joined()) {
                leader.left();
                return false;
            }
            cancel.cancel(VIEWER_LEFT);
            return true;
        });
        ResultWriter writer = new RowLimit(new Tee(new EveryRow(leader), recorder), maxRows);
        RunOutcome outcome;
        try {
            outcome = runs.run(request, writer, cancel, bytesWritten);
        } catch (RuntimeException e) {
            writer.abort();
            throw e;
        }
        if (!outcome.ok()) {
            writer.abort();
            return new Ran(outcome, Optional.empty(), viewer.gone());
        }
        Optional<String> checksum = recorder.complete(new ResultRecorder.RunFacts(outcome.runId(), outcome.follower(),
                outcome.lagSeconds(), outcome.duration().toMillis()));
        return new Ran(outcome, checksum, viewer.gone());
    }

    /** Sends to out and keeps what passes: the stored result's first replay in this variant is then a copy. */
    public OutputStream keeping(String variant, OutputStream out) {
        return copies.keeper(variant, out);
    }

    /**
     * The download written through {@link #keeping} ended: kept under the stored result's checksum when the run was
     * stored and the stream closed complete, dropped otherwise (empty).
     */
    public void finished(OutputStream keeper, Optional<String> checksum) {
        copies.finish(keeper, checksum);
    }

    long resultId() {
        return recorder.resultId();
    }

    /** A claimed run that was never started is given up, so the next viewer does not wait for it. */
    @Override
    public void close() {
        if (!ran) {
            recorder.abort();
        }
    }
}
