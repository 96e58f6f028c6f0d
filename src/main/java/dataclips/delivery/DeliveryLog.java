package dataclips.delivery;

import static dataclips.db.Tables.DELIVERIES;

import dataclips.db.tables.records.DeliveriesRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The deliveries table (V24), log and queue at once: rows are queued with one 'delivery-send' execution each in
 * db-scheduler's delivery_tasks, in the same transaction, so a queued delivery always has its execution.
 */
final class DeliveryLog {
    static final String SEND_TASK = "delivery-send";
    private static final int ERROR_LENGTH = 1_000;
    private final DSLContext db;

    /** A delivery to write: status queued (to send) or skipped (with why). */
    record Planned(long clipId, long subscriptionId, long snapshotId, String recipient, String cause, String status,
                   String error, Optional<Delivery.Changes> changes) {}

    DeliveryLog(DSLContext db) {
        this.db = db;
    }

    /**
     * Writes the planned deliveries not written before (a fan-out done again after a crash adds nothing), each queued
     * one with its send execution due at once; answers how many were new.
     */
    int plan(List<Planned> planned, Instant now) {
        return db.transactionResult(c -> {
            DSLContext tx = c.dsl();
            int added = 0;
            for (Planned p : planned) {
                Optional<Long> id = tx.insertInto(DELIVERIES).set(row(tx, p)).onConflictDoNothing().returning(DELIVERIES.ID)
                        .fetchOptional().map(DeliveriesRecord::getId);
                if (id.isPresent() && p.status().equals("queued")) {
                    queueSend(tx, id.get(), now);
                }
                added += id.isPresent() ? 1 : 0;
            }
            return added;
        });
    }

    /** A test delivery, sent at once by the caller (no send execution, no retries). */
    long insertTest(Planned p) {
        return db.insertInto(DELIVERIES).set(row(db, p)).returning(DELIVERIES.ID).fetchOne().getId();
    }

    Optional<Delivery> find(long id) {
        return db.selectFrom(DELIVERIES).where(DELIVERIES.ID.eq(id)).fetchOptional(DeliveryLog::toDelivery);
    }

    /** The clip's newest deliveries first. */
    List<Delivery> ofClip(long clipId, int limit) {
        return db.selectFrom(DELIVERIES).where(DELIVERIES.CLIP_ID.eq(clipId)).orderBy(DELIVERIES.ID.desc()).limit(limit)
                .fetch(DeliveryLog::toDelivery);
    }

    /** Marks a try begun (status sending, one more attempt); answers the attempt's number. */
    int begin(long id) {
        return db.update(DELIVERIES).set(DELIVERIES.STATUS, "sending").set(DELIVERIES.ATTEMPTS, DELIVERIES.ATTEMPTS.plus(1))
                .set(DELIVERIES.UPDATED_AT, DSL.currentOffsetDateTime()).where(DELIVERIES.ID.eq(id))
                .returning(DELIVERIES.ATTEMPTS).fetchOne().getAttempts();
    }

    void end(long id, String status, String error, Instant nextAttempt) {
        db.update(DELIVERIES).set(DELIVERIES.STATUS, status).set(DELIVERIES.ERROR, cut(error))
                .set(DELIVERIES.NEXT_ATTEMPT_AT, nextAttempt == null ? null : nextAttempt.atOffset(ZoneOffset.UTC))
                .set(DELIVERIES.UPDATED_AT, DSL.currentOffsetDateTime()).where(DELIVERIES.ID.eq(id)).execute();
    }

    private static DeliveriesRecord row(DSLContext tx, Planned p) {
        DeliveriesRecord r = tx.newRecord(DELIVERIES);
        r.setDeliveryKey(UUID.randomUUID());
        r.setClipId(p.clipId());
        r.setSubscriptionId(p.subscriptionId());
        r.setSnapshotId(p.snapshotId());
        r.setRecipient(p.recipient());
        r.setCause(p.cause());
        r.setStatus(p.status());
        r.setError(cut(p.error()));
        p.changes().ifPresent(c -> {
            r.setChangesAdded(c.added());
            r.setChangesRemoved(c.removed());
        });
        return r;
    }

    private static void queueSend(DSLContext tx, long deliveryId, Instant now) {
        tx.execute("insert into delivery_tasks (task_name, task_instance, execution_time, picked, version) "
                + "values (?, ?, cast(? as timestamp with time zone), false, 1) on conflict do nothing", SEND_TASK, Long.toString(deliveryId),
                now.atOffset(ZoneOffset.UTC).toString());
    }

    private static String cut(String error) {
        return error == null || error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH - 1) + "…";
    }

    private static Delivery toDelivery(DeliveriesRecord r) {
        Optional<Delivery.Changes> changes = r.getChangesAdded() == null ? Optional.empty()
                : Optional.of(new Delivery.Changes(r.getChangesAdded(), r.getChangesRemoved()));
        return new Delivery(r.getId(), r.getDeliveryKey(), r.getClipId(), r.getSubscriptionId(), r.getSnapshotId(),
                r.getRecipient(), r.getCause(), r.getStatus(), r.getAttempts(), r.getError(), changes, r.getCreatedAt(),
                r.getUpdatedAt(), r.getNextAttemptAt());
    }
}
