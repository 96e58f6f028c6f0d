package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestClips;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One clip must not see what another is running: every clip of a source runs as the same role, and PostgreSQL
 * shows a role the SQL of all its sessions. The run tag names the clip by id, never by its slug (the link's
 * secret); the app refuses pg_stat_activity and the functions under it by name, and the sample database revokes
 * them, so a link clip cannot show anonymous viewers the SQL or the link of a private clip running meanwhile.
 */
class HostileActivityTest {
    /** Ways of reading other sessions' SQL: quoted, qualified, upper case, the functions behind the view. */
    static final List<String> READS_OF_OTHER_SESSIONS = List.of(
            "select query from pg_stat_activity where query like '%dataclips clip:%'",
            "select a.query from pg_catalog.\"pg_stat_activity\" a",
            "select * from PG_CATALOG.PG_STAT_ACTIVITY",
            "select (pg_stat_get_activity(null)).query",
            "select pg_stat_get_backend_activity(b) from pg_stat_get_backend_idset() b",
            "select query from \"pg_stat_statements\"");
    @RegisterExtension
    static final HostileFixture fx = new HostileFixture();

    @Test
    void aRunningPrivateClipShowsNeitherItsLinkNorItsSqlToAnotherClip() throws Exception {
        String secret = "secret-" + UUID.randomUUID();
        String hidden = fx.slugOn("employees", "private and slow", "select pg_sleep(3) as slept, '" + secret + "' as s");
        assertEquals(200, fx.http().send("PUT", "/api/v1/clips/" + hidden + "/sharing", Map.of("access", "private"),
                Http.bearer(fx.admin())).status());
        CompletableFuture<Http.Response> run = CompletableFuture.supplyAsync(() ->
                fx.http().get("/clips/" + hidden + ".csv", Http.bearer(fx.admin())));
        String pid = HostileFixture.awaitBackendOf(hidden);
        String tagged = TestDatabase.scalar(TestCluster.get().follower(), "employees",
                "select query from pg_stat_activity where pid = " + pid);
        // a download reads the follower's COPY (issue 32): the tag, then COPY (the SQL) TO STDOUT
        assertTrue(tagged.matches("(?s)/\\* " + TestClips.runTag(hidden) + "\\d+ \\*/\n(COPY \\()?select pg_sleep.*"),
                "tagged with the clip's id and the run: " + tagged);
        assertFalse(tagged.contains(hidden), "the slug is the link's secret and never goes to the database: " + tagged);

        for (String attack : READS_OF_OTHER_SESSIONS) {
            Http.Response save = fx.http().postJson("/api/v1/clips", Map.of("title", "peek", "source", HostileFixture.SOURCE,
                    "sql", attack), Http.bearer(fx.admin()));
            assertEquals(422, save.status(), attack + " => " + save.body());
            assertEquals("forbidden_catalog", save.json().get("error").get("code").asText(), save.body());
            String peek = fx.forced(attack); // saved by a laxer version: refused again when it runs
            Http.Response anonymous = fx.http().get("/clips/" + peek + ".csv");
            assertEquals(422, anonymous.status(), attack + " => " + anonymous.body());
            assertTrue(anonymous.body().contains("shows the SQL that other sessions are running"), anonymous.body());
            assertFalse(anonymous.body().contains(secret) || anonymous.body().contains(hidden), anonymous.body());
        }
        // Defence in depth: sent straight to the follower as the clip role, past the app's check.
        for (String attack : READS_OF_OTHER_SESSIONS.subList(0, 5)) {
            try (Connection c = TestDatabase.readerConnection(); Statement s = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> s.executeQuery(attack), attack);
                assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
            }
        }
        Http.Response finished = run.get();
        assertEquals(200, finished.status(), finished.body());
        assertTrue(finished.body().contains(secret), "the private clip ran to its end: " + finished.body());
        fx.assertAlive();
    }

    @Test
    void registeringADatabaseWhereTheRoleSeesOtherSessionsWarns() {
        Http.Response api = fx.http().postJson("/api/v1/sources", Map.of("name", "activity-visible",
                "followers", List.of(HostileFixture.unrevokedUrl())), Http.bearer(fx.admin()));
        assertEquals(201, api.status(), api.body());
        String warnings = api.json().get("warnings").toString();
        assertTrue(warnings.contains("may read pg_stat_activity, which shows the SQL that every session of the same role"),
                warnings);
        assertTrue(warnings.contains("REVOKE SELECT ON pg_catalog.pg_stat_activity FROM PUBLIC"), warnings);
        assertEquals(204, fx.http().delete("/api/v1/sources/activity-visible", Http.bearer(fx.admin())).status());
    }
}
