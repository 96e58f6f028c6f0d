package dataclips.results;

import static dataclips.db.Tables.RESULTS;
import static dataclips.db.Tables.RESULT_CHUNKS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.export.Column;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Stored results and their chunks in the metadata database; only complete results are ever read. */
final class ResultStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DSLContext db;

    /** What is known when a result starts: enough to replay its header. */
    record Header(ResultRecorder.Origin origin, String title, List<Column> columns, OffsetDateTime asOf) {}

    /** What is known when it ends. */
    record Completion(long runId, String follower, double lagSeconds, long durationMs, long rowCount, boolean truncated,
                      int chunkCount, long byteSize, String checksum) {}

    /** One stored chunk: the deflated rows and the SHA-256 of those stored bytes. */
    record Chunk(byte[] data, byte[] sha256) {}

    ResultStore(DSLContext db) {
        this.db = db;
    }

    long create(Header h) {
        return db.insertInto(RESULTS).set(RESULTS.CLIP_ID, h.origin().clipId())
                .set(RESULTS.CLIP_VERSION, h.origin().clipVersion()).set(RESULTS.TITLE, h.title())
                .set(RESULTS.COLUMNS, toJson(h.columns())).set(RESULTS.AS_OF, h.asOf()).set(RESULTS.MADE_BY, h.origin().madeBy())
                .returning(RESULTS.ID).fetchOne().getId();
    }

    /**
     * One chunk, committed without waiting for the disk: a chunk counts only once its result is marked
     * complete, and that commit does wait, flushing every earlier chunk's WAL with it. Waiting for each
     * chunk's own flush was most of what storing cost a download.
     */
    void addChunk(long resultId, int seq, byte[] deflated, byte[] sha256) {
        db.transaction(tx -> {
            tx.dsl().execute("set local synchronous_commit = off");
            tx.dsl().insertInto(RESULT_CHUNKS).set(RESULT_CHUNKS.RESULT_ID, resultId).set(RESULT_CHUNKS.SEQ, seq)
                    .set(RESULT_CHUNKS.DATA, deflated).set(RESULT_CHUNKS.SHA256, sha256).execute();
        });
    }

    /** Makes the result visible, all at once. */
    void complete(long resultId, Completion c) {
        db.update(RESULTS).set(RESULTS.STATE, "complete").set(RESULTS.COMPLETED_AT, DSL.currentOffsetDateTime())
                .set(RESULTS.RUN_ID, c.runId() > 0 ? c.runId() : null)
                .set(RESULTS.FOLLOWER, c.follower()).set(RESULTS.LAG_SECONDS, c.lagSeconds())
                .set(RESULTS.DURATION_MS, c.durationMs()).set(RESULTS.ROW_COUNT, c.rowCount())
                .set(RESULTS.TRUNCATED, c.truncated()).set(RESULTS.CHUNK_COUNT, c.chunkCount())
                .set(RESULTS.BYTE_SIZE, c.byteSize()).set(RESULTS.CHECKSUM, c.checksum())
                .where(RESULTS.ID.eq(resultId)).execute();
    }

    void delete(long resultId) {
        db.deleteFrom(RESULTS).where(RESULTS.ID.eq(resultId)).execute();
    }

    /** The newest complete result of this clip version started at most maxAgeSeconds ago (the database's clock). */
    Optional<StoredResult> newest(long clipId, int clipVersion, int maxAgeSeconds) {
        return db.selectFrom(RESULTS).where(RESULTS.CLIP_ID.eq(clipId)).and(RESULTS.CLIP_VERSION.eq(clipVersion))
                .and(RESULTS.STATE.eq("complete"))
                .and(RESULTS.STARTED_AT.ge(DSL.field("current_timestamp - make_interval(secs => {0})",
                        OffsetDateTime.class, DSL.val((double) maxAgeSeconds))))
                .orderBy(RESULTS.STARTED_AT.desc()).limit(1).fetchOptional(ResultStore::toResult);
    }

    Chunk chunk(long resultId, int seq) {
        return db.select(RESULT_CHUNKS.DATA, RESULT_CHUNKS.SHA256).from(RESULT_CHUNKS)
                .where(RESULT_CHUNKS.RESULT_ID.eq(resultId)).and(RESULT_CHUNKS.SEQ.eq(seq))
                .fetchOptional(r -> new Chunk(r.value1(), r.value2()))
                .orElseThrow(() -> new CorruptResult("chunk " + seq + " of stored result " + resultId + " is missing"));
    }

    private static StoredResult toResult(Record r) {
        return new StoredResult(r.get(RESULTS.ID), r.get(RESULTS.CLIP_ID), r.get(RESULTS.CLIP_VERSION),
                r.get(RESULTS.TITLE), fromJson(r.get(RESULTS.COLUMNS)), r.get(RESULTS.AS_OF), r.get(RESULTS.FOLLOWER),
                r.get(RESULTS.LAG_SECONDS), r.get(RESULTS.MADE_BY), r.get(RESULTS.STARTED_AT),
                r.get(RESULTS.COMPLETED_AT), r.get(RESULTS.DURATION_MS), r.get(RESULTS.ROW_COUNT),
                r.get(RESULTS.TRUNCATED), r.get(RESULTS.CHUNK_COUNT), r.get(RESULTS.BYTE_SIZE), r.get(RESULTS.CHECKSUM));
    }

    private static String toJson(List<Column> columns) {
        try {
            return JSON.writeValueAsString(columns.stream().map(c -> Map.of("name", c.name(), "type", c.pgType())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Column> fromJson(String json) {
        try {
            List<Map<String, String>> list = JSON.readValue(json, new TypeReference<>() {});
            return list.stream().map(m -> Column.of(m.get("name"), m.get("type"))).toList();
        } catch (JsonProcessingException e) {
            throw new CorruptResult("the stored columns are not readable: " + e.getOriginalMessage());
        }
    }
}
