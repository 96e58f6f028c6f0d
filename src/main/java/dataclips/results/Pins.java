package dataclips.results;

import static dataclips.db.Tables.CLIPS;

import dataclips.UserError;
import dataclips.clips.Clip;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Pins a clip to one of its snapshots, so its URLs serve that result unchanged, and back to "now". */
public final class Pins {
    private final DSLContext db;
    private final ResultQueries queries;

    Pins(DSLContext db, ResultQueries queries) {
        this.db = db;
        this.queries = queries;
    }

    public StoredResult pin(Clip clip, long snapshotId) {
        StoredResult snapshot = queries.snapshot(clip.id(), snapshotId)
                .orElseThrow(() -> new UserError(422, "no_such_snapshot",
                        "snapshot " + snapshotId + " is not one of this clip's snapshots; list them at "
                                + "/api/v1/clips/" + clip.slug() + "/snapshots"));
        db.update(CLIPS).set(CLIPS.PINNED_RESULT_ID, snapshot.id()).set(CLIPS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(CLIPS.ID.eq(clip.id())).execute();
        return snapshot;
    }

    public void unpin(Clip clip) {
        db.update(CLIPS).setNull(CLIPS.PINNED_RESULT_ID).set(CLIPS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(CLIPS.ID.eq(clip.id())).execute();
    }

    /** The snapshot a pinned clip serves. */
    public Optional<StoredResult> pinned(Clip clip) {
        return clip.pinned().flatMap(id -> queries.snapshot(clip.id(), id));
    }
}
