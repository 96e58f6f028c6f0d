package dataclips.delivery;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 'delivery-send' execution of one delivery: a try through the {@link Outbox}, logged; a failure is tried again
 * after 1, 5, 15 and 40 minutes (5 tries over about an hour), then the delivery fails. A delivery already sent, failed
 * or skipped is never tried again, so an execution revived after its instance died sends only what was not sent.
 */
final class Attempts {
    static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(40));
    static final int TRIES = BACKOFF.size() + 1;
    private static final Set<String> DONE = Set.of("sent", "failed", "skipped");
    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);
    private final DeliveryLog log;
    private final Outbox outbox;
    private final Clock clock;

    Attempts(DeliveryLog log, Outbox outbox, Clock clock) {
        this.log = log;
        this.outbox = outbox;
        this.clock = clock;
    }

    CompletionHandler<Void> run(TaskInstance<Void> instance, ExecutionContext context) {
        long id = Long.parseLong(instance.getId());
        Optional<Instant> next = tryOnce(id);
        if (next.isPresent()) {
            return (complete, operations) -> operations.reschedule(complete, next.get());
        }
        return (complete, operations) -> operations.remove();
    }

    /** Tries the delivery once, if it is still to be sent; answers when to try again, if it should be. */
    Optional<Instant> tryOnce(long id) {
        Optional<Delivery> delivery = log.find(id).filter(d -> !DONE.contains(d.status()));
        if (delivery.isEmpty()) {
            return Optional.empty();
        }
        int attempt = log.begin(id);
        Tried tried = sendOnce(delivery.get());
        if (tried instanceof Tried.Sent) {
            log.end(id, "sent", null, null);
            return Optional.empty();
        }
        if (tried instanceof Tried.Refused refused) {
            LOG.info("delivery {} refused: {}", id, refused.reason());
            log.end(id, "failed", refused.reason(), null);
            return Optional.empty();
        }
        String reason = ((Tried.Failed) tried).reason();
        if (attempt >= TRIES || delivery.get().cause().equals("test")) {
            log.end(id, "failed", reason + (attempt > 1 ? " (gave up after " + attempt + " tries)" : ""), null);
            return Optional.empty();
        }
        Instant next = clock.instant().plus(BACKOFF.get(attempt - 1));
        LOG.info("delivery {} failed (try {} of {}), trying again at {}: {}", id, attempt, TRIES, next, reason);
        log.end(id, "retrying", reason, next);
        return Optional.of(next);
    }

    private Tried sendOnce(Delivery d) {
        try {
            return outbox.send(d);
        } catch (RuntimeException e) {
            LOG.warn("delivery {} failed", d.id(), e);
            return new Tried.Failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
