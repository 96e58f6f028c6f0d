package dataclips.results;

import dataclips.UserError;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.export.RowLimit;
import dataclips.run.Cancellation;
import dataclips.run.RunOutcome;
import dataclips.run.Runs;
import java.util.Optional;

/**
 * Takes a snapshot: runs the clip now, straight into the store (no viewer), and keeps the result until it
 * is deleted. Used by "take snapshot" on the page and the API, and by the clip's schedule.
 */
public final class Snapshots {
    private final Results results;
    private final Runs runs;
    private final Clips clips;
    private final long maxRows;

    /** Who asks: a user, or nobody (the schedule); the label is free text, the time is added. */
    public record Ask(Clip clip, Optional<User> user, Kind kind, String label) {}

    public Snapshots(Results results, Runs runs, Clips clips, long maxRows) {
        this.results = results;
        this.runs = runs;
        this.clips = clips;
        this.maxRows = maxRows;
    }

    /** The new snapshot (or, for {@link Kind#LIVE}, a refreshed live result), once stored; a SQL error is a 422 and a run with no follower a 503, storing nothing. */
    public StoredResult take(Ask ask) {
        Clip clip = ask.clip();
        String madeBy = ask.user().map(User::email).orElse(ask.kind() == Kind.SCHEDULED ? "schedule" : "link");
        ResultRecorder recorder = results.own(clip, madeBy, ask.kind(), label(ask.label()));
        RunOutcome outcome;
        try {
            outcome = runs.run(new Runs.Request(clip, clips.sourceOf(clip), ask.user(), ask.kind().wire()),
                    new RowLimit(recorder, maxRows), new Cancellation(), () -> 0);
        } catch (RuntimeException e) {
            recorder.abort();
            throw e;
        }
        if (!outcome.ok()) {
            recorder.abort();
            throw outcome.problem().map(p -> new UserError(422, "sql_error", "the clip's SQL failed, no snapshot was taken: "
                    + p.message())).orElseGet(() -> new UserError(503, "cancelled", "the snapshot's run was cancelled: "
                    + outcome.cancelled().orElse("")));
        }
        recorder.complete(new ResultRecorder.RunFacts(outcome.runId(), outcome.follower(), outcome.lagSeconds(),
                outcome.duration().toMillis())).orElseThrow(() -> new UserError(503, "store_failed",
                "the snapshot could not be stored in the metadata database; nothing was kept, try again"));
        return results.stored(clip, recorder.resultId());
    }

    private static String label(String label) {
        String stripped = label == null ? "" : label.strip();
        if (stripped.length() > 200) {
            throw new UserError(422, "bad_label", "a snapshot's label is at most 200 characters");
        }
        return stripped.isEmpty() ? null : stripped;
    }
}
