package dataclips.schedules;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.serving.Serving;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * Scheduled snapshots: a clip's schedule (clip_schedules) and its one pending execution in db-scheduler's
 * table (scheduled_tasks), which every app instance polls. A due execution is picked by one instance only
 * (db-scheduler's version check on the row), so each due time gives one snapshot however many instances
 * run; the run plans the next due time from "now", so times missed while no instance ran give one catch-up.
 */
public final class Schedules implements AutoCloseable {
    /** Each run holds a follower connection and writes a snapshot: two at a time is plenty on one instance. */
    private static final int THREADS = 2;
    /** How long stopping waits for a running snapshot; one cut off is picked up again as a dead execution. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private final ScheduleStore store;
    private final Clock clock;
    private final CustomTask<Void> task;
    private final Scheduler scheduler;

    /** The scheduler's wiring: where executions live, how often to look, this instance's name, its clock. */
    public record Polling(DataSource metadata, Duration interval, String instanceName, Clock clock) {}

    public Schedules(DSLContext db, Clips clips, Serving serving, Polling polling) {
        this.store = new ScheduleStore(db);
        this.clock = polling.clock();
        this.task = new ScheduledSnapshotTask(store, clips, serving, clock).task();
        this.scheduler = Scheduler.create(polling.metadata(), task)
                .clock(clock::instant)
                .pollingInterval(polling.interval())
                .threads(THREADS)
                .schedulerName(new SchedulerName.Fixed(polling.instanceName()))
                .shutdownMaxWait(STOP_WAIT)
                .build();
    }

    /**
     * Starts polling. A schedule saved while its execution could not be written (the app stopped between
     * the two) gets one now; existing executions are left as they are, so a missed due time still runs.
     */
    public Schedules start() {
        Instant now = clock.instant();
        for (ClipSchedule saved : store.all()) {
            scheduler.scheduleIfNotExists(instance(saved.clipId()), saved.schedule().nextAfter(now));
        }
        scheduler.start();
        return this;
    }

    public Optional<ClipSchedule> of(Clip clip) {
        return store.find(clip.id());
    }

    /** Creates or replaces the clip's schedule; its next snapshot is due at the new schedule's next time. */
    public ClipSchedule set(Clip clip, User user, SnapshotSchedule schedule, boolean follow) {
        store.save(clip.id(), schedule, follow, user.id());
        try {
            scheduler.schedule(instance(clip.id()), schedule.nextAfter(clock.instant()), ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            // The snapshot is being taken right now; when it ends, it plans its next time from the new schedule.
        }
        return store.find(clip.id()).orElseThrow();
    }

    /** True when the clip had a schedule; its pending execution goes with it (a trigger, same transaction). */
    public boolean delete(Clip clip) {
        return store.delete(clip.id());
    }

    /** The schedule's next due times from now, by the scheduler's clock. */
    public List<Instant> nextRuns(ClipSchedule schedule, int count) {
        return schedule.schedule().next(clock.instant(), count);
    }

    /** Stops polling and waits for running snapshots; call it before the metadata pool closes. */
    @Override
    public void close() {
        scheduler.stop();
    }

    private TaskInstance<Void> instance(long clipId) {
        return task.instance(Long.toString(clipId));
    }
}
