package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.AtOnce;
import dataclips.Http;
import dataclips.SettableClock;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Link holders are sent the page and table another link holder was sent in the last second (LinkHolderPages):
 * a change made elsewhere reaches them within that second, one made on this instance at once, signed-in viewers
 * never get a kept page, every view is still in the access log, and many link holders of a stale clip share one
 * run and one render.
 */
class LinkHolderPagesTest {
    /** The app's clock, which kept pages' second goes by: moved by hand, so no machine is too slow for the test. */
    private static final SettableClock CLOCK = new SettableClock(Instant.now());
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of(), CLOCK);

    @Test
    void aChangeFromElsewhereReachesLinkHoldersWithinASecondAndALocalOneAtOnce() throws Exception {
        String slug = app.slug("Kept title", "select 1 as n");
        String page = "/clips/" + slug;
        Http admin = app.signedInAdmin(); // signing in is a POST, which forgets every kept page: done before the views
        Http anonymous = app.http();
        assertTrue(anonymous.get(page).body().contains("Kept title"));
        // Another instance renames it: straight in the metadata database, so this instance hears nothing.
        TestDatabase.onPrimary(EmbeddedCluster.METADATA_DATABASE,
                "update clips set title = 'Renamed elsewhere' where slug = '" + slug + "'");
        assertTrue(anonymous.get(page).body().contains("Kept title"), "within the second the kept page is sent");
        assertTrue(admin.get(page).body().contains("Renamed elsewhere"), "signed in: never a kept page");
        CLOCK.advance(LinkHolderPages.KEEP.minusMillis(1));
        assertTrue(anonymous.get(page).body().contains("Kept title"), "to the last moment of the second");
        CLOCK.advance(Duration.ofMillis(1));
        assertTrue(anonymous.get(page).body().contains("Renamed elsewhere"), "after the second, the change shows");

        Http.Response renamed = app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("title", "Renamed here"),
                Http.bearer(app.admin()));
        assertEquals(200, renamed.status(), renamed.body());
        assertTrue(anonymous.get(page).body().contains("Renamed here"), "a change on this instance shows at once");

        String rotated = app.http().postJson("/api/v1/clips/" + slug + "/rotate", Map.of(), Http.bearer(app.admin()))
                .json().get("slug").asText();
        assertEquals(404, anonymous.get(page).status(), "a rotated slug is 404 at once, kept page or not");
        assertEquals(404, anonymous.get(page + "/table").status());
        assertEquals(200, anonymous.get("/clips/" + rotated).status());
    }

    @Test
    void everyViewOfAKeptPageIsInTheAccessLog() throws Exception {
        String slug = app.slug("Counted", "select 1 as n");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, app.http().get("/clips/" + slug, "User-Agent", "viewer-" + i).status());
        }
        Set<String> agents = Set.of();
        for (long end = System.currentTimeMillis() + 10_000; agents.size() < 5 && System.currentTimeMillis() < end; ) {
            Thread.sleep(100);
            agents = new HashSet<>();
            for (var entry : app.http().get("/api/v1/clips/" + slug + "/access-log", Http.bearer(app.admin())).json()) {
                agents.add(entry.get("user_agent").asText());
            }
        }
        assertEquals(Set.of("viewer-0", "viewer-1", "viewer-2", "viewer-3", "viewer-4"), agents);
    }

    @Test
    void linkHoldersOfAStaleClipShareOneRunAndOneRender() throws Exception {
        String slug = app.slug("Shared", "select clock_timestamp()::text as at, pg_sleep(0.5)::text as slept");
        List<String> bodies = new ArrayList<>();
        for (Http.Response answer : AtOnce.get(app, "/clips/" + slug + "/table", 30)) { // all within the 0.5 s run
            assertEquals(200, answer.status(), answer.body());
            bodies.add(answer.body().replaceFirst("^(<!--dataclips-progress rows=\\d+-->\n)+", "")); // the leader's progress
        }
        Set<String> distinct = bodies.stream().collect(Collectors.toSet());
        assertEquals(1, distinct.size(), "30 link holders were sent one render: " + distinct.size() + " different");
        assertTrue(bodies.get(0).contains("<table"), bodies.get(0));
        assertFalse(bodies.get(0).contains("pg_sleep"), "link holders do not see the SQL");
        int runs = app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(app.admin())).json().size();
        assertEquals(1, runs, "one run on the follower for all of them");
    }

    @Test
    void aClipWithMaxAgeZeroRunsForEveryLinkHolder() {
        String slug = app.slug("Always live", "select clock_timestamp()::text as at");
        Http.Response set = app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0),
                Http.bearer(app.admin()));
        assertEquals(200, set.status(), set.body());
        String first = app.http().get("/clips/" + slug + "/table").body();
        String second = app.http().get("/clips/" + slug + "/table").body();
        assertFalse(first.equals(second), "two views, two runs: no kept table");
        assertEquals(2, app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(app.admin())).json().size());
    }
}
