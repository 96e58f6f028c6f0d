package dataclips.results;

import static dataclips.db.Tables.CLIPS;
import static dataclips.db.Tables.RESULTS;
import static dataclips.db.Tables.RESULT_CHUNKS;

import dataclips.export.Column;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/** Writes stored results and their chunks in the metadata database, and reads chunks back. */
final class ResultStore {
    /** The CTE that sets synchronous_commit off for its statement's transaction (an autocommit of one statement). */
    private static final String QUICK = "quick";
    private static final List<Field<?>> NEW_ROW = List.of(RESULTS.CLIP_ID, RESULTS.CLIP_VERSION, RESULTS.KIND,
            RESULTS.LABEL, RESULTS.TITLE, RESULTS.COLUMNS, RESULTS.MADE_BY, RESULTS.SHARED, RESULTS.WRITER_INSTANCE,
            RESULTS.PARAMETER_SET, RESULTS.PARAMETERS, RESULTS.CHART);
    private final DSLContext db;

    /** What is known when a result starts: enough to replay its header. */
    record Header(ResultRecorder.Origin origin, String title, List<Column> columns, OffsetDateTime asOf) {}

    /** What is known when it ends. */
    record Completion(long runId, String follower, double lagSeconds, long durationMs, long rowCount, boolean truncated,
                      int chunkCount, long byteSize, String checksum) {}

    /**
     * One stored chunk: the compressed rows ({@link ChunkCodec}) and the check of those stored bytes, a CRC32C (or,
     * for chunks stored before it, a SHA-256: then crc32c is null).
     */
    record Chunk(byte[] data, byte[] sha256, Integer crc32c) {}

    ResultStore(DSLContext db) {
        this.db = db;
    }

    /**
     * A new, invisible result row, before the run starts. A shared one (a live run viewers may join) is
     * refused, empty, while another shared run of the same clip version is being written, on any instance. Its commit
     * does not wait for the disk (synchronous_commit off, set local in a CTE, as for chunks): until {@link #complete},
     * whose commit does, the row is an invisible claim a crash may lose without harm, and a run's first byte need not
     * wait for a flush.
     */
    Optional<Long> create(ResultRecorder.Origin o, String title, boolean shared, long instance) {
        return db.with(QUICK).as(DSL.select(DSL.field("set_config('synchronous_commit', 'off', true)")))
                .insertInto(RESULTS).columns(NEW_ROW)
                .select(DSL.select(newRow(o, title, shared, instance)).from(DSL.table(DSL.name(QUICK))))
                .onConflictDoNothing().returning(RESULTS.ID).fetchOptional().map(r -> r.getId());
    }

    /** The values of a new result row, in the order of {@link #NEW_ROW}. */
    private static List<SelectField<?>> newRow(ResultRecorder.Origin o, String title, boolean shared, long instance) {
        return List.of(DSL.val(o.clipId()), DSL.val(o.clipVersion()), DSL.val(o.kind().wire()),
                DSL.val(o.label(), RESULTS.LABEL), DSL.val(title), DSL.val("[]"), DSL.val(o.madeBy()), DSL.val(shared),
                DSL.val(instance), DSL.val(o.parameterSet()), DSL.val(ColumnsJson.writeParameters(o.parameters())),
                DSL.val(o.chart().stored()));
    }

    /**
     * A shared result row as {@link #create} makes it, but only while no fresh result exists: checked in the
     * same statement, so a request that saw nothing fresh a moment ago cannot start a second run just after
     * another one completed (under load that moment can be seconds). Checked again after the insert: the
     * statement's snapshot may predate the completion of the run it then waited for on the one-flight index
     * (the row was still "writing" when the snapshot was taken, and complete once the insert could go on).
     */
    Optional<Long> createUnlessFresh(ResultRecorder.Origin o, String title, long instance, int maxAgeSeconds) {
        return db.transactionResult(tx -> {
            Optional<Long> id = tx.dsl().insertInto(RESULTS).columns(NEW_ROW)
                    .select(DSL.select(newRow(o, title, true, instance))
                            .whereNotExists(DSL.selectOne().from(RESULTS).where(ResultQueries.fresh(o.clipId(),
                                    o.clipVersion(), o.parameterSet(), maxAgeSeconds))))
                    .onConflictDoNothing().returning(RESULTS.ID).fetchOptional().map(r -> r.getId());
            if (id.isPresent() && tx.dsl().fetchExists(RESULTS,
                    ResultQueries.fresh(o.clipId(), o.clipVersion(), o.parameterSet(), maxAgeSeconds)
                            .and(RESULTS.ID.ne(id.get())))) {
                tx.dsl().deleteFrom(RESULTS).where(RESULTS.ID.eq(id.get())).execute(); // never seen: same transaction
                return Optional.<Long>empty();
            }
            return id;
        });
    }

    /** The run has its columns and "as of": viewers who joined it may start their streams. */
    void begin(long resultId, Header h) {
        db.update(RESULTS).set(RESULTS.TITLE, h.title()).set(RESULTS.COLUMNS, ColumnsJson.write(h.columns()))
                .set(RESULTS.AS_OF, h.asOf()).set(RESULTS.BEGUN_AT, DSL.currentOffsetDateTime())
                .where(RESULTS.ID.eq(resultId)).execute();
    }

    /**
     * One chunk, committed without waiting for the disk: a chunk counts only once its result is marked
     * complete, and that commit does wait, flushing every earlier chunk's WAL with it. Waiting for each
     * chunk's own flush was most of what storing cost a download. One statement, its own transaction: the setting is
     * made local to it in a CTE (and read when it commits), where BEGIN, SET LOCAL, INSERT and COMMIT were four
     * statements and three round trips per chunk; plain JDBC, prepared once per connection by the driver.
     */
    void addChunk(long resultId, int seq, byte[] stored, int crc32c) {
        db.connection(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_CHUNK)) {
                insert.setLong(1, resultId);
                insert.setInt(2, seq);
                insert.setBytes(3, stored);
                insert.setInt(4, crc32c);
                insert.executeUpdate();
            }
        });
    }

    private static final String INSERT_CHUNK = "with quick as (select set_config('synchronous_commit', 'off', true)) "
            + "insert into result_chunks (result_id, seq, data, crc32c) select ?, ?, ?, ? from quick";

    /** Viewers on this instance joined these runs being written (by another instance); the column is V9's followed_at. */
    void markJoined(List<Long> resultIds) {
        db.update(RESULTS).set(RESULTS.FOLLOWED_AT, DSL.currentOffsetDateTime())
                .where(RESULTS.ID.in(resultIds)).and(RESULTS.STATE.eq("writing")).execute();
    }

    /** Whether some instance said within the last seconds that viewers joined this run. */
    boolean joinedWithin(long resultId, int seconds) {
        return db.fetchExists(RESULTS, RESULTS.ID.eq(resultId).and(RESULTS.FOLLOWED_AT.ge(
                DSL.field("current_timestamp - make_interval(secs => {0})", OffsetDateTime.class, DSL.val((double) seconds)))));
    }

    /**
     * Makes the result visible, all at once; false when it was removed meanwhile (its instance taken for dead). A
     * snapshot gets the clip's next snapshot number in the same transaction.
     */
    boolean complete(long resultId, Completion c) {
        return db.transactionResult(tx -> {
            boolean completed = tx.dsl().update(RESULTS).set(RESULTS.STATE, "complete")
                    .set(RESULTS.COMPLETED_AT, DSL.currentOffsetDateTime())
                    .set(RESULTS.RUN_ID, c.runId() > 0 ? c.runId() : null)
                    .set(RESULTS.FOLLOWER, c.follower()).set(RESULTS.LAG_SECONDS, c.lagSeconds())
                    .set(RESULTS.DURATION_MS, c.durationMs()).set(RESULTS.ROW_COUNT, c.rowCount())
                    .set(RESULTS.TRUNCATED, c.truncated()).set(RESULTS.CHUNK_COUNT, c.chunkCount())
                    .set(RESULTS.BYTE_SIZE, c.byteSize()).set(RESULTS.CHECKSUM, c.checksum())
                    .where(RESULTS.ID.eq(resultId)).and(RESULTS.STATE.eq("writing")).execute() == 1;
            if (completed) {
                number(tx.dsl(), resultId);
            }
            return completed;
        });
    }

    /** A snapshot's number among its clip's, from the clip's counter (whose row lock orders concurrent ones). */
    private static void number(DSLContext tx, long resultId) {
        var result = tx.select(RESULTS.CLIP_ID, RESULTS.KIND).from(RESULTS).where(RESULTS.ID.eq(resultId)).fetchOne();
        if (result == null || !ResultKind.of(result.value2()).isSnapshot()) {
            return;
        }
        Integer number = tx.update(CLIPS).set(CLIPS.SNAPSHOTS_NUMBERED, CLIPS.SNAPSHOTS_NUMBERED.plus(1))
                .where(CLIPS.ID.eq(result.value1())).returning(CLIPS.SNAPSHOTS_NUMBERED).fetchOptional()
                .map(r -> r.getSnapshotsNumbered()).orElse(null);
        tx.update(RESULTS).set(RESULTS.NUMBER, number).where(RESULTS.ID.eq(resultId)).execute();
    }

    void delete(long resultId) {
        db.deleteFrom(RESULTS).where(RESULTS.ID.eq(resultId)).execute();
    }

    /** Removes a result still being written (a dead instance's leftover); a complete one stays. */
    void deleteUnfinished(long resultId) {
        db.deleteFrom(RESULTS).where(RESULTS.ID.eq(resultId)).and(RESULTS.STATE.eq("writing")).execute();
    }

    Chunk chunk(long resultId, int seq) {
        return chunkIfStored(resultId, seq)
                .orElseThrow(() -> new CorruptResult("chunk " + seq + " of stored result " + resultId + " is missing"));
    }

    Optional<Chunk> chunkIfStored(long resultId, int seq) {
        return db.select(RESULT_CHUNKS.DATA, RESULT_CHUNKS.SHA256, RESULT_CHUNKS.CRC32C).from(RESULT_CHUNKS)
                .where(RESULT_CHUNKS.RESULT_ID.eq(resultId)).and(RESULT_CHUNKS.SEQ.eq(seq))
                .fetchOptional(r -> new Chunk(r.value1(), r.value2(), r.value3()));
    }
}
