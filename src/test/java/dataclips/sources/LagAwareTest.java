package dataclips.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestClips;
import dataclips.TestDatabase;
import dataclips.embedded.PgNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A follower further behind than its source's max_lag_seconds is skipped while the other one is fresh; with
 * both behind, the freshest serves and the page and downloads say how old the data is. Lag is made for real:
 * WAL replay paused on a follower while the primary writes; replay is resumed afterwards.
 */
class LagAwareTest {
    private static final String ROWS = "select id, label from lag_marks order by id";
    @RegisterExtension
    @Order(1)
    static final AppFixture app = new AppFixture();
    @RegisterExtension
    @Order(2)
    static final FollowerPair pair = new FollowerPair(app, "laggy", 2, "Lag marks", ROWS,
            "drop table if exists lag_marks", "create table lag_marks (id int primary key, label text)",
            "insert into lag_marks values (1, 'one')");

    /** Before the pair deletes its clip and source and stops its followers. */
    @AfterAll
    static void stop() {
        resume(pair.a());
        resume(pair.b());
        TestDatabase.onPrimary("employees", "drop table if exists lag_tick");
    }

    @Test
    void aLaggingFollowerIsSkippedWhileTheOtherIsFreshAndWithBothBehindThePageSaysSo() {
        pair.awaitHealthy(2);
        assertEquals(2, app.http().get("/api/v1/sources/laggy", Http.bearer(app.admin())).json().get("max_lag_seconds").asInt());

        // A follower knows how far behind it is in seconds from its last replayed commit: make sure each has one
        // since it started (a brand-new follower reports its lag in seconds as unknown).
        TestDatabase.onPrimary("employees", "drop table if exists lag_tick", "create table lag_tick (x int)");
        TestDatabase.awaitOnFollower(pair.a(), "employees", "select 1 from pg_class where relname = 'lag_tick'");
        TestDatabase.awaitOnFollower(pair.b(), "employees", "select 1 from pg_class where relname = 'lag_tick'");
        FollowerPair.superuser(pair.a(), "select pg_wal_replay_pause()");
        TestDatabase.onPrimary("employees", "insert into lag_marks values (2, 'two')");
        TestDatabase.awaitOnFollower(pair.b(), "employees", "select 1 from lag_marks where id = 2");
        pair.awaitLagging(2, 1);
        for (int i = 0; i < 5; i++) { // a, paused, has not replayed row 2: only b can give it
            Http.Response r = app.http().get("/clips/" + pair.slug() + ".csv");
            assertEquals(200, r.status(), r.body());
            assertEquals(FollowerPair.rowsCsv(1, 2), r.body(), "run " + i + " went to the fresh follower");
            assertTrue(FollowerPair.lastRunFollower(pair.slug()).contains(":" + pair.b().port() + "/"));
            assertTrue(Double.parseDouble(r.header("X-Data-Lag-Seconds").orElseThrow()) <= 2, "fresh data says so");
        }

        FollowerPair.superuser(pair.b(), "select pg_wal_replay_pause()");
        TestDatabase.onPrimary("employees", "insert into lag_marks values (3, 'three')");
        pair.awaitBothLaggingBFresher(2);
        TestClips.Table page = TestClips.run(app.http(), pair.slug());
        assertEquals(200, page.status());
        assertEquals(List.of(List.of("1", "one"), List.of("2", "two")), page.rows(), "the freshest follower (b) served");
        String notice = page.html().select(".lag-notice").text();
        assertTrue(notice.matches("Data is \\d+ s old: the database's followers are more than 2 s behind.*"), notice);
        Http.Response csv = app.http().get("/clips/" + pair.slug() + ".csv");
        assertEquals(FollowerPair.rowsCsv(1, 2), csv.body());
        assertTrue(Long.parseLong(csv.header("X-Data-Lag-Seconds").orElseThrow()) > 2, "the download says it is behind");

        resume(pair.a());
        resume(pair.b());
        // Row 3 visible is not enough: a follower paused for seconds may still be replaying the app's own
        // metadata writes of those seconds, and then its data is honestly seconds old.
        TestDatabase.awaitOnFollower(pair.a(), "employees", "select 1 from lag_marks where id = 3");
        TestDatabase.awaitCaughtUp(pair.a());
        TestDatabase.awaitCaughtUp(pair.b());
        TestClips.Table caughtUp = TestClips.run(app.http(), pair.slug());
        assertEquals(3, caughtUp.rows().size());
        assertTrue(caughtUp.html().select(".lag-notice").isEmpty(),
                "no notice once caught up: " + caughtUp.html().select(".lag-notice").text());
    }

    private static void resume(PgNode node) {
        if (node.running()) {
            FollowerPair.superuser(node, "select pg_wal_replay_resume()");
        }
    }
}
