package dataclips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.embedded.PgNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A follower of the shared primary that cancels a query at once to replay the primary's changes
 * ({@code max_standby_streaming_delay = 0}, {@code hot_standby_feedback = off}), registered as its own source, and
 * recovery conflicts made on purpose. Registered after the class's {@link AppFixture}:
 * {@code @RegisterExtension @Order(2) static final ConflictingFollower follower = new ConflictingFollower(app, "name");}
 * <p>A conflict, without timing luck: the test waits until an attempt of the clip sleeps on this follower (its snapshot
 * taken; pg_stat_activity as a superuser), deletes a row on the primary, and runs VACUUM on the table until that attempt
 * is gone. VACUUM removes the row once no snapshot on the primary side needs it: the shared follower, whose
 * hot_standby_feedback holds the primary's horizon, is asked to report its horizon at once (a reload) instead of
 * within its 10 s status interval. Replaying that removal cancels the attempt here.
 */
public final class ConflictingFollower implements BeforeAllCallback, AfterAllCallback {
    /** What every surface says once a clip's three attempts were all cancelled (issue 34's words). */
    public static final String EXPLAINED = "The follower cancelled this query to replay changes from the primary (a "
            + "recovery conflict), 3 times. Ask the database's admin to raise max_standby_streaming_delay on the "
            + "follower, or turn on hot_standby_feedback (which lets long clips delay cleanup on the primary).";
    public static final Map<String, String> SETTINGS = Map.of("max_standby_streaming_delay", "0",
            "hot_standby_feedback", "off");
    private static final long CONFLICT_WITHIN_MS = 60_000;
    private final AppFixture app;
    private final String name;
    private final String table;
    private final List<String> slugs = new ArrayList<>();
    private PgNode node;
    private JsonNode registered;

    /** name: the follower's and the source's; its tables are name_pause and name_retry on the sample database. */
    public ConflictingFollower(AppFixture app, String name) {
        this.app = app;
        this.name = name;
        this.table = name.replace('-', '_');
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.onPrimary("employees",
                "drop table if exists " + table + "_pause, " + table + "_retry",
                "create table " + table + "_pause (id int primary key, label text) with (autovacuum_enabled = off)",
                "insert into " + table + "_pause select 0, 'pause' union all select g, 'victim' from generate_series(1, 500) g",
                "create table " + table + "_retry (id int primary key, label text) with (autovacuum_enabled = off)",
                "insert into " + table + "_retry values (1, 'pause'), (2, 'two'), (3, 'three')");
        node = TestCluster.addFollower(name, SETTINGS);
        TestDatabase.awaitOnFollower(node, "employees", "select 1 from " + table + "_retry where id = 3");
        Http.Response r = app.http().postJson("/api/v1/sources", Map.of("name", name,
                "followers", List.of(TestDatabase.readerUrl(node))), Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        registered = r.json();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            slugs.forEach(slug -> assertEquals(204, app.http().delete("/api/v1/clips/" + slug, Http.bearer(app.admin())).status()));
            assertEquals(204, app.http().delete("/api/v1/sources/" + name, Http.bearer(app.admin())).status());
        } finally {
            node.stop();
        }
    }

    public PgNode node() {
        return node;
    }

    /** The answer of the source's registration (POST /api/v1/sources): its view and "warnings". */
    public JsonNode registered() {
        return registered;
    }

    /** Rows 2 and 3 once row 1 is gone; while row 1 is there it first sleeps (up to 2 min), before any row. */
    public String retriedSql() {
        return "select id, label from " + table + "_retry\n"
                + "where (select count(*) from (select pg_sleep(120) from " + table + "_retry where id = 1) pause) >= 0\n"
                + "order by id";
    }

    /** Sleeps (up to 2 min) before its first row, every time it runs: the pause row is never deleted. */
    public String pausedSql() {
        return "select id, label from " + table + "_pause\n"
                + "where (select count(*) from (select pg_sleep(120) from " + table + "_pause where id = 0) pause) >= 0\n"
                + "order by id";
    }

    /** 200,000 bytes of rows (1 to 5,000) first, then a sleep (up to 2 min) before row 5,001 of 10,000. */
    public String pausedMidwaySql() {
        return "select g, md5(g::text) as hash from generate_series(1, 10000) g\n"
                + "where g <= 5000 or (select count(*) from (select pg_sleep(120) from " + table + "_pause where id = 0) pause) >= 0";
    }

    /** A clip on this follower's source that runs on every request (max age 0); deleted after the class. */
    public String clip(String title, String sql) {
        Http.Response r = app.http().postJson("/api/v1/clips", Map.of("title", title, "source", name, "sql", sql),
                Http.bearer(app.admin()));
        assertEquals(201, r.status(), r.body());
        String slug = r.json().get("slug").asText();
        slugs.add(slug);
        assertEquals(200, app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0),
                Http.bearer(app.admin())).status());
        return slug;
    }

    /** One attempt of a clip's run on this follower: its backend and when its query started. */
    public record Running(String pid, String queryStart) {}

    /** Cancels each of the clip's next attempts on this follower, as they come, by a conflict: what runs out of attempts. */
    public void conflictEveryAttempt(String slug, int attempts) {
        Set<Running> seen = new HashSet<>();
        for (int i = 0; i < attempts; i++) {
            Running running = awaitSleeping(slug, seen);
            seen.add(running);
            conflict(running, table + "_pause", "delete from " + table + "_pause where id = (select min(id) from "
                    + table + "_pause where id > 0)");
        }
    }

    /** Waits until an attempt of the clip not seen before sleeps on this follower, and answers it. */
    public Running awaitSleeping(String slug, Set<Running> seen) {
        String tag = TestClips.runTag(slug);
        long deadline = System.currentTimeMillis() + CONFLICT_WITHIN_MS;
        while (System.currentTimeMillis() < deadline) {
            String found = TestDatabase.scalar(node, "postgres", "select string_agg(pid || ' ' || query_start, ',') "
                    + "from pg_stat_activity where datname = 'employees' and state = 'active' and wait_event = 'PgSleep' "
                    + "and position('" + tag + "' in query) > 0");
            if (found != null) {
                for (String one : found.split(",")) {
                    String[] parts = one.split(" ", 2);
                    Running running = new Running(parts[0], parts[1]);
                    if (!seen.contains(running)) {
                        return running;
                    }
                }
            }
            TestDatabase.sleep(50);
        }
        throw new AssertionError("no new attempt of " + slug + " slept on the follower " + name + " within 60 s");
    }

    /** Deletes on the primary (deleteSql), then vacuums the table until replaying it has cancelled the attempt. */
    public void conflict(Running running, String vacuumed, String deleteSql) {
        TestDatabase.onPrimary("employees", deleteSql);
        TestDatabase.awaitCaughtUp(TestCluster.get().follower());
        TestDatabase.scalar(TestCluster.get().follower(), "postgres", "select pg_reload_conf()");
        long deadline = System.currentTimeMillis() + CONFLICT_WITHIN_MS;
        while (stillRunning(running)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("VACUUM of " + vacuumed + " did not cancel " + running + " within 60 s");
            }
            TestDatabase.onPrimary("employees", "vacuum (truncate false) " + vacuumed);
            TestDatabase.sleep(100);
        }
    }

    private boolean stillRunning(Running running) {
        return TestDatabase.scalar(node, "postgres", "select 1 from pg_stat_activity where state = 'active' and pid = "
                + running.pid() + " and query_start = '" + running.queryStart() + "'") != null;
    }

    /** The follower as GET /api/v1/sources/{name} shows it. */
    public JsonNode view() {
        Http.Response r = app.http().get("/api/v1/sources/" + name, Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }
}
