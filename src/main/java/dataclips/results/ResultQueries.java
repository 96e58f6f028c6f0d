package dataclips.results;

import dataclips.export.chart.ChartSpec;
import static dataclips.db.Tables.RESULTS;

import dataclips.export.Column;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Reads the result store: complete results for serving, and the progress of results being written. */
final class ResultQueries {
    private static final String COMPLETE_STATE = "complete";
    private static final Condition COMPLETE = RESULTS.STATE.eq(COMPLETE_STATE);
    private static final Condition SNAPSHOT = RESULTS.KIND.in(ResultKind.SNAPSHOT.wire(), ResultKind.SCHEDULED.wire());
    private static final Field<Boolean> WRITER_ALIVE = DSL.field(InstanceLease.WRITER_ALIVE, Boolean.class);
    private final DSLContext db;

    /** A result as the viewers who joined it see it while it is written; complete once state is "complete". */
    record Progress(boolean complete, boolean begun, boolean writerAlive, String title, List<Column> columns,
                    OffsetDateTime asOf, int chunkCount, long rowCount, boolean truncated, String checksum,
                    SortedMap<String, String> parameters) {}

    ResultQueries(DSLContext db) {
        this.db = db;
    }

    /**
     * The newest complete result of this clip version and value set started at most maxAgeSeconds ago (the
     * database's clock).
     */
    Optional<StoredResult> newest(long clipId, int clipVersion, String parameterSet, int maxAgeSeconds) {
        return db.selectFrom(RESULTS).where(fresh(clipId, clipVersion, parameterSet, maxAgeSeconds))
                .orderBy(RESULTS.STARTED_AT.desc()).limit(1).fetchOptional(ResultQueries::toResult);
    }

    /** Complete results of this clip version and value set started at most maxAgeSeconds ago: what "fresh" means. */
    static Condition fresh(long clipId, int clipVersion, String parameterSet, int maxAgeSeconds) {
        return RESULTS.CLIP_ID.eq(clipId).and(RESULTS.CLIP_VERSION.eq(clipVersion))
                .and(RESULTS.PARAMETER_SET.eq(parameterSet)).and(COMPLETE)
                .and(RESULTS.STARTED_AT.ge(DSL.field("current_timestamp - make_interval(secs => {0})",
                        OffsetDateTime.class, DSL.val((double) maxAgeSeconds))));
    }

    Optional<StoredResult> snapshot(long clipId, long id) {
        return db.selectFrom(RESULTS).where(RESULTS.ID.eq(id)).and(RESULTS.CLIP_ID.eq(clipId)).and(COMPLETE).and(SNAPSHOT)
                .fetchOptional(ResultQueries::toResult);
    }

    Optional<StoredResult> complete(long clipId, long id) {
        return db.selectFrom(RESULTS).where(RESULTS.ID.eq(id)).and(RESULTS.CLIP_ID.eq(clipId)).and(COMPLETE)
                .fetchOptional(ResultQueries::toResult);
    }

    /** The clip's snapshots, newest first. */
    List<StoredResult> snapshots(long clipId, int limit) {
        return db.selectFrom(RESULTS).where(RESULTS.CLIP_ID.eq(clipId)).and(COMPLETE).and(SNAPSHOT)
                .orderBy(RESULTS.STARTED_AT.desc(), RESULTS.ID.desc()).limit(limit).fetch(ResultQueries::toResult);
    }

    Optional<StoredResult> newestOfKind(long clipId, ResultKind kind) {
        return db.selectFrom(RESULTS).where(RESULTS.CLIP_ID.eq(clipId)).and(COMPLETE).and(RESULTS.KIND.eq(kind.wire()))
                .orderBy(RESULTS.STARTED_AT.desc(), RESULTS.ID.desc()).limit(1).fetchOptional(ResultQueries::toResult);
    }

    /** The newest complete result of this clip version, whatever its age, values or kind. */
    Optional<StoredResult> newestOfVersion(long clipId, int clipVersion) {
        return db.selectFrom(RESULTS).where(RESULTS.CLIP_ID.eq(clipId)).and(RESULTS.CLIP_VERSION.eq(clipVersion))
                .and(COMPLETE).orderBy(RESULTS.STARTED_AT.desc(), RESULTS.ID.desc()).limit(1)
                .fetchOptional(ResultQueries::toResult);
    }

    /** The shared live run of this clip version and value set being written now, if any. */
    Optional<Long> flight(long clipId, int clipVersion, String parameterSet) {
        return db.select(RESULTS.ID).from(RESULTS).where(RESULTS.CLIP_ID.eq(clipId))
                .and(RESULTS.CLIP_VERSION.eq(clipVersion)).and(RESULTS.PARAMETER_SET.eq(parameterSet)).and(RESULTS.STATE.eq("writing")).and(RESULTS.SHARED)
                .fetchOptional(RESULTS.ID);
    }

    /** askLocks false: the writer is known to be alive (it is in this instance), so pg_locks is not read. */
    Optional<Progress> progress(long id, boolean askLocks) {
        Field<Boolean> alive = askLocks ? WRITER_ALIVE : DSL.inline(true);
        return db.select(RESULTS.asterisk(), alive.as("writer_alive")).from(RESULTS).where(RESULTS.ID.eq(id))
                .fetchOptional(r -> new Progress(COMPLETE_STATE.equals(r.get(RESULTS.STATE)), r.get(RESULTS.BEGUN_AT) != null,
                        Boolean.TRUE.equals(r.get("writer_alive", Boolean.class)), r.get(RESULTS.TITLE),
                        r.get(RESULTS.BEGUN_AT) == null ? List.of() : ColumnsJson.read(r.get(RESULTS.COLUMNS)),
                        r.get(RESULTS.AS_OF), orZero(r.get(RESULTS.CHUNK_COUNT)), orZero(r.get(RESULTS.ROW_COUNT)),
                        Boolean.TRUE.equals(r.get(RESULTS.TRUNCATED)), r.get(RESULTS.CHECKSUM),
                        ColumnsJson.readParameters(r.get(RESULTS.PARAMETERS))));
    }

    Storage storage(Optional<Long> clipId) {
        Condition which = clipId.map(RESULTS.CLIP_ID::eq).orElse(DSL.noCondition());
        return db.select(DSL.count(), DSL.coalesce(DSL.sum(RESULTS.BYTE_SIZE), java.math.BigDecimal.ZERO))
                .from(RESULTS).where(which).and(COMPLETE)
                .fetchOne(r -> new Storage(r.value1(), r.value2().longValue()));
    }

    static StoredResult toResult(Record r) {
        return new StoredResult(r.get(RESULTS.ID), r.get(RESULTS.CLIP_ID), r.get(RESULTS.CLIP_VERSION),
                ResultKind.of(r.get(RESULTS.KIND)), r.get(RESULTS.LABEL), r.get(RESULTS.TITLE),
                ColumnsJson.read(r.get(RESULTS.COLUMNS)), r.get(RESULTS.AS_OF), r.get(RESULTS.FOLLOWER),
                r.get(RESULTS.LAG_SECONDS), r.get(RESULTS.MADE_BY), r.get(RESULTS.STARTED_AT),
                r.get(RESULTS.COMPLETED_AT), r.get(RESULTS.DURATION_MS), r.get(RESULTS.ROW_COUNT),
                r.get(RESULTS.TRUNCATED), r.get(RESULTS.CHUNK_COUNT), r.get(RESULTS.BYTE_SIZE), r.get(RESULTS.CHECKSUM),
                ColumnsJson.readParameters(r.get(RESULTS.PARAMETERS)), ChartSpec.fromJson(r.get(RESULTS.CHART)),
                r.get(RESULTS.NUMBER));
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }
}
