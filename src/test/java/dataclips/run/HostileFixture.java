package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestClips;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The app the hostile suites attack, with what they compare before and after each attack: a canary of the
 * primary (catalog sizes, a canary table, large objects, a sequence), the follower's advisory locks, and a
 * probe clip that reads its own session's state. Clips run on the source "hostile": the sample database as
 * dataclips_reader, with a 3 s statement timeout so resource abuse ends fast. Results shaped to exhaust memory
 * run on "hostile-sizes", the same database with a timeout far beyond the seconds a slow or busy machine needs
 * to build them: a refusal for size must never depend on which limit wins a race. Each hostile class registers it
 * as {@code @RegisterExtension static final HostileFixture fx = new HostileFixture();}: the app starts and the
 * canary, sources and probe are made before the class's first test, and the app closes after its last.
 */
final class HostileFixture extends AppFixture {
    static final String SOURCE = "hostile";
    static final int TIMEOUT_SECONDS = 3;
    static final String SIZES_SOURCE = "hostile-sizes";
    static final int SIZES_TIMEOUT_SECONDS = 300;
    static final int MAX_ROWS = 50_000;
    /** What a clean session shows from inside a run on the hostile source. */
    static final List<String> CLEAN = List.of("\"$user\", public", "4MB", TIMEOUT_SECONDS + "s", "on", "UTC",
            "dataclips_reader", "0", "0", "0", "0", "0");
    private static final String PROBE = """
            select pg_backend_pid() as pid, current_setting('search_path') as search_path, current_setting('work_mem') as wm,
                   current_setting('statement_timeout') as st, current_setting('transaction_read_only') as ro,
                   current_setting('TimeZone') as tz, current_user as who,
                   (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()) as locks,
                   (select count(*) from pg_prepared_statements) as prepared,
                   (select count(*) from pg_listening_channels()) as listening,
                   (select count(*) from pg_cursors where is_holdable) as held,
                   (select count(*) from pg_class where relpersistence = 't') as temps""";
    private static final String CANARY = """
            select (select count(*) from pg_class) || ' relations, ' || (select count(*) from pg_proc) || ' functions, '
                || (select count(*) from pg_roles) || ' roles, ' || (select count(*) from pg_largeobject_metadata) || ' large objects, '
                || (select count(*) from salaries) || ' salaries, ' || (select count(*) from departments) || ' departments, '
                || (select string_agg(id || '=' || v, ',' order by id) from hostile_canary) || ', seq '
                || (select last_value || ':' || is_called from hostile_seq)""";
    private String probe;

    HostileFixture() {
        this(Map.of());
    }

    HostileFixture(Map<String, String> settings) {
        super(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        super.beforeAll(context);
        TestDatabase.onPrimary("employees", "create sequence if not exists hostile_seq",
                "grant usage on sequence hostile_seq to public",
                "create table if not exists hostile_canary (id int primary key, v text)",
                "insert into hostile_canary values (1, 'one'), (2, 'two'), (3, 'three') on conflict do nothing");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 from hostile_canary having count(*) = 3");
        TestDatabase.setConfigFunction();
        register(SOURCE, TIMEOUT_SECONDS);
        register(SIZES_SOURCE, SIZES_TIMEOUT_SECONDS);
        probe = slug("probe", PROBE);
    }

    /** The probe clip's slug: it reads its own session's state. */
    String probe() {
        return probe;
    }

    /** The sample database as dataclips_reader under this name, with this statement timeout (once per test run). */
    private void register(String name, int timeoutSeconds) {
        if (http().get("/api/v1/sources/" + name, Http.bearer(admin())).status() == 404) {
            Http.Response r = http().postJson("/api/v1/sources", Map.of("name", name,
                    "followers", List.of(TestCluster.get().readerUrl(TestCluster.get().follower()))), Http.bearer(admin()));
            assertEquals(201, r.status(), r.body());
            // the sample database revokes the signalling functions and grants SELECT on its schema only: its one warning
            // is what the follower's hot_standby_feedback costs the primary (README, "Followers and long clips")
            assertEquals(1, r.json().get("warnings").size(), r.body());
            assertTrue(r.json().get("warnings").get(0).asText().contains("hot_standby_feedback is on"), r.body());
            metadata("update sources set statement_timeout_seconds = " + timeoutSeconds + " where name = '" + name + "'");
        }
    }

    static void metadata(String sql) {
        TestDatabase.onPrimary(EmbeddedCluster.METADATA_DATABASE, sql);
    }

    /** A clip on {@link #SOURCE}, the hostile one (not the sample source {@link AppFixture#slug} uses). */
    @Override
    public String slug(String title, String sql) {
        return slugOn(SOURCE, title, sql);
    }

    /** A clip on {@link #SIZES_SOURCE}: its run ends by the size limit or by completing, never by the timeout. */
    String sizeSlug(String title, String sql) {
        return slugOn(SIZES_SOURCE, title, sql);
    }

    String slugOn(String source, String title, String sql) {
        Http.Response r = http().postJson("/api/v1/clips", Map.of("title", title, "source", source, "sql", sql),
                Http.bearer(admin()));
        assertEquals(201, r.status(), r.body());
        return r.json().get("slug").asText();
    }

    /** A clip whose stored SQL skipped the save checks, as one saved by an older, laxer version would. */
    String forced(String sql) {
        String slug = slug("hostile", "select 1");
        TestDatabase.forceClipSql(slug, sql);
        return slug;
    }

    static String canary() {
        return TestDatabase.scalar(TestCluster.get().primary(), "employees", CANARY);
    }

    /** Advisory locks held on the follower by any session of the clip role, idle ones in the pool included. */
    static String readerAdvisoryLocks() {
        return TestDatabase.scalar(TestCluster.get().follower(), "employees", "select count(*) from pg_locks l "
                + "join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and a.usename = 'dataclips_reader'");
    }

    /** The probe's row without its pid, asserted clean; answers the pid it ran on. */
    String probeClean() {
        TestClips.Table run = TestClips.run(http(), probe);
        assertEquals("ok", run.state(), run.text());
        List<String> row = run.rows().get(0);
        assertEquals(CLEAN, row.subList(1, row.size()), "session state leaked into the next run");
        return row.get(0);
    }

    /** Probes until the probe lands on the given backend (every run on the way must be clean too). */
    void probeCleanOn(String pid) {
        for (int i = 0; i < 25; i++) {
            if (probeClean().equals(pid)) {
                return;
            }
        }
        throw new AssertionError("the probe never reused backend " + pid + ", so the leak check proved nothing");
    }

    /** The follower's backend running the clip's pg_sleep, once it shows in pg_stat_activity (up to 5 s). */
    static String awaitBackendOf(String slug) {
        for (int i = 0; i < 100; i++) {
            String pid = TestDatabase.scalar(TestCluster.get().follower(), "employees", "select pid from pg_stat_activity "
                    + "where state = 'active' and pid <> pg_backend_pid() and query like '%" + TestClips.runTag(slug)
                    + "%pg_sleep%'");
            if (pid != null) {
                return pid;
            }
            TestDatabase.sleep(50);
        }
        throw new AssertionError("the long clip never showed up in pg_stat_activity");
    }

    /**
     * The clip role's URL for a database made the ordinary way, without the sample's revokes: PUBLIC may execute the
     * signalling functions and read pg_stat_activity there (created once per test run).
     */
    static String unrevokedUrl() {
        if (TestDatabase.scalar(TestCluster.get().primary(), "postgres",
                "select count(*) from pg_database where datname = 'hostile_unrevoked'").equals("0")) {
            TestDatabase.onPrimary("postgres", "create database hostile_unrevoked");
        }
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "hostile_unrevoked", "select 1");
        return TestCluster.get().readerUrl(TestCluster.get().follower()).replace("/employees", "/hostile_unrevoked");
    }

    void assertAlive() {
        assertEquals(200, http().get("/health").status(), "/health");
    }

    static long heapUsedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            TestDatabase.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
