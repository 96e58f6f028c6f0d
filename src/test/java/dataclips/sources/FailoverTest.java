package dataclips.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestClips;
import dataclips.TestDatabase;
import dataclips.embedded.PgNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source with two followers of the embedded primary: runs move to the other follower when one stops, with
 * no error to the viewer, even right after the stop; with both down every format answers 503 saying when the
 * database was last seen. Followers are stopped for real; each test starts what it stopped.
 */
class FailoverTest {
    private static final String ROWS = "select id, label from failover_marks order by id";
    @RegisterExtension
    @Order(1)
    static final AppFixture app = new AppFixture();
    @RegisterExtension
    @Order(2)
    static final FollowerPair pair = new FollowerPair(app, "failover", null, "Failover marks", ROWS,
            "create table if not exists failover_marks (id int primary key, label text)",
            "insert into failover_marks values (1, 'one'), (2, 'two') on conflict do nothing");

    @AfterEach
    void startBoth() {
        pair.a().start();
        pair.b().start();
    }

    @Test
    void runsMoveToTheOtherFollowerWithoutAnErrorRightAfterAStop() {
        pair.awaitHealthy(2);
        assertEquals(FollowerPair.rowsCsv(1, 2), csv(), "both up");
        String first = FollowerPair.lastRunFollower(pair.slug());
        PgNode serving = first.contains(":" + pair.a().port() + "/") ? pair.a() : pair.b();
        PgNode other = serving == pair.a() ? pair.b() : pair.a();

        serving.stop();
        long stopped = System.nanoTime();
        Http.Response right = app.http().get("/clips/" + pair.slug() + ".csv");
        double firstAfterStop = (System.nanoTime() - stopped) / 1e9;
        assertEquals(200, right.status(), right.body());
        assertEquals(FollowerPair.rowsCsv(1, 2), right.body(), "a request made at once after the stop");
        assertTrue(FollowerPair.lastRunFollower(pair.slug()).contains(":" + other.port() + "/"), "served by the other follower");
        for (int i = 0; i < 20; i++) {
            assertEquals(FollowerPair.rowsCsv(1, 2), csv(), "request " + i + " after the stop");
        }
        TestClips.Table page = TestClips.run(app.http(), pair.slug());
        assertEquals(200, page.status());
        assertEquals(List.of(List.of("1", "one"), List.of("2", "two")), page.rows());
        double twentyOne = (System.nanoTime() - stopped) / 1e9;
        System.out.printf("FAILOVER first request after the stop took %.2f s; it and 21 more took %.2f s%n",
                firstAfterStop, twentyOne);
        assertTrue(firstAfterStop < 6, "the first request after the stop waited " + firstAfterStop + " s");
    }

    @Test
    void withEveryFollowerDownEachFormatAnswers503WithWhenItWasLastSeen() {
        pair.awaitHealthy(2);
        assertEquals(200, app.http().get("/clips/" + pair.slug() + ".csv").status());
        pair.a().stop();
        pair.b().stop();
        for (String extension : List.of("csv", "json", "xml", "xlsx")) { // the first one right after the stops
            Http.Response r = app.http().get("/clips/" + pair.slug() + "." + extension);
            assertEquals(503, r.status(), extension + ": " + r.body());
            assertTrue(r.body().contains("database_unavailable") || r.body().contains("is unavailable"), r.body());
            assertTrue(r.body().contains("last seen 20"), extension + " says when: " + r.body());
        }
        TestClips.Table page = TestClips.run(app.http(), pair.slug());
        assertEquals(503, page.status());
        assertEquals("unavailable", page.state());
        assertTrue(page.text().contains("the database failover is unavailable") && page.text().contains("last seen"),
                page.text());
        Http.Response json = app.http().get("/clips/" + pair.slug() + ".json");
        assertEquals("database_unavailable", json.json().at("/error/code").asText());
        Http.Response schema = app.http().get("/api/v1/sources/failover/schema", Http.bearer(app.admin()));
        assertEquals(503, schema.status(), schema.body());
        assertTrue(schema.json().at("/error/message").asText().contains("the database failover is unavailable"), schema.body());
        Http.Response preview = app.http().postJson("/api/v1/sources/failover/preview", Map.of("sql", "select 1"),
                Http.bearer(app.admin()));
        assertEquals(503, preview.status(), preview.body());
        assertEquals("database_unavailable", preview.json().at("/error/code").asText());

        pair.a().start();
        pair.b().start();
        pair.awaitHealthy(2);
        assertEquals(FollowerPair.rowsCsv(1, 2), csv(), "back once they are");
    }

    @Test
    void registrationTakesMaxLagSecondsWithinOneSecondToOneDay() {
        for (Object bad : List.of(0, 86_401, -5)) {
            Http.Response r = app.http().postJson("/api/v1/sources", Map.of("name", "lag-bad", "followers",
                    List.of(TestDatabase.readerUrl(pair.a())), "max_lag_seconds", bad), Http.bearer(app.admin()));
            assertEquals(422, r.status(), r.body());
            assertEquals("bad_max_lag", r.json().at("/error/code").asText());
            assertTrue(r.json().at("/error/message").asText().contains("from 1 to 86400"), r.body());
        }
        assertEquals(404, app.http().get("/api/v1/sources/lag-bad", Http.bearer(app.admin())).status(), "nothing stored");
        Http.Response listed = app.http().get("/api/v1/sources", Http.bearer(app.admin()));
        JsonNode failover = StreamSupport.stream(listed.json().spliterator(), false)
                .filter(source -> source.get("name").asText().equals("failover")).findFirst()
                .orElseThrow(() -> new AssertionError("no source named failover: " + listed.body()));
        assertEquals(300, failover.get("max_lag_seconds").asInt(), "the default");

        Http browser = app.signedInAdmin();
        Http.Response form = browser.get("/sources/new");
        assertTrue(form.body().contains("name=\"max_lag_seconds\"") && form.body().contains("value=\"300\""), "the field");
        Http.Response refused = browser.postForm("/sources", Map.of("_csrf", form.csrf(), "name", "lag-form",
                "followers", TestDatabase.readerUrl(pair.a()), "max_lag_seconds", "soon"));
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("max lag must be a whole number of seconds from 1 to 86400, not &#39;soon&#39;"),
                refused.body());
        Http.Response registered = browser.postForm("/sources", Map.of("_csrf", form.csrf(), "name", "lag-form",
                "followers", TestDatabase.readerUrl(pair.a()), "max_lag_seconds", "45"));
        assertEquals(302, registered.status(), registered.body());
        assertEquals(45, app.http().get("/api/v1/sources/lag-form", Http.bearer(app.admin())).json().get("max_lag_seconds").asInt());
        assertEquals(204, app.http().delete("/api/v1/sources/lag-form", Http.bearer(app.admin())).status());
    }

    private static String csv() {
        Http.Response r = app.http().get("/clips/" + pair.slug() + ".csv");
        assertEquals(200, r.status(), r.body());
        return r.body();
    }
}
