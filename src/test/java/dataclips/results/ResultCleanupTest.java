package dataclips.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Settings;
import dataclips.TestCluster;
import dataclips.embedded.EmbeddedCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The result store's bookkeeping. Retention removes live results outside "the newest N per clip or younger
 * than D days" and nothing else (never a snapshot, never another clip's, never one being written); the sweep
 * removes results being written by an instance that holds no lease, and keeps those of a live one; a shared
 * run is claimed only while nothing fresh exists and no other shared run is being written.
 */
class ResultCleanupTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();
    private static Connection db;
    private static InstanceLease lease;
    private static Results results;

    @BeforeAll
    static void start() throws SQLException {
        db = connection();
        lease = new InstanceLease(ResultCleanupTest::connection);
        results = new Results(DSL.using(db, SQLDialect.POSTGRES), lease, Settings.DEFAULT_MAX_PARAMETER_SETS);
    }

    @AfterAll
    static void stop() throws SQLException {
        lease.close();
        db.close();
    }

    @Test
    void retentionKeepsTheNewestPerClipAndEverythingYoungAndEverySnapshot() throws SQLException {
        String admin = app.adminToken();
        long a = clipId(app.slug(admin, "retained a", "select 1"));
        long b = clipId(app.slug(admin, "retained b", "select 2"));
        List<Long> live = new ArrayList<>(); // index i: started i days and an hour ago
        for (int day = 0; day < 14; day++) {
            live.add(insert(a, "live", "complete", day, null));
        }
        long oldSnapshot = insert(a, "snapshot", "complete", 400, null);
        long oldScheduled = insert(a, "scheduled", "complete", 400, null);
        long oldWriting = insert(a, "live", "writing", 30, lease.number());
        List<Long> otherClip = List.of(insert(b, "live", "complete", 100, null), insert(b, "live", "complete", 101, null));

        assertEquals(4, results.applyRetention(10, 7), "the 11th to 14th newest, all older than 7 days");
        assertEquals(live.subList(0, 10), existing(live));
        assertEquals(List.of(oldSnapshot, oldScheduled, oldWriting), existing(List.of(oldSnapshot, oldScheduled, oldWriting)));
        assertEquals(otherClip, existing(otherClip), "another clip's newest are its own");

        assertEquals(3, results.applyRetention(2, 7), "days 7 to 9; days 0 to 6 are young enough whatever their rank");
        assertEquals(live.subList(0, 7), existing(live));
        assertEquals(0, results.applyRetention(2, 7), "nothing more to remove");
        assertEquals(List.of(oldSnapshot, oldScheduled, oldWriting), existing(List.of(oldSnapshot, oldScheduled, oldWriting)));
    }

    @Test
    void theSweepRemovesWhatDeadInstancesWereWritingAndKeepsTheLiving() throws Exception {
        awaitRestartGraceOver();
        long clip = clipId(app.slug(app.adminToken(), "swept", "select 1"));
        long mine = insert(clip, "live", "writing", 0, lease.number());
        long dead = insert(clip, "live", "writing", 0, 2_000_000_000L);
        long unknown = insert(clip, "live", "writing", 0, null);
        long complete = insert(clip, "live", "complete", 0, 2_000_000_000L);
        execute("insert into result_chunks (result_id, seq, data, sha256) values (" + dead + ", 0, '\\x00', '\\x00')");
        results.sweepLeftovers();
        assertEquals(List.of(mine, complete), existing(List.of(mine, dead, unknown, complete)));
        assertEquals(0, count("select count(*) from result_chunks where result_id = " + dead), "its chunks went with it");
    }

    @Test
    void aSharedRunIsClaimedOnlyWhileNothingFreshExists() throws SQLException {
        long clip = clipId(app.slug(app.adminToken(), "claimed", "select 1"));
        ResultStore store = new ResultStore(DSL.using(db, SQLDialect.POSTGRES));
        ResultRecorder.Origin origin = new ResultRecorder.Origin(clip, 1, "", new java.util.TreeMap<>(), "test", ResultKind.LIVE, null);
        insert(clip, "live", "complete", 0, null); // an hour old
        long claimed = store.createUnlessFresh(origin, "t", lease.number(), 60).orElseThrow();
        assertEquals(Optional.empty(), store.createUnlessFresh(origin, "t", lease.number(), 60),
                "while one shared run is written, no second one");
        execute("update results set state = 'complete', checksum = 'x', row_count = 0, chunk_count = 0, byte_size = 0, "
                + "truncated = false where id = " + claimed);
        // A request that found nothing fresh just before this completion must not start a run now.
        assertEquals(Optional.empty(), store.createUnlessFresh(origin, "t", lease.number(), 60),
                "a result completed a moment ago is fresh");
        assertTrue(store.createUnlessFresh(origin, "t", lease.number(), 3600 * 2).isEmpty(), "the hour-old one too at 2 h");
        execute("update results set started_at = started_at - interval '2 minutes' where id = " + claimed);
        assertTrue(store.createUnlessFresh(origin, "t", lease.number(), 60).isPresent(), "stale again after its max age");
    }

    /**
     * The race bench/load found: a claim whose snapshot still saw the run "writing" waits on the one-flight
     * index for the completion to commit, then must not start a second run right after it.
     */
    @Test
    void aClaimThatWaitedForACompletionDoesNotStartASecondRun() throws Exception {
        long clip = clipId(app.slug(app.adminToken(), "raced", "select 1"));
        ResultRecorder.Origin origin = new ResultRecorder.Origin(clip, 1, "", new java.util.TreeMap<>(), "test", ResultKind.LIVE, null);
        try (Connection claimer = connection(); Connection completer = connection()) {
            ResultStore store = new ResultStore(DSL.using(claimer, SQLDialect.POSTGRES));
            long running = store.createUnlessFresh(origin, "t", lease.number(), 60).orElseThrow();
            completer.setAutoCommit(false);
            try (PreparedStatement s = completer.prepareStatement("update results set state = 'complete', checksum = 'x', "
                    + "row_count = 0, chunk_count = 0, byte_size = 0, truncated = false where id = " + running)) {
                s.execute();
            }
            int claimerPid = backendPid(claimer);
            CompletableFuture<Optional<Long>> claim = CompletableFuture.supplyAsync(
                    () -> store.createUnlessFresh(origin, "t", lease.number(), 60));
            awaitWaitingOnLock(claimerPid);
            assertFalse(claim.isDone(), "the claim waits on the one-flight index for the completing transaction");
            completer.commit();
            assertEquals(Optional.empty(), claim.get(10, TimeUnit.SECONDS), "the run that just completed is fresh");
        }
        assertEquals(1, count("select count(*) from results where clip_id = " + clip), "no second result row left");
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (var s = connection.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Until PostgreSQL shows that session waiting for a lock (another transaction's row or index entry). */
    private static void awaitWaitingOnLock(int pid) throws Exception {
        String seen = null;
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(20)) {
            try (PreparedStatement s = db.prepareStatement("select coalesce(wait_event_type, 'no wait') || ' ' "
                    + "|| coalesce(wait_event, '') || ' ' || state from pg_stat_activity where pid = " + pid);
                 ResultSet rs = s.executeQuery()) {
                seen = rs.next() ? rs.getString(1) : "gone";
            }
            if (seen.startsWith("Lock ")) {
                return;
            }
        }
        throw new AssertionError("the claim never waited on a lock; its session: " + seen);
    }

    private static long insert(long clipId, String kind, String state, int daysAgo, Long instance) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("insert into results (clip_id, clip_version, state, kind, title, "
                + "columns, made_by, started_at, writer_instance, checksum, row_count, chunk_count, byte_size, truncated) "
                + "values (?, 1, ?, ?, 't', '[]', 'test', current_timestamp - make_interval(days => ?, hours => 1), ?, "
                + "'x', 0, 0, 10, false) returning id")) {
            s.setLong(1, clipId);
            s.setString(2, state);
            s.setString(3, kind);
            s.setInt(4, daysAgo);
            s.setObject(5, instance);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Just after the metadata database started, every writer counts as alive (run alone, this test is first). */
    private static void awaitRestartGraceOver() throws Exception {
        long upMillis = count("select (extract(epoch from statement_timestamp() - pg_postmaster_start_time()) * 1000)::bigint");
        Thread.sleep(Math.max(0, (InstanceLease.RESTART_GRACE_SECONDS + 1) * 1000L - upMillis));
    }

    private static List<Long> existing(List<Long> ids) throws SQLException {
        List<Long> found = new ArrayList<>();
        for (long id : ids) {
            if (count("select count(*) from results where id = " + id) == 1) {
                found.add(id);
            }
        }
        return found;
    }

    private static long clipId(String slug) throws SQLException {
        return count("select id from clips where slug = '" + slug + "'");
    }

    private static long count(String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.execute();
        }
    }

    private static Connection connection() throws SQLException {
        return TestCluster.get().superuserConnection(EmbeddedCluster.METADATA_DATABASE);
    }
}
