package dataclips.sources;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every follower every few seconds (health, recovery, lag) in parallel, so one dead follower
 * does not delay the others; a stopped follower shows as unhealthy within about ten seconds.
 */
public final class HealthMonitor implements AutoCloseable {
    static final int INTERVAL_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    private final SourceStore store;
    private final FollowerPools pools;
    private final Map<Long, FollowerHealth> health = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("health"));
    private final ExecutorService checks = Executors.newCachedThreadPool(daemon("health-check"));

    HealthMonitor(SourceStore store, FollowerPools pools) {
        this.store = store;
        this.pools = pools;
    }

    void start() {
        ticker.scheduleWithFixedDelay(this::tick, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    public FollowerHealth of(Source.Follower follower) {
        return health.getOrDefault(follower.id(), FollowerHealth.unknown());
    }

    void record(Source.Follower follower, FollowerHealth result) {
        health.put(follower.id(), result);
    }

    /** Checks one source now (after registration, so it never shows as "not checked yet"). */
    void checkNow(Source source) {
        OptionalLong primary = source.primary().map(Lag::primaryPosition).orElse(OptionalLong.empty());
        CompletableFuture.allOf(source.followers().stream()
                .map(f -> CompletableFuture.runAsync(() -> record(f, Lag.measure(f.url(), primary, of(f))), checks))
                .toArray(CompletableFuture[]::new)).join();
    }

    private void tick() {
        try {
            List<Source> sources = store.list();
            pools.reconcile(sources);
            health.keySet().retainAll(sources.stream().flatMap(s -> s.followers().stream()).map(Source.Follower::id).toList());
            CompletableFuture.allOf(sources.stream().map(s -> CompletableFuture.runAsync(() -> checkNow(s), checks))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            LOG.warn("follower health check failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        checks.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
