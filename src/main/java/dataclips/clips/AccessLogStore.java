package dataclips.clips;

import static dataclips.db.Tables.CLIPS;
import static dataclips.db.Tables.CLIP_ACCESS_LOG;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The access log's rows and each clip's link_opened_at in the metadata database. */
final class AccessLogStore {
    private final DSLContext db;

    AccessLogStore(DSLContext db) {
        this.db = db;
    }

    /** One multi-row insert for the batch, and each clip's newest time, in one transaction. */
    void insert(List<AccessLog.Entry> batch) {
        Map<Long, Instant> newest = batch.stream().collect(Collectors.toMap(AccessLog.Entry::clipId,
                AccessLog.Entry::at, (a, b) -> a.isAfter(b) ? a : b));
        db.transaction(tx -> {
            // A clip deleted meanwhile has no row to point at: its entries go, not the whole batch.
            var live = tx.dsl().select(CLIPS.ID).from(CLIPS).where(CLIPS.ID.in(newest.keySet())).fetchSet(CLIPS.ID);
            if (live.isEmpty()) {
                return;
            }
            var insert = tx.dsl().insertInto(CLIP_ACCESS_LOG, CLIP_ACCESS_LOG.CLIP_ID, CLIP_ACCESS_LOG.AT,
                    CLIP_ACCESS_LOG.FORMAT, CLIP_ACCESS_LOG.SNAPSHOT_ID, CLIP_ACCESS_LOG.CLIENT, CLIP_ACCESS_LOG.USER_AGENT);
            for (AccessLog.Entry e : batch) {
                if (!live.contains(e.clipId())) {
                    continue;
                }
                insert = insert.values(e.clipId(), utc(e.at()), e.format(), e.snapshotId(), e.client(), e.userAgent());
            }
            insert.execute();
            newest.entrySet().stream().filter(n -> live.contains(n.getKey())).forEach(n -> tx.dsl().update(CLIPS)
                    .set(CLIPS.LINK_OPENED_AT, DSL.greatest(DSL.coalesce(CLIPS.LINK_OPENED_AT, utc(n.getValue())),
                            DSL.val(utc(n.getValue()))))
                    .where(CLIPS.ID.eq(n.getKey())).execute());
        });
    }

    List<AccessLog.Entry> newest(long clipId, int limit) {
        return db.selectFrom(CLIP_ACCESS_LOG).where(CLIP_ACCESS_LOG.CLIP_ID.eq(clipId))
                .orderBy(CLIP_ACCESS_LOG.ID.desc()).limit(limit)
                .fetch(r -> new AccessLog.Entry(r.getClipId(), r.getAt().toInstant(), r.getFormat(), r.getSnapshotId(),
                        r.getClient(), r.getUserAgent()));
    }

    /** Removes entries older than the cutoff, then all but the newest keepPerClip of each clip; answers how many. */
    int prune(Instant cutoff, int keepPerClip) {
        int removed = db.deleteFrom(CLIP_ACCESS_LOG).where(CLIP_ACCESS_LOG.AT.lt(utc(cutoff))).execute();
        List<Long> crowded = db.select(CLIP_ACCESS_LOG.CLIP_ID).from(CLIP_ACCESS_LOG).groupBy(CLIP_ACCESS_LOG.CLIP_ID)
                .having(DSL.count().gt(keepPerClip)).fetch(CLIP_ACCESS_LOG.CLIP_ID);
        for (long clipId : crowded) {
            Long oldestKept = db.select(CLIP_ACCESS_LOG.ID).from(CLIP_ACCESS_LOG).where(CLIP_ACCESS_LOG.CLIP_ID.eq(clipId))
                    .orderBy(CLIP_ACCESS_LOG.ID.desc()).offset(keepPerClip - 1).limit(1).fetchOne(CLIP_ACCESS_LOG.ID);
            if (oldestKept != null) {
                removed += db.deleteFrom(CLIP_ACCESS_LOG)
                        .where(CLIP_ACCESS_LOG.CLIP_ID.eq(clipId).and(CLIP_ACCESS_LOG.ID.lt(oldestKept))).execute();
            }
        }
        return removed;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
