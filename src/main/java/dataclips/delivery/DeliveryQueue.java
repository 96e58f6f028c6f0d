package dataclips.delivery;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The delivery queue's scheduler (db-scheduler on its own table, delivery_tasks): every instance polls it each second,
 * and each execution runs on one instance at a time (db-scheduler's lock on the row). An instance that dies while
 * sending stops its heartbeats (every 3 s); after 5 missed ones another instance takes the execution over.
 */
final class DeliveryQueue implements AutoCloseable {
    static final String FANOUT_TASK = "delivery-fanout";
    private static final int THREADS = 4;
    private final Scheduler scheduler;

    DeliveryQueue(DataSource metadata, Fanout fanout, Attempts attempts, String instanceName, Clock clock) {
        CustomTask<Void> fan = Tasks.custom(FANOUT_TASK, Void.class).execute((instance, context) -> {
            fanout.fanOut(instance.getId());
            return (complete, operations) -> operations.remove();
        });
        CustomTask<Void> send = Tasks.custom(DeliveryLog.SEND_TASK, Void.class).execute(attempts::run);
        this.scheduler = Scheduler.create(metadata, fan, send)
                .tableName("delivery_tasks")
                .clock(clock::instant)
                .pollingInterval(Duration.ofSeconds(1))
                .threads(THREADS)
                .heartbeatInterval(Duration.ofSeconds(3))
                .missedHeartbeatsLimit(5)
                .schedulerName(new SchedulerName.Fixed(instanceName))
                .shutdownMaxWait(Duration.ofSeconds(30))
                .build();
    }

    DeliveryQueue start() {
        scheduler.start();
        return this;
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
