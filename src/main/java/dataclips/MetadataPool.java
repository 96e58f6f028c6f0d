package dataclips;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dataclips.sources.PostgresUrl;

/** The app's connections to its metadata database: one pool, failing fast at start with a message saying what to check. */
final class MetadataPool {
    private MetadataPool() {}

    static HikariDataSource open(PostgresUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("metadata");
        config.setJdbcUrl(url.jdbcUrl());
        config.setDataSourceProperties(url.properties());
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        // Fail fast at start with a clear message rather than serving with no metadata store.
        config.setInitializationFailTimeout(15_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StartupException("cannot reach the metadata database at " + url.display() + ": "
                    + App.rootMessage(e) + ". Check DATABASE_URL.", e);
        }
    }
}
