package dataclips.accounts;

import static dataclips.db.Tables.RUNS;
import static dataclips.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The audit log of runs: a row when a run starts (its id tags the SQL), completed when it ends. A run
 * whose row stays "running" was cut off by a stop of the app.
 */
public final class RunLog {
    private final DSLContext db;

    /**
     * One run as admins and owners read it; viewer is an email or "link" for an anonymous viewer; sql is the SQL of
     * a preview (via "preview", no clip), null for a clip's run.
     */
    public record Entry(long id, Long clipId, String clipTitle, int version, String viewer, String via, String follower,
                        String status, OffsetDateTime startedAt, Long durationMs, Long rowCount, Long byteCount,
                        String error, String sql) {
        public boolean preview() {
            return "preview".equals(via);
        }
    }

    /** How a run ended, as the log records it. */
    public record Ending(long followerId, String follower, String status, long durationMs, long rows, long bytes,
                         String error) {}

    public RunLog(DSLContext db) {
        this.db = db;
    }

    public long started(long clipId, String clipTitle, int version, Optional<User> viewer, String via) {
        return db.insertInto(RUNS).set(RUNS.CLIP_ID, clipId).set(RUNS.CLIP_TITLE, clipTitle).set(RUNS.VERSION, version)
                .set(RUNS.VIEWER_ID, viewer.map(User::id).orElse(null)).set(RUNS.VIA, via).set(RUNS.STATUS, "running")
                .returning(RUNS.ID).fetchOne().getId();
    }

    /** A draft run from the editor: no clip, the SQL itself kept for the log. */
    public long startedPreview(String sourceName, String sql, Optional<User> viewer) {
        return db.insertInto(RUNS).set(RUNS.CLIP_TITLE, "Preview on " + sourceName).set(RUNS.VERSION, 0)
                .set(RUNS.VIEWER_ID, viewer.map(User::id).orElse(null)).set(RUNS.VIA, "preview").set(RUNS.SQL, sql)
                .set(RUNS.STATUS, "running").returning(RUNS.ID).fetchOne().getId();
    }

    public void finished(long runId, Ending ending) {
        db.update(RUNS).set(RUNS.FOLLOWER_ID, ending.followerId() > 0 ? ending.followerId() : null)
                .set(RUNS.FOLLOWER, ending.follower()).set(RUNS.STATUS, ending.status())
                .set(RUNS.DURATION_MS, ending.durationMs()).set(RUNS.ROW_COUNT, ending.rows())
                .set(RUNS.BYTE_COUNT, ending.bytes()).set(RUNS.ERROR, ending.error())
                .where(RUNS.ID.eq(runId)).execute();
    }

    public List<Entry> recent(int limit) {
        return query(RUNS.ID.isNotNull(), limit);
    }

    public List<Entry> forClip(long clipId, int limit) {
        return query(RUNS.CLIP_ID.eq(clipId), limit);
    }

    private List<Entry> query(Condition condition, int limit) {
        return db.select(RUNS.fields()).select(USERS.EMAIL).from(RUNS).leftJoin(USERS).on(USERS.ID.eq(RUNS.VIEWER_ID))
                .where(condition).orderBy(RUNS.ID.desc()).limit(limit).fetch(RunLog::toEntry);
    }

    private static Entry toEntry(Record r) {
        String viewer = r.get(RUNS.VIEWER_ID) == null ? "link" : r.get(USERS.EMAIL);
        return new Entry(r.get(RUNS.ID), r.get(RUNS.CLIP_ID), r.get(RUNS.CLIP_TITLE), r.get(RUNS.VERSION), viewer,
                r.get(RUNS.VIA), r.get(RUNS.FOLLOWER), r.get(RUNS.STATUS), r.get(RUNS.STARTED_AT),
                r.get(RUNS.DURATION_MS), r.get(RUNS.ROW_COUNT), r.get(RUNS.BYTE_COUNT), r.get(RUNS.ERROR), r.get(RUNS.SQL));
    }
}
