package dataclips.serving;

import dataclips.parameters.Parameters;
import dataclips.accounts.RunLog;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.export.ResultWriter;
import dataclips.run.Attempt;
import dataclips.run.Cancellation;
import dataclips.run.ClipRunner;
import dataclips.parameters.ParameterSql;
import dataclips.run.RunAttempts;
import dataclips.run.RunOutcome;
import dataclips.run.SqlProblem;
import dataclips.sources.Source;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Runs a clip with its audit: the log row first (its id tags the SQL), the outcome recorded whatever happens.
 * Above run (which knows SQL, followers and cursors only): here a run belongs to a clip and a viewer.
 */
final class Runs {
    private final ClipRunner runner;
    private final RunLog log;
    private final RunSlots slots;

    /** Who asks and how: via is "page", "csv", "json", "snapshot", … for the log. */
    record Request(AskedClip asked, Source source, Viewer viewer, String via) {}

    Runs(ClipRunner runner, RunLog log, RunSlots slots) {
        this.runner = runner;
        this.log = log;
        this.slots = slots;
    }

    /**
     * Runs the clip's current SQL; bytesWritten is read at the end for the log. Too many runs at once (the viewer's or
     * the database's, {@link RunSlots}) is refused before the run is logged.
     */
    RunOutcome run(Request request, ResultWriter writer, Cancellation cancel, LongSupplier bytesWritten) {
        Clip clip = request.asked().clip();
        AskedClip asked = request.asked();
        Optional<ParameterSql.Bound> bound = Parameters.bind(clip.sql(), asked.parameters(), asked.arguments()); // a missing value is refused before the run is logged
        try (RunSlots.Slot slot = slots.take(request.source(), request.viewer())) {
            long runId = log.started(clip.id(), clip.title(), clip.version(), request.viewer().user(), request.via());
            ClipRunner.RunSpec spec = bound
                    .map(b -> ClipRunner.RunSpec.bound(request.source(), clip.id(), runId, clip.title(), b,
                            asked.arguments().shown()))
                    .orElseGet(() -> ClipRunner.RunSpec.plain(request.source(), clip.id(), runId, clip.title(), clip.sql()));
            return audited(spec, writer, cancel, bytesWritten);
        }
    }

    /** A slot for a draft run (a preview) of this viewer on this database. */
    RunSlots.Slot slot(Source source, Viewer viewer) {
        return slots.take(source, viewer);
    }

    /**
     * Runs the spec whose log row exists already, and records how it ended whatever happens, with the attempts that
     * did not serve it (a follower gone, a recovery conflict).
     */
    RunOutcome audited(ClipRunner.RunSpec spec, ResultWriter writer, Cancellation cancel, LongSupplier bytesWritten) {
        RunAttempts attempts = new RunAttempts();
        long started = System.nanoTime();
        try {
            RunOutcome outcome = runner.run(spec, writer, cancel, attempts);
            String error = outcome.problem().map(SqlProblem::message).orElse(outcome.cancelled().orElse(null));
            log.finished(spec.runId(), new RunLog.Ending(outcome.followerId(), outcome.follower(), outcome.status(),
                    outcome.duration().toMillis(), outcome.rows(), bytesWritten.getAsLong(), error), attempts.list());
            return outcome;
        } catch (RuntimeException e) { // no follower (503), a refused statement (422) or a bug: logged, then passed on
            List<Attempt> tried = attempts.list(); // the last follower tried, if any (all attempts cancelled, say)
            Attempt last = tried.isEmpty() ? null : tried.get(tried.size() - 1);
            log.finished(spec.runId(), new RunLog.Ending(last == null ? 0 : last.followerId(), last == null ? null
                    : last.follower(), "error", Duration.ofNanos(System.nanoTime() - started).toMillis(), 0,
                    bytesWritten.getAsLong(), e.getMessage()), tried);
            throw e;
        }
    }
}
