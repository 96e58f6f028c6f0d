package dataclips.delivery;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One delivery in the log (README, "Delivery"): a snapshot sent, or to be sent, by one subscription to one recipient
 * (an address; "" for Slack, webhooks and a subscription skipped whole). key is X-Dataclips-Delivery, the same on every
 * try; cause is what took the snapshot (snapshot, scheduled) or test; status is queued, sending, sent, retrying, failed
 * or skipped; changes are the rows added and removed since the previous snapshot, when that was asked.
 */
public record Delivery(long id, UUID key, long clipId, Long subscriptionId, long snapshotId, String recipient, String cause,
                       String status, int attempts, String error, Optional<Changes> changes, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt, OffsetDateTime nextAttemptAt) {

    /** Rows added and removed since the previous snapshot of the same values. */
    public record Changes(long added, long removed) {}

    /** The status as the API names it: sent, failed, skipped, or retrying for one still to be (re)tried. */
    public String wireStatus() {
        return switch (status) {
            case "sent", "failed", "skipped" -> status;
            default -> "retrying";
        };
    }
}
