package dataclips.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.RawHttp;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How many runs may go at once ({@link RunSlots}; README, "Security"): two per viewer (a user, or one client address
 * without an account) and three per database here. Beyond the viewer's own, a 429; beyond the database's, a 503; both
 * with Retry-After, before anything runs. One viewer's burst leaves room for someone else's short query.
 */
class RunCapsTest {
    static final String LONG = "select pg_sleep(30) as slept";
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_RUNS_PER_USER", "2", "DATACLIPS_RUNS_PER_SOURCE", "3"));
    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void leave() throws IOException {
        for (Socket socket : held) {
            socket.close(); // the client leaves: its run stops
        }
        awaitLongRuns(0);
    }

    @Test
    void aUsersThirdRunIsA429AndAnotherUsersShortQueryStillRuns() throws Exception {
        String busy = app.memberToken("busy@test.local");
        String slug = app.slug(busy, "long", LONG);
        hold("POST", "/api/v1/clips/" + slug + "/snapshots", busy);
        hold("POST", "/api/v1/clips/" + slug + "/refresh", busy);
        awaitLongRuns(2);
        Http.Response third = preview(busy, "select 1 as one");
        assertRefused(third, 429, "too_many_runs", "you have 2 runs going at once");
        Http.Response other = preview(app.admin(), "select 1 as one");
        assertEquals(200, other.status(), other.body());
    }

    @Test
    void aDatabasesFourthRunIsA503() throws Exception {
        String first = app.memberToken("first@test.local");
        String second = app.memberToken("second@test.local");
        String slug = app.slug(first, "long", LONG);
        hold("POST", "/api/v1/clips/" + slug + "/snapshots", first);
        hold("POST", "/api/v1/clips/" + slug + "/snapshots", first);
        hold("POST", "/api/v1/sources/employees/preview", second, "{\"sql\":\"" + LONG + "\"}");
        awaitLongRuns(3);
        assertRefused(preview(app.admin(), "select 1 as one"), 503, "database_busy",
                "the database employees is running 3 clips at once");
    }

    @Test
    void aClientWithoutAnAccountHasTwoRunsAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            String slug = app.slug("long " + i, LONG);
            app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0), Http.bearer(app.admin()));
            if (i < 2) {
                held.add(RawHttp.open(app.app(), "/clips/" + slug + ".csv"));
                awaitLongRuns(i + 1);
            } else {
                assertRefused(app.http().get("/clips/" + slug + ".csv"), 429, "too_many_runs",
                        "the most one client without an account may have");
            }
        }
    }

    private void hold(String method, String path, String token) throws IOException {
        hold(method, path, token, "{}");
    }

    private void hold(String method, String path, String token, String body) throws IOException {
        held.add(RawHttp.open(app.app(), method, path, Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json"), body));
    }

    private static Http.Response preview(String token, String sql) {
        return app.http().postJson("/api/v1/sources/employees/preview", Map.of("sql", sql), Http.bearer(token));
    }

    private static void assertRefused(Http.Response r, int status, String code, String says) {
        assertEquals(status, r.status(), r.body());
        // the API's error shape names the code; a download answers in plain text, for spreadsheets
        assertTrue(r.body().contains(says) && (r.body().contains("\"" + code + "\"") || r.body().startsWith("Error ")),
                r.body());
        assertEquals("5", r.header("Retry-After").orElse("none"), "Retry-After");
    }

    /** Waits (up to 10 s) until the follower runs exactly this many of the long clip's sleeps. */
    private static void awaitLongRuns(int count) {
        String running = null;
        for (int i = 0; i < 100; i++, TestDatabase.sleep(100)) {
            running = TestDatabase.scalar(TestCluster.get().follower(), "employees", "select count(*) from pg_stat_activity "
                    + "where query like '%pg_sleep(30)%' and state = 'active' and pid <> pg_backend_pid()");
            if (running.equals(Integer.toString(count))) {
                return;
            }
        }
        throw new AssertionError(running + " long runs, not " + count);
    }
}
