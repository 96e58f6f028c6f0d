package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestApp;
import dataclips.TestClips;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.sources.PostgresUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile SQL through the real app on the embedded pair: each statement must fail (refused before it is
 * sent, or by the follower) and leave the primary, the server's files and the next clip's session untouched.
 */
class RunSafetyTest {
    private static TestApp app;
    private static String admin;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        admin = app.adminToken();
        TestDatabase.onPrimary("employees", "create sequence if not exists hostile_seq", "grant usage on sequence hostile_seq to public");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 from pg_class where relname = 'hostile_seq'");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void writesInDisguiseFailOnTheFollowerAndChangeNothing() {
        String salaries = primary("select count(*) from salaries");
        String sequence = primary("select last_value || '/' || is_called from hostile_seq");
        Map<String, String> attempts = Map.of(
                "with d as (delete from salaries returning *) select count(*) from d", "read-only transaction",
                "select * from employees for update", "read-only transaction",
                "select nextval('hostile_seq')", "read-only transaction",
                "select * into temp hostile_tmp from departments", "read-only transaction",
                "select pg_read_file('/etc/passwd')", "permission denied",
                "select set_config('role', 'postgres', false)", "permission denied",
                "select set_config('transaction_read_only', 'off', false), pg_advisory_lock(1)", "read-write mode");
        attempts.forEach((sql, expected) -> {
            TestClips.Table run = TestClips.run(app.http(), TestClips.slug(app, admin, "hostile", sql));
            assertEquals(200, run.status(), sql);
            assertEquals("error", run.state(), sql + " => " + run.text());
            assertTrue(run.html().selectFirst(".db-message").text().contains(expected), sql + " => " + run.text());
        });
        assertEquals(salaries, primary("select count(*) from salaries"));
        assertEquals(sequence, primary("select last_value || '/' || is_called from hostile_seq"));
        assertEquals("0", primary("select count(*) from pg_class where relname = 'hostile_tmp'"));
    }

    @Test
    void statementsThatAreNotQueriesAreRefusedAtSaveAndAgainAtRun() throws Exception {
        Path marker = Path.of("/tmp/dataclips-hostile-" + ProcessHandle.current().pid());
        List<String> refused = List.of("copy (select 1) to program 'touch " + marker + "'", "set role postgres",
                "create temp table t (x int)", "listen hostile", "prepare p as select 1", "declare c cursor with hold for select 1",
                "do $$ begin perform 1; end $$", "commit", "reset all", "select 1; delete from salaries");
        String slug = TestClips.slug(app, admin, "laxer times", "select 1");
        for (String sql : refused) {
            Http.Response save = app.http().postJson("/api/v1/clips", Map.of("title", "x", "source", "employees", "sql", sql),
                    Http.bearer(admin));
            assertEquals(422, save.status(), sql);
            TestDatabase.forceClipSql(slug, sql);
            TestClips.Table run = TestClips.run(app.http(), slug);
            assertEquals(422, run.status(), sql + " => " + run.text());
            assertFalse(run.text().isBlank());
        }
        assertFalse(Files.exists(marker), "COPY TO PROGRAM ran");
    }

    /**
     * pgjdbc splits "select 1; select pg_terminate_backend(n)" and runs both (shown first, as the same role);
     * through the app the second statement never reaches the follower, so the bystander lives.
     */
    @Test
    void aSecondStatementNeverRuns() throws Exception {
        try (Connection victim = readerConnection(); Connection attacker = readerConnection()) {
            String sql = "select 1; select pg_terminate_backend(" + pid(victim) + ")";
            try (Statement s = attacker.createStatement()) {
                s.execute(sql);
            }
            TestDatabase.sleep(300);
            assertFalse(alive(victim), "control: plain pgjdbc runs both statements");
        }
        try (Connection bystander = readerConnection()) {
            String slug = TestClips.slug(app, admin, "two statements", "select 1");
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
        String dirty = TestClips.slug(app, admin, "dirty", "select pg_backend_pid() as pid, pg_advisory_lock(4242) as locked, "
                + "set_config('work_mem', '1234kB', false) as wm, pg_try_advisory_lock(4343) as second");
        String probe = TestClips.slug(app, admin, "probe", "select pg_backend_pid() as pid, current_setting('work_mem') as wm, "
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

    @Test
    void theSqlIsTaggedWithClipAndRunForTheDba() {
        String slug = TestClips.slug(app, admin, "tagged", "select query from pg_stat_activity where pid = pg_backend_pid()");
        String query = TestClips.run(app.http(), slug).rows().get(0).get(0);
        assertTrue(query.matches("(?s)/\\* dataclips clip:" + slug + " run:\\d+ \\*/\nselect query from pg_stat_activity.*"), query);
    }

    private static String primary(String sql) {
        return TestDatabase.scalar(TestCluster.get().primary(), "employees", sql);
    }

    private static Connection readerConnection() throws SQLException {
        PostgresUrl url = PostgresUrl.parse(TestCluster.get().readerUrl(TestCluster.get().follower()));
        return DriverManager.getConnection(url.jdbcUrl(), url.properties());
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
