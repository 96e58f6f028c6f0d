package dataclips.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.RawHttp;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import dataclips.results.StoredChunks;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thirty viewers of a stale clip share one run on the follower: the clip returns clock_timestamp() after a
 * one-second sleep, so any second run would give a different body. The same holds across two app instances
 * on one metadata database, and for the page and the downloads together. A run goes on for the viewers who joined it when
 * the viewer who started it leaves, before its first row or in the middle of the download, viewers who joined on
 * another instance included; it stops once they have gone too.
 */
class SingleFlightTest {
    private static final String SLOW_CLOCK = "select clock_timestamp() as t, g from (select pg_sleep(1)) s, generate_series(1, 20000) g";
    @RegisterExtension
    @Order(1)
    static final AppFixture app = new AppFixture();
    /** A second instance on the same metadata database (started after the first, closed before it). */
    @RegisterExtension
    @Order(2)
    static final AppFixture second = new AppFixture();

    @Test
    void thirtyViewersOfAStaleClipShareOneRun() {
        String slug = app.slug("one run for thirty", SLOW_CLOCK);
        List<HttpResponse<String>> responses = all(List.of(app), slug, 30);
        assertOneRunServedAll(slug, responses);
    }

    @Test
    void viewersOnTwoInstancesShareOneRun() {
        String slug = app.slug("one run for two instances", SLOW_CLOCK);
        List<HttpResponse<String>> responses = all(List.of(app, second), slug, 30);
        assertOneRunServedAll(slug, responses);
        Set<String> how = new HashSet<>();
        responses.forEach(r -> how.add(r.headers().firstValue("X-Result").orElseThrow()));
        assertTrue(how.contains("shared"), "the viewers who joined streamed the leader's run as it was stored: " + how);
    }

    @Test
    void thePageAndTheDownloadsShareARunAndShowTheSameData() throws Exception {
        String slug = app.slug("page and download", "select clock_timestamp()::text as t from (select pg_sleep(1)) s");
        CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> second.http().get("/clips/" + slug + "/table").body());
        List<HttpResponse<String>> downloads = all(List.of(app), slug, 5);
        assertOneRunServedAll(slug, downloads);
        String shown = Jsoup.parse(page.get()).select("table.results tbody td").text();
        assertEquals(downloads.get(0).body(), "t\r\n" + shown + "\r\n", "the page shows the downloads' row");
    }

    @Test
    void aMaxAgeOfZeroRunsOnEveryRequest() {
        String slug = app.slug("every request", SLOW_CLOCK);
        app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0), Http.bearer(app.admin()));
        List<HttpResponse<String>> responses = all(List.of(app), slug, 3);
        assertEquals(3, new HashSet<>(responses.stream().map(HttpResponse::body).toList()).size(), "three runs, three clocks");
        assertEquals(3, runs(slug));
    }

    @Test
    void theOwnersRunNowRunsAlthoughAFreshResultIsStored() {
        String slug = app.slug("run now", "select clock_timestamp()::text as t");
        String first = app.http().get("/clips/" + slug + ".csv").body();
        assertEquals(first, app.http().get("/clips/" + slug + ".csv").body(), "fresh: the stored result");
        Http owner = app.signedInAdmin();
        // as the clip page's own script asks for it: a browser says so (Sec-Fetch-Site), see RefreshSameSiteTest
        assertEquals(200, owner.get("/clips/" + slug + "/table?refresh=1", "Sec-Fetch-Site", "same-origin").status());
        assertEquals(2, runs(slug), "Run now ran the clip while a fresh result was stored");
        assertNotEquals(first, app.http().get("/clips/" + slug + ".csv").body(), "downloads now serve the new run");
    }

    @Test
    void aViewerWhoJoinedGetsEveryRowWhenTheViewerWhoStartedTheRunLeaves() throws Exception {
        String slug = leaderLeavesBeforeTheFirstRow("leader leaves", app, s -> awaitJoinedHere(app, s));
        assertEquals(1, StoredChunks.results(slug), "and it was stored");
    }

    @Test
    void aViewerWhoJoinedOnAnotherInstanceGetsEveryRowWhenTheLeaderLeaves() throws Exception {
        leaderLeavesBeforeTheFirstRow("leader leaves, joined elsewhere", second, SingleFlightTest::awaitMarkedJoined);
    }

    @Test
    void aViewerWhoJoinedGetsEveryRowWhenTheLeaderHangsUpMidDownload() throws Exception {
        String slug = app.slug("leader hangs up",
                "select g, md5(g::text) as hash from generate_series(1, 300000) g");
        CompletableFuture<HttpResponse<String>> joiner;
        try (Socket leader = RawHttp.open(app.app(), "/clips/" + slug + ".csv")) {
            leader.getInputStream().readNBytes(64 * 1024); // rows are flowing to the leader
            joiner = CompletableFuture.supplyAsync(() -> all(List.of(app), slug, 1).get(0));
            awaitJoinedHere(app, slug); // the run waits meanwhile: the leader's socket is full
        } // the leader hangs up: its next writes fail, and the run must go on for the viewer who joined
        assertJoinedTheOneRun(slug, joiner.get(), 300001);
    }

    /**
     * The viewer who started the run hangs up while it still sleeps on the follower; one viewer on the given
     * instance, who joined it by then (awaitJoining, which watches for it rather than guessing a delay; the
     * four seconds' sleep is only the time it has to join), must get every row from that one run.
     */
    private static String leaderLeavesBeforeTheFirstRow(String title, AppFixture joinerApp, Consumer<String> awaitJoining)
            throws Exception {
        String slug = app.slug(title,
                "select clock_timestamp() as t, g from (select pg_sleep(4)) s, generate_series(1, 20000) g");
        CompletableFuture<HttpResponse<String>> joiner;
        try (Socket leader = RawHttp.open(app.app(), "/clips/" + slug + ".csv")) {
            awaitWriting(slug);
            joiner = CompletableFuture.supplyAsync(() -> all(List.of(joinerApp), slug, 1).get(0));
            awaitJoining.accept(slug);
        }
        assertJoinedTheOneRun(slug, joiner.get(), 20001);
        return slug;
    }

    private static void assertJoinedTheOneRun(String slug, HttpResponse<String> joined, long lines) {
        assertEquals(200, joined.statusCode(), joined.body());
        assertEquals(lines, joined.body().lines().count(), "every row reached the viewer who joined");
        assertEquals("shared", joined.headers().firstValue("X-Result").orElse(""), "it joined the first run");
        assertEquals(1, runs(slug), "the run went on after its leader left: no second run");
    }

    @Test
    void aRunJoinedOnlyFromAnotherInstanceStopsOnceThoseViewersLeaveToo() throws Exception {
        String slug = app.slug("everyone leaves", "select pg_sleep(60) as slept");
        try (Socket leader = RawHttp.open(app.app(), "/clips/" + slug + ".csv")) {
            awaitWriting(slug);
            try (Socket joiner = RawHttp.open(second.app(), "/clips/" + slug + ".csv")) {
                awaitMarkedJoined(slug);
                String run = writingId(slug);
                leader.close();
                TestDatabase.sleep(StoredChunks.JOINED_STALE_SECONDS * 1000 + 1500);
                assertEquals(run, writingId(slug), "the same run still goes on for the viewer on the second instance");
            }
        }
        long left = System.currentTimeMillis();
        while (!"0".equals(writing(slug)) && System.currentTimeMillis() - left < 15_000) {
            TestDatabase.sleep(100);
        }
        assertEquals("0", writing(slug), "the run stopped once the last viewer who joined it had gone");
        JsonNode run = app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(app.admin())).json().get(0);
        assertEquals("cancelled", run.get("status").asText(), run.toString());
        assertEquals(1, runs(slug), "one run: the viewer who joined never had to start its own");
        assertEquals(0, StoredChunks.results(slug), "nothing stored");
    }

    private static void awaitMarkedJoined(String slug) {
        String sql = "select count(*) from results r join clips c on c.id = r.clip_id where c.slug = '" + slug
                + "' and r.followed_at is not null";
        for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; ) {
            if ("1".equals(TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE, sql))) {
                return;
            }
            TestDatabase.sleep(20);
        }
        throw new AssertionError("the second instance did not mark the run as joined within 10 s");
    }

    /** Waits until a viewer of that instance joined the clip's shared run (the instance's own count). */
    private static void awaitJoinedHere(AppFixture instance, String slug) {
        for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; ) {
            String run = writingId(slug);
            if (run != null && instance.viewersJoined(Long.parseLong(run)) > 0) {
                return;
            }
            TestDatabase.sleep(20);
        }
        throw new AssertionError("no viewer joined the shared run within 10 s");
    }

    private static String writingId(String slug) {
        return TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE, "select r.id "
                + "from results r join clips c on c.id = r.clip_id where c.slug = '" + slug + "' and r.state = 'writing'");
    }

    private static String writing(String slug) {
        return TestDatabase.scalar(TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE, "select count(*) "
                + "from results r join clips c on c.id = r.clip_id where c.slug = '" + slug + "' and r.state = 'writing'");
    }

    private static void awaitWriting(String slug) {
        for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; ) {
            if ("1".equals(writing(slug))) {
                return;
            }
            TestDatabase.sleep(20);
        }
        throw new AssertionError("the leader's run did not start within 10 s");
    }

    private static void assertOneRunServedAll(String slug, List<HttpResponse<String>> responses) {
        for (HttpResponse<String> r : responses) {
            assertEquals(200, r.statusCode(), r.body());
        }
        Set<String> bodies = new HashSet<>(responses.stream().map(HttpResponse::body).toList());
        assertEquals(1, bodies.size(), "every viewer got the same rows");
        assertTrue(bodies.iterator().next().matches("(?s)t(,g)?\r\n.+"), "CSV with a header and rows");
        assertEquals(1, runs(slug), "one query on the follower");
        assertEquals(1, StoredChunks.results(slug), "one stored result");
    }

    /** The clip's CSV requested n times at once, spread over the given instances. */
    private static List<HttpResponse<String>> all(List<AppFixture> apps, String slug, int n) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            URI uri = URI.create(apps.get(i % apps.size()).base() + "/clips/" + slug + ".csv");
            futures.add(client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static int runs(String slug) {
        return app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(app.admin())).json().size();
    }
}
