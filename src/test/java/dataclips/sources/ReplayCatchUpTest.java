package dataclips.sources;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.PgNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replay that has not reached what the follower received: "behind" while replay is held (paused, as a
 * conflict would hold it), "only replaying" once it goes on within the check's few tens of milliseconds.
 */
class ReplayCatchUpTest {
    private static PgNode follower;

    @BeforeAll
    static void start() {
        follower = TestCluster.get().addFollower("catch-up");
        TestDatabase.awaitCaughtUp(follower);
    }

    @AfterAll
    static void stop() {
        follower.stop();
    }

    @Test
    void behindWhileReplayIsHeldAndNotOnceItGoesOn() throws Exception {
        FollowerPair.superuser(follower, "select pg_wal_replay_pause()");
        try (Connection c = follower.superuserConnection("postgres");
             Connection resumer = follower.superuserConnection("postgres")) { // opened now: the check allows ~100 ms
            awaitPaused();
            TestDatabase.onPrimary("postgres", "insert into catch_up values (1)");
            String primary = TestDatabase.primaryFlushedPosition();
            TestDatabase.awaitOnFollower(follower, "select 1 where pg_last_wal_receive_lsn() >= '" + primary + "'::pg_lsn");
            String received = TestDatabase.scalar(follower, "postgres", "select pg_last_wal_receive_lsn()::text");

            assertFalse(ReplayCatchUp.reaches(c, received), "received but paused: behind");
            assertFalse(ReplayCatchUp.reaches(c, null), "nothing received: never taken for caught up");

            CompletableFuture<Void> resume = CompletableFuture.runAsync(() -> {
                try (Statement s = resumer.createStatement()) {
                    s.execute("select pg_wal_replay_resume()");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
            assertTrue(ReplayCatchUp.reaches(c, received), "replay resumed within the check: only replaying");
            resume.join();
        } finally {
            FollowerPair.superuser(follower, "select pg_wal_replay_resume()");
            TestDatabase.onPrimary("postgres", "drop table if exists catch_up");
        }
    }

    /** A pause request holds replay only at the next record it meets: write until it has (PostgreSQL's docs). */
    private static void awaitPaused() {
        for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; ) {
            TestDatabase.onPrimary("postgres", "drop table if exists catch_up", "create table catch_up (x int)");
            if ("paused".equals(TestDatabase.scalar(follower, "postgres", "select pg_get_wal_replay_pause_state()"))) {
                return;
            }
            TestDatabase.sleep(50);
        }
        throw new AssertionError("replay did not pause within 10 s");
    }
}
