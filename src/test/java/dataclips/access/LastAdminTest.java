package dataclips.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dataclips.App;
import dataclips.Http;
import dataclips.Settings;
import dataclips.TestCluster;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * There is always an active admin: demoting or deactivating the last one is a 409, on an app of its own metadata
 * database (DATABASE_URL), whose only admin is the first one.
 */
class LastAdminTest {
    private static final String ADMIN = "only-admin@test.local";
    private static final String PASSWORD = "only-admin-password";

    @Test
    void theLastActiveAdminCanBeNeitherDemotedNorDeactivated() throws Exception {
        String database = "last_admin_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = TestCluster.get().superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select from pg_roles where rolname = 'last_admin') then "
                    + "create role last_admin login password 'last-admin-password'; end if; end $$");
            s.execute("create database " + database + " owner last_admin");
        }
        Map<String, String> env = Map.of("PORT", "0", "DATABASE_URL", "postgres://last_admin:last-admin-password@localhost:"
                        + TestCluster.get().primary().port() + "/" + database, "DATACLIPS_SECRET_KEY",
                Base64.getEncoder().encodeToString(new byte[32]), "DATACLIPS_ADMIN_EMAIL", ADMIN,
                "DATACLIPS_ADMIN_PASSWORD", PASSWORD, "DATACLIPS_HOME", TestCluster.HOME.resolve(database).toString());
        try (App app = App.start(Settings.fromEnvironment(env))) {
            Http http = new Http("http://localhost:" + app.port());
            String token = http.postJson("/api/v1/tokens", Map.of("email", ADMIN, "password", PASSWORD)).json()
                    .get("token").asText();
            for (Map<String, Object> change : java.util.List.<Map<String, Object>>of(Map.of("active", false),
                    Map.of("role", "member"))) {
                Http.Response refused = http.send("PATCH", "/api/v1/users/" + ADMIN, change, Http.bearer(token));
                assertEquals(409, refused.status(), refused.body());
                assertEquals("last_admin", refused.json().at("/error/code").asText());
            }
            assertEquals(201, http.postJson("/api/v1/users", Map.of("email", "second-admin@test.local", "password",
                    PASSWORD, "role", "admin"), Http.bearer(token)).status());
            assertEquals(200, http.send("PATCH", "/api/v1/users/" + ADMIN, Map.of("role", "member"), Http.bearer(token))
                    .status(), "with a second admin, the first may step down");
            String second = http.postJson("/api/v1/tokens", Map.of("email", "second-admin@test.local", "password", PASSWORD))
                    .json().get("token").asText();
            assertEquals(409, http.send("PATCH", "/api/v1/users/second-admin@test.local", Map.of("active", false),
                    Http.bearer(second)).status(), "now the second is the last");
        }
    }
}
