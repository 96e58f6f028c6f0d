package dataclips.schedules;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.ResultKind;
import dataclips.results.StoredResult;
import dataclips.serving.Serving;
import dataclips.serving.Viewer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The db-scheduler task behind every clip schedule: one execution per scheduled clip (instance id = clip
 * id), due at the schedule's next time. db-scheduler hands a due execution to exactly one instance; this
 * takes the snapshot, then moves the execution to the schedule's first due time after now. Planning from
 * "now" rather than from the due time is what turns any number of times missed while no instance ran into
 * one catch-up snapshot.
 */
final class ScheduledSnapshotTask {
    static final String NAME = "clip-snapshot";
    /** A run that failed for a passing reason (no healthy follower, metadata store hiccup) tries again this soon. */
    private static final Duration RETRY = Duration.ofMinutes(5);
    /** Later than this after its due time, a snapshot's label says it was caught up. */
    private static final Duration LATE = Duration.ofMinutes(5);
    private static final DateTimeFormatter LABEL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledSnapshotTask.class);
    private final ScheduleStore store;
    private final Clips clips;
    private final Serving serving;
    private final Clock clock;

    ScheduledSnapshotTask(ScheduleStore store, Clips clips, Serving serving, Clock clock) {
        this.store = store;
        this.clips = clips;
        this.serving = serving;
        this.clock = clock;
    }

    CustomTask<Void> task() {
        return Tasks.custom(NAME, Void.class).execute(this::run);
    }

    private CompletionHandler<Void> run(TaskInstance<Void> instance, ExecutionContext context) {
        long clipId = Long.parseLong(instance.getId());
        Instant due = context.getExecution().getExecutionTime();
        Optional<ClipSchedule> schedule = store.find(clipId);
        Optional<Clip> clip = clips.byId(clipId);
        boolean retry = schedule.isPresent() && clip.isPresent() && !take(clip.get(), schedule.get().schedule(), due);
        return (complete, operations) -> planNext(clipId, retry, complete, operations);
    }

    /** True when the snapshot was taken, or failed in a way only a change to the clip can fix. */
    private boolean take(Clip clip, SnapshotSchedule schedule, Instant due) {
        try {
            StoredResult taken = serving.record(clips.withDefaults(clip), Viewer.nobody(), ResultKind.SCHEDULED,
                    label(due, schedule.zone()));
            LOG.info("scheduled snapshot {} of clip {} taken ({} rows)", taken.id(), clip.id(), taken.rowCount());
            return true;
        } catch (UserError e) {
            // A SQL error (422) or a source gone (409) is in the run log; the next due time tries again.
            LOG.warn("scheduled snapshot of clip {} failed: {}", clip.id(), e.getMessage());
            return e.status() < 500;
        } catch (RuntimeException e) {
            LOG.warn("scheduled snapshot of clip {} failed; trying again in {}", clip.id(), RETRY, e);
            return false;
        }
    }

    /** Re-reads the schedule, since its owner may have changed or deleted it while the snapshot ran. */
    private void planNext(long clipId, boolean retry, ExecutionComplete complete, ExecutionOperations<Void> operations) {
        Optional<ClipSchedule> schedule = store.find(clipId);
        if (schedule.isEmpty()) {
            try {
                operations.stop();
            } catch (RuntimeException alreadyRemoved) {
                // Deleting the schedule (or the clip) removed the execution already, in the same transaction.
            }
            return;
        }
        Instant now = complete.getTimeDone();
        Instant next = schedule.get().schedule().nextAfter(now);
        if (retry && now.plus(RETRY).isBefore(next)) {
            next = now.plus(RETRY);
        }
        operations.reschedule(complete, next);
    }

    private String label(Instant due, ZoneId zone) {
        Instant now = clock.instant();
        String label = "scheduled for " + LABEL_TIME.format(due.atZone(zone)) + " " + zone.getId();
        return Duration.between(due, now).compareTo(LATE) > 0
                ? label + ", caught up at " + LABEL_TIME.format(now.atZone(zone)) + " (no instance ran at the due time)"
                : label;
    }
}
