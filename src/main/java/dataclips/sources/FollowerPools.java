package dataclips.sources;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One small read-only HikariCP pool per follower. Pools open lazily (a follower that is down at start
 * does not stop the app) and follow the registered followers as they come and go.
 */
public final class FollowerPools implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 5;
    /**
     * The most bytes one fetch (up to 1000 rows, or one row) may bring into the heap: pgjdbc's maxResultBuffer,
     * checked per fetch against each row's announced size before the row is read, so a 100 MB value is
     * refused without being allocated. A tenth of the heap, within 8 to 256 MB: with the fetch being formatted
     * and the one read ahead, a run holds at most a few of these.
     */
    public static final long MAX_FETCH_BYTES = Math.max(8L << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 10));
    static final long CONNECTION_TIMEOUT_MS = 2_000;
    private final Map<Long, HikariDataSource> pools = new ConcurrentHashMap<>();

    public HikariDataSource pool(Source source, Source.Follower follower) {
        return pools.computeIfAbsent(follower.id(), id -> open(source, follower));
    }

    /** Opens pools for new followers and closes those of followers no longer registered. */
    void reconcile(Collection<Source> sources) {
        Set<Long> current = sources.stream().flatMap(s -> s.followers().stream()).map(Source.Follower::id)
                .collect(Collectors.toSet());
        pools.keySet().stream().filter(id -> !current.contains(id)).toList().forEach(this::close);
        sources.forEach(s -> s.followers().forEach(f -> pool(s, f)));
    }

    private HikariDataSource open(Source source, Source.Follower follower) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("follower-" + source.name() + "-" + follower.position());
        config.setJdbcUrl(follower.url().jdbcUrl());
        config.setDataSourceProperties(ConnectionCheck.properties(follower.url(), 6));
        config.getDataSourceProperties().setProperty("socketTimeout", "0"); // clips have their own statement timeout
        // Never server-prepare (nothing named survives on the server) and never fall back to the simple
        // protocol, whose one message may carry several statements.
        config.getDataSourceProperties().setProperty("prepareThreshold", "0");
        config.getDataSourceProperties().setProperty("preferQueryMode", "extended");
        config.getDataSourceProperties().setProperty("maxResultBuffer", Long.toString(MAX_FETCH_BYTES));
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        config.setAutoCommit(false);
        // Short: a stopped follower refuses connections at once, and the run should move to the next one
        // within seconds; a pool that is only busy gets further rounds (ClipRunner).
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private void close(long followerId) {
        HikariDataSource pool = pools.remove(followerId);
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public void close() {
        Set.copyOf(pools.keySet()).forEach(this::close);
    }
}
