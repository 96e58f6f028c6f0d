package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One clip must not stop another's query, although both run as the same role (PostgreSQL lets a role signal
 * its own backends): the app refuses the signalling functions by name, and the sample database revokes them,
 * so even SQL that got past the app could not. Registration warns about a database that does not revoke them.
 */
class HostileSignalsTest {
    @RegisterExtension
    static final HostileFixture fx = new HostileFixture();

    @Test
    void aLongClipFinishesWithItsRowsWhileAnotherTriesToKillIt() throws Exception {
        String longClip = fx.slugOn("employees", "long", "select pg_sleep(4) as slept, 'survived' as word"); // 300 s timeout
        CompletableFuture<Http.Response> download = CompletableFuture.supplyAsync(() -> fx.http().get("/clips/" + longClip + ".csv"));
        String pid = HostileFixture.awaitBackendOf(longClip);
        List<String> attacks = List.of("select pg_terminate_backend(" + pid + ")", "select pg_cancel_backend(" + pid + ")",
                "select query_to_xml('select pg_' || 'terminate_backend(" + pid + ")', true, false, '')",
                "select * from ts_stat('select pg_' || 'cancel_backend(" + pid + ")::text::tsvector')");
        for (String attack : attacks) {
            Http.Response page = fx.http().get("/clips/" + fx.forced(attack) + "/table");
            assertEquals(422, page.status(), attack + " => " + page.body());
            assertTrue(Jsoup.parse(page.body()).text().contains("may not call"), page.body());
        }
        // Defence in depth: the same calls sent straight to the follower as the clip role, past the app's check.
        for (String attack : attacks) {
            try (Connection c = TestDatabase.readerConnection(); Statement s = c.createStatement()) {
                SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.executeQuery(attack));
                assertTrue(refused.getMessage().contains("permission denied for function pg_"), refused.getMessage());
            }
        }
        Http.Response done = download.get();
        assertEquals(200, done.status(), done.body());
        assertEquals(List.of("slept,word", "\"\",survived"), done.body().lines().toList()); // void prints as an empty string
        fx.assertAlive();
        fx.probeClean();
    }

    @Test
    void theSampleRoleCannotReadPasswordHashesEvenPastTheNameCheck() throws SQLException {
        try (Connection c = TestDatabase.readerConnection(); Statement s = c.createStatement()) {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.executeQuery("select rolpassword from pg_catalog.pg_authid"));
            assertTrue(refused.getMessage().contains("permission denied for table pg_authid"), refused.getMessage());
            // pg_stats shows a column's sampled values to whoever may select it: pg_read_all_data could.
            TestDatabase.onPrimary("employees", "analyze pg_catalog.pg_authid");
            TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees",
                    "select 1 from pg_stats where tablename = 'pg_authid' and attname = 'rolpassword'");
            try (var rs = s.executeQuery("select count(*) from pg_stats where tablename = 'pg_auth' || 'id'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no statistics of pg_authid are visible to the clip role");
            }
            try (var rs = s.executeQuery("select count(*) from departments")) {
                rs.next();
                assertTrue(rs.getInt(1) > 0, "while the sample's data is");
            }
        }
    }

    @Test
    void registeringADatabaseThatLetsTheRoleSignalWarnsAndShowsTheWarning() {
        String url = HostileFixture.unrevokedUrl();
        Http.Response api = fx.http().postJson("/api/v1/sources", Map.of("name", "unrevoked-api", "followers", List.of(url)),
                Http.bearer(fx.admin()));
        assertEquals(201, api.status(), api.body());
        String warnings = api.json().get("warnings").toString();
        assertTrue(warnings.contains("may execute pg_terminate_backend / pg_cancel_backend"), warnings);
        assertTrue(warnings.contains("REVOKE EXECUTE ON FUNCTION pg_terminate_backend(integer, bigint), pg_cancel_backend(integer) FROM PUBLIC"), warnings);
        assertEquals("unrevoked-api", api.json().get("name").asText());
        assertFalse(warnings.contains("dataclips_reader"), "the role's name is never shown back: " + warnings);

        Http admin = fx.signedInAdmin();
        String csrf = admin.get("/sources/new").csrf();
        Http.Response form = admin.postForm("/sources", Map.of("_csrf", csrf, "name", "unrevoked-form", "followers", url, "primary", ""));
        assertEquals(302, form.status(), form.body());
        assertEquals("/sources?registered=unrevoked-form", form.header("Location").orElseThrow());
        var page = Jsoup.parse(admin.get("/sources?registered=unrevoked-form").body());
        assertEquals("Registered unrevoked-form, with warnings", page.selectFirst(".warnings h2").text());
        assertTrue(page.select(".warnings li.warning").eachText().stream().anyMatch(w -> w.contains("may execute pg_terminate_backend")),
                page.select(".warnings").text());
        assertFalse(page.select("h2").eachText().stream().filter(t -> t.equals("unrevoked-form")).toList().isEmpty(),
                "the new source is listed on the same page");
        for (String name : List.of("unrevoked-api", "unrevoked-form")) {
            assertEquals(204, fx.http().delete("/api/v1/sources/" + name, Http.bearer(fx.admin())).status());
        }
    }
}
