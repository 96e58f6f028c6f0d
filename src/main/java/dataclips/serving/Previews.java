package dataclips.serving;

import dataclips.parameters.Parameters;
import dataclips.UserError;
import dataclips.accounts.RunLog;
import dataclips.export.ResultWriter;
import dataclips.export.RowLimit;
import dataclips.run.Cancellation;
import dataclips.run.ClipRunner;
import dataclips.run.RunOutcome;
import dataclips.sources.Source;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Draft runs from the editor: SQL that is not saved as a clip, run through exactly a clip's safety path (the
 * statement guard, a read-only transaction on a follower, the source's timeouts, a wiped session) and audited as a
 * run with via "preview" and its SQL. Only the first rows are taken, and nothing is stored.
 */
public final class Previews {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    private final Runs runs;
    private final RunLog log;

    /** What to preview: limit is empty for the default. */
    public record Draft(Source source, String sql, Optional<Integer> limit) {
        int rows() {
            int rows = limit.orElse(DEFAULT_LIMIT);
            if (rows < 1 || rows > MAX_LIMIT) {
                throw new UserError(422, "bad_limit", "a preview's limit must be between 1 and " + MAX_LIMIT
                        + " rows (it was " + rows + "); download the saved clip for more");
            }
            return rows;
        }
    }

    /** runs: the clips' own ({@link Serving#previews}), so previews count against the same run caps. */
    Previews(Runs runs, RunLog log) {
        this.runs = runs;
        this.log = log;
    }

    /**
     * Runs the draft's first rows into the writer; a refused statement, a bad limit or no follower is a UserError
     * before anything is written (and, but for the limit, after the log row is written: refusals are audited too).
     */
    public RunOutcome run(Draft draft, Viewer viewer, ResultWriter writer, Cancellation cancel,
                          LongSupplier bytesWritten) {
        int rows = draft.rows();
        if (draft.sql().isBlank()) {
            throw new UserError(422, "empty_sql", "write a SELECT statement to preview");
        }
        if (Parameters.usesAny(draft.sql())) {
            throw new UserError(422, "preview_parameters", "a preview runs SQL without {{parameters}}: put a value in "
                    + "place of each {{name}} to try it, or save the clip and give the values on its page");
        }
        try (RunSlots.Slot slot = runs.slot(draft.source(), viewer)) {
            long runId = log.startedPreview(draft.source().name(), draft.sql(), viewer.user());
            ClipRunner.RunSpec spec = ClipRunner.RunSpec.preview(draft.source(), runId, draft.sql());
            return runs.audited(spec, new RowLimit(writer, rows), cancel, bytesWritten);
        }
    }
}
