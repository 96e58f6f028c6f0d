package dataclips.accounts;

import static dataclips.db.Tables.RUNS;
import static dataclips.db.Tables.RUN_ATTEMPTS;
import static dataclips.db.Tables.USERS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import dataclips.run.Attempt;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;

/**
 * The audit log of runs: a row when a run starts (its id tags the SQL), completed when it ends, with the attempts
 * that did not serve it (a follower gone, a recovery conflict). A run whose row stays "running" was cut off by a stop of
 * the app.
 */
public final class RunLog {
    private static final Field<List<Attempt>> ATTEMPTS = multiset(
            select(RUN_ATTEMPTS.ATTEMPT, RUN_ATTEMPTS.FOLLOWER_ID, RUN_ATTEMPTS.FOLLOWER, RUN_ATTEMPTS.OUTCOME,
                    RUN_ATTEMPTS.SQL_STATE, RUN_ATTEMPTS.MESSAGE)
                    .from(RUN_ATTEMPTS).where(RUN_ATTEMPTS.RUN_ID.eq(RUNS.ID)).orderBy(RUN_ATTEMPTS.ATTEMPT))
            .as("attempts").convertFrom(r -> r.map(a -> new Attempt(a.value1(), a.value2() == null ? 0 : a.value2(),
                    a.value3(), a.value4(), a.value5(), a.value6())));
    private final DSLContext db;

    /**
     * One run as admins and owners read it; viewer is an email or "link" for an anonymous viewer; sql is the SQL of
     * a preview (via "preview", no clip), null for a clip's run.
     */
    public record Entry(long id, Long clipId, String clipTitle, int version, String viewer, String via, String follower,
                        String status, OffsetDateTime startedAt, Long durationMs, Long rowCount, Long byteCount,
                        String error, String sql, List<Attempt> attempts) {
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

    /** How the run ended, and the attempts that did not serve it (in order), in one transaction. */
    public void finished(long runId, Ending ending, List<Attempt> attempts) {
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            finished(t, runId, ending);
            for (Attempt a : attempts) {
                t.insertInto(RUN_ATTEMPTS).set(RUN_ATTEMPTS.RUN_ID, runId).set(RUN_ATTEMPTS.ATTEMPT, a.number())
                        .set(RUN_ATTEMPTS.FOLLOWER_ID, a.followerId() > 0 ? a.followerId() : null)
                        .set(RUN_ATTEMPTS.FOLLOWER, a.follower()).set(RUN_ATTEMPTS.OUTCOME, a.outcome())
                        .set(RUN_ATTEMPTS.SQL_STATE, a.sqlState()).set(RUN_ATTEMPTS.MESSAGE, a.message()).execute();
            }
        });
    }

    /** Recovery conflicts that runs met on each follower (by id) within the window, retried or not. */
    public Map<Long, Integer> conflictsPerFollower(Duration window) {
        Field<Integer> conflicts = count();
        return db.select(RUN_ATTEMPTS.FOLLOWER_ID, conflicts).from(RUN_ATTEMPTS)
                .where(RUN_ATTEMPTS.OUTCOME.eq(Attempt.RECOVERY_CONFLICT)).and(RUN_ATTEMPTS.FOLLOWER_ID.isNotNull())
                .and(RUN_ATTEMPTS.AT.gt(OffsetDateTime.now().minus(window)))
                .groupBy(RUN_ATTEMPTS.FOLLOWER_ID).fetchMap(RUN_ATTEMPTS.FOLLOWER_ID, conflicts);
    }

    private static void finished(DSLContext db, long runId, Ending ending) {
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

    /**
     * The log as a non-admin reads it: the runs of the clips whose runs they may read (clipIds: the access policy's
     * answer) and their own previews.
     */
    public List<Entry> forUser(User user, Select<Record1<Long>> clipIds, int limit) {
        return query(RUNS.CLIP_ID.in(clipIds).or(RUNS.VIA.eq("preview").and(RUNS.VIEWER_ID.eq(user.id()))), limit);
    }

    private List<Entry> query(Condition condition, int limit) {
        return db.select(RUNS.fields()).select(USERS.EMAIL, ATTEMPTS).from(RUNS).leftJoin(USERS).on(USERS.ID.eq(RUNS.VIEWER_ID))
                .where(condition).orderBy(RUNS.ID.desc()).limit(limit).fetch(RunLog::toEntry);
    }

    private static Entry toEntry(Record r) {
        String viewer = r.get(RUNS.VIEWER_ID) == null ? "link" : r.get(USERS.EMAIL);
        return new Entry(r.get(RUNS.ID), r.get(RUNS.CLIP_ID), r.get(RUNS.CLIP_TITLE), r.get(RUNS.VERSION), viewer,
                r.get(RUNS.VIA), r.get(RUNS.FOLLOWER), r.get(RUNS.STATUS), r.get(RUNS.STARTED_AT),
                r.get(RUNS.DURATION_MS), r.get(RUNS.ROW_COUNT), r.get(RUNS.BYTE_COUNT), r.get(RUNS.ERROR), r.get(RUNS.SQL),
                r.get(ATTEMPTS));
    }
}
