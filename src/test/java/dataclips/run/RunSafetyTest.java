package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.TestClips;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The safety path's own checks on the embedded pair: a second statement never runs, session state is wiped,
 * runs are tagged. The hostile statements themselves, one by one, are in {@link HostileSqlTest}.
 */
class RunSafetyTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    /**
     * pgjdbc splits "select 1; select pg_terminate_backend(n)" and runs both (shown first, as the same role);
     * through the app the second statement never reaches the follower, so the bystander lives. The sample
     * database revokes pg_terminate_backend from PUBLIC, so for this test alone the reader gets it back: the
     * statement split is what is tested here, not the revoke (HostileSignalsTest tests that).
     */
    @Test
    void aSecondStatementNeverRuns() throws Exception {
        String function = "function pg_terminate_backend(integer, bigint)";
        TestDatabase.onPrimary("employees", "grant execute on " + function + " to dataclips_reader");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 where has_function_privilege("
                + "'dataclips_reader', 'pg_terminate_backend(integer, bigint)', 'execute')");
        try {
            secondStatements();
        } finally {
            TestDatabase.onPrimary("employees", "revoke execute on " + function + " from dataclips_reader");
        }
    }

    private void secondStatements() throws Exception {
        try (Connection victim = TestDatabase.readerConnection(); Connection attacker = TestDatabase.readerConnection()) {
            String sql = "select 1; select pg_terminate_backend(" + pid(victim) + ")";
            try (Statement s = attacker.createStatement()) {
                s.execute(sql);
            }
            TestDatabase.sleep(300);
            assertFalse(alive(victim), "control: plain pgjdbc runs both statements");
        }
        try (Connection bystander = TestDatabase.readerConnection()) {
            String slug = app.slug("two statements", "select 1");
            TestDatabase.forceClipSql(slug, "select 1; select pg_terminate_backend(" + pid(bystander) + ")");
            TestClips.Table run = TestClips.run(app.http(), slug);
            assertEquals(422, run.status());
            assertTrue(run.text().contains("exactly one statement"), run.text());
            TestDatabase.sleep(300);
            assertTrue(alive(bystander), "the app sent the second statement");
        }
    }

    @Test
    void sessionStateOfOneClipIsGoneForTheNext() {
        TestDatabase.setConfigFunction(); // set_config itself is refused by name
        String dirty = app.slug("dirty", "select pg_backend_pid() as pid, pg_advisory_lock(4242) as locked, "
                + "hostile_set_config('work_mem', '1234kB', false) as wm, pg_try_advisory_lock(4343) as second");
        String probe = app.slug("probe", "select pg_backend_pid() as pid, current_setting('work_mem') as wm, "
                + "(select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()) as locks, "
                + "current_setting('TimeZone') as tz, current_setting('transaction_read_only') as ro");
        String dirtyPid = TestClips.run(app.http(), dirty).rows().get(0).get(0);
        boolean sameConnection = false;
        for (int i = 0; i < 10 && !sameConnection; i++) {
            List<String> row = TestClips.run(app.http(), probe).rows().get(0);
            assertEquals(List.of("4MB", "0", "UTC", "on"), row.subList(1, 5), "state leaked: " + row);
            sameConnection = row.get(0).equals(dirtyPid);
        }
        assertTrue(sameConnection, "the probe never reused the dirty clip's connection, so this test proved nothing");
        assertEquals("0", TestDatabase.scalar(TestCluster.get().follower(), "employees",
                "select count(*) from pg_locks where locktype = 'advisory'"));
    }

    /** The DBA sees which clip and run a query is (by id: the slug is the link's secret, HostileActivityTest). */
    @Test
    void theSqlIsTaggedWithClipAndRunForTheDba() throws Exception {
        String slug = app.slug("tagged", "select pg_sleep(1) as tagged");
        // a download reads the follower's COPY (issue 32): the tag, then COPY (the SQL) TO STDOUT
        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> app.http().get("/clips/" + slug + ".csv"));
        String query = null;
        for (int i = 0; i < 100 && query == null; i++, TestDatabase.sleep(20)) {
            query = TestDatabase.scalar(TestCluster.get().follower(), "employees", "select query from pg_stat_activity "
                    + "where query like '%" + TestClips.runTag(slug) + "%' and pid <> pg_backend_pid()");
        }
        assertTrue(query != null && query.matches("(?s)/\\* " + TestClips.runTag(slug) + "\\d+ \\*/\n(COPY \\()?select pg_sleep\\(1\\).*"),
                "tagged: " + query);
        assertEquals(200, run.get().status());
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean alive(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("select 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
