package dataclips.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dataclips.TestApp;
import dataclips.TestClips;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import dataclips.embedded.PgNode;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The metadata database restarts: every instance's lease (a session advisory lock) is gone at once. The lease
 * is taken again within seconds, and until every instance had the time to, no sweep takes a result in progress
 * for a dead instance's leftover; a real leftover still goes once that grace has passed.
 */
class LeaseAfterRestartTest {
    private static final long DEAD_INSTANCE = 2_000_000_001L;

    @Test
    void theLeaseIsTakenAgainAndNoSweepDeletesAResultWhoseWriterIsComingBack() throws Exception {
        PgNode primary = TestCluster.get().primary();
        try (TestApp app = TestApp.start(); HikariDataSource pool = pool();
             InstanceLease lease = new InstanceLease(LeaseAfterRestartTest::connection)) {
            ResultCleanup sweeper = new ResultCleanup(DSL.using(pool, SQLDialect.POSTGRES)); // "another instance"
            long clip = clip(TestClips.slug(app, app.adminToken(), "lease", "select 1"));
            assertTrue(lease.held());

            primary.stop();
            primary.start();
            long up = System.nanoTime();
            long mine = writing(clip, lease.number());
            long dead = writing(clip, DEAD_INSTANCE);
            sweeper.sweepLeftovers();
            assertTrue(exists(mine) && exists(dead), "right after the restart no writer counts as dead yet");

            long deadline = System.currentTimeMillis() + 5_000;
            while (!locked(lease.number()) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            double back = (System.nanoTime() - up) / 1e9;
            assertTrue(locked(lease.number()), "the lease is taken again on its own");
            System.out.printf("LEASE taken again %.2f s after the metadata database was up%n", back);

            Thread.sleep(InstanceLease.RESTART_GRACE_SECONDS * 1000L + 500 - (System.nanoTime() - up) / 1_000_000);
            sweeper.sweepLeftovers();
            assertTrue(exists(mine), "the writer holds its lease again: its result in progress stays");
            assertTrue(!exists(dead), "a dead instance's leftover goes once the grace has passed");

            lease.close();
            // The lock goes when the lease's backend has exited, a moment after the connection closed: wait for it
            // (asserting at once raced that exit, and failed on a busy machine).
            for (long until = System.currentTimeMillis() + 10_000; locked(lease.number()) && System.currentTimeMillis() < until; ) {
                Thread.sleep(20);
            }
            sweeper.sweepLeftovers();
            assertTrue(!exists(mine), "and so does this one once its instance has stopped");
        }
    }

    private static long clip(String slug) {
        return Long.parseLong(TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE,
                "select id from clips where slug = '" + slug + "'"));
    }

    private static long writing(long clip, long instance) {
        return Long.parseLong(TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE,
                "insert into results (clip_id, clip_version, title, columns, made_by, writer_instance) values (" + clip
                        + ", 1, 't', '[]', 'test', " + instance + ") returning id"));
    }

    private static boolean exists(long id) {
        return "1".equals(TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE,
                "select count(*) from results where id = " + id));
    }

    private static boolean locked(long instance) {
        return "1".equals(TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE,
                "select count(*) from pg_locks where locktype = 'advisory' and classid = " + InstanceLease.LOCK_SPACE
                        + " and objid = " + instance + " and objsubid = 2 and granted"));
    }

    private static HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestCluster.get().metadataJdbcUrl());
        config.setUsername(TestCluster.get().metadataUser());
        config.setPassword(TestCluster.get().metadataPassword());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static Connection connection() throws SQLException {
        return TestCluster.get().superuserConnection(EmbeddedCluster.METADATA_DATABASE);
    }
}
