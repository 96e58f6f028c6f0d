package dataclips.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AccessWorld;
import dataclips.AccessWorld.Persona;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Teams and users through the API (README, "Teams and access"): teams and their members, identity-provider teams, a
 * team's deletion taking its levels and memberships along, deactivation ending sessions and tokens at once, and the
 * audit of it all.
 */
class TeamsAndUsersTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();
    private static AccessWorld world;

    @BeforeAll
    static void organisation() {
        world = AccessWorld.create(app, "teams");
    }

    @Test
    void adminsManageTeamsMembersSeeTheirOwnAndIdentityProviderTeamsRefuseManualChanges() {
        String[] admin = Http.bearer(app.admin());
        assertEquals(201, app.http().postJson("/api/v1/teams", Map.of("name", "teams-sales", "idp_group", "Sales EU"), admin)
                .status());
        Http.Response taken = app.http().postJson("/api/v1/teams", Map.of("name", "teams-sales"), admin);
        assertEquals(409, taken.status());
        assertEquals("team_taken", taken.json().at("/error/code").asText());
        Http.Response group = app.http().postJson("/api/v1/teams", Map.of("name", "teams-other", "idp_group", "Sales EU"), admin);
        assertEquals("idp_group_taken", group.json().at("/error/code").asText());
        assertEquals(422, app.http().postJson("/api/v1/teams", Map.of("name", "Sales Team"), admin).status());
        String member = world.email(Persona.OWNER);
        Http.Response managed = app.http().send("PUT", "/api/v1/teams/teams-sales/members/" + member, "", admin);
        assertEquals(409, managed.status());
        assertEquals("managed_by_idp", managed.json().at("/error/code").asText());
        assertEquals(409, app.http().delete("/api/v1/teams/teams-sales/members/" + member, admin).status());

        Http.Response mine = app.http().get("/api/v1/teams", world.auth(Persona.OWNER));
        assertEquals(List.of(world.team("analysts")), names(mine.json()), "a member sees their own teams only");
        assertEquals(List.of(world.email(Persona.DEACTIVATED), world.email(Persona.EDIT_USER), member),
                members(mine.json().get(0)));
        List<String> all = names(app.http().get("/api/v1/teams", admin).json());
        assertTrue(all.containsAll(List.of("teams-sales", world.team("analysts"), world.team("viewers"))), all.toString());
        assertEquals(403, app.http().postJson("/api/v1/teams", Map.of("name", "teams-x"), world.auth(Persona.OWNER)).status());
        assertEquals(404, app.http().delete("/api/v1/teams/" + world.team("viewers") + "/members/" + member, admin).status(),
                "not a member");
    }

    @Test
    void deletingATeamRemovesItsLevelsAndClipMembershipsAndItsMembersLoseWhatTheyHeld() {
        String[] admin = Http.bearer(app.admin());
        String team = "teams-temporary";
        assertEquals(201, app.http().postJson("/api/v1/teams", Map.of("name", team), admin).status());
        String email = world.email(Persona.NONE_LEVEL);
        assertEquals(200, app.http().send("PUT", "/api/v1/teams/" + team + "/members/" + email, "", admin).status());
        Map<String, Object> grants = new java.util.HashMap<>(world.grants());
        Map<String, String> teams = new java.util.HashMap<>(castTeams(grants.get("teams")));
        teams.put(team, "query");
        grants.put("teams", teams);
        assertEquals(200, app.http().send("PUT", "/api/v1/sources/teams/access", grants, admin).status());
        AccessWorld.WorldClip clip = world.clip("restricted");
        List<Map<String, String>> members = new ArrayList<>(world.members());
        members.add(Map.of("team", team, "role", "edit"));
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + clip.slug() + "/members", members,
                world.auth(Persona.OWNER)).status());
        assertEquals(200, app.http().send("PATCH", "/api/v1/clips/" + clip.slug(), Map.of("title", "by the team"),
                world.auth(Persona.NONE_LEVEL)).status(), "the team's query and edit membership let its member edit");

        assertEquals(204, app.http().delete("/api/v1/teams/" + team, admin).status());
        JsonNode access = app.http().get("/api/v1/sources/teams/access", admin).json();
        assertFalse(access.get("teams").has(team), access.toString());
        JsonNode after = app.http().get("/api/v1/clips/" + clip.slug() + "/members", admin).json();
        assertFalse(after.toString().contains(team), after.toString());
        assertEquals(404, app.http().get("/api/v1/clips/" + clip.slug(), world.auth(Persona.NONE_LEVEL)).status(),
                "without the team the restricted clip is as unknown to them as any");
        assertFalse(names(app.http().get("/api/v1/teams", admin).json()).contains(team));
    }

    @Test
    void aDeactivatedUsersTokenAndSessionStopAtTheNextRequestAndTheirClipsStay() {
        String email = "teams-leaver@test.local";
        String token = app.memberToken(email);
        Http browser = app.signedIn(email, AccessWorld.PASSWORD);
        String slug = app.slug(token, "Left behind", "select 1 as n");
        assertEquals(200, app.http().get("/api/v1/me", Http.bearer(token)).status());
        assertEquals(200, browser.get("/account/tokens").status());

        Http.Response patched = app.http().send("PATCH", "/api/v1/users/" + email, Map.of("active", false),
                Http.bearer(app.admin()));
        assertEquals(200, patched.status(), patched.body());
        assertFalse(patched.json().get("active").asBoolean());
        assertEquals(401, app.http().get("/api/v1/me", Http.bearer(token)).status(), "the very next request");
        assertEquals(302, browser.get("/account/tokens").status(), "the session is gone: sign in again");
        Http.Response signIn = app.http().postJson("/api/v1/tokens", Map.of("email", email, "password", AccessWorld.PASSWORD));
        assertEquals(401, signIn.status(), "a deactivated user signs in no more");
        JsonNode clip = app.http().get("/api/v1/clips/" + slug, Http.bearer(app.admin())).json();
        assertEquals(email, clip.get("owner").asText(), "their clips stay");

        assertEquals(200, app.http().send("PATCH", "/api/v1/users/" + email, Map.of("active", true),
                Http.bearer(app.admin())).status());
        assertEquals(200, app.http().get("/api/v1/me", Http.bearer(app.token(email, AccessWorld.PASSWORD))).status());
        assertEquals(401, app.http().get("/api/v1/me", Http.bearer(token)).status(), "old tokens stay revoked");
        Http.Response badRole = app.http().send("PATCH", "/api/v1/users/" + email, Map.of("role", "owner"),
                Http.bearer(app.admin()));
        assertEquals(422, badRole.status());
        assertEquals(404, app.http().send("PATCH", "/api/v1/users/nobody@test.local", Map.of("active", false),
                Http.bearer(app.admin())).status());
    }

    @Test
    void everyChangeOfTeamsLevelsMembersOwnersAndActivityIsAudited() {
        JsonNode changes = app.http().get("/api/v1/access-changes", Http.bearer(app.admin())).json();
        List<String> seen = new ArrayList<>();
        changes.forEach(c -> seen.add(c.get("action").asText() + " " + c.get("subject").asText()));
        for (String expected : List.of("team_created team " + world.team("analysts"),
                "team_member_added team " + world.team("analysts"), "database_levels_set database teams",
                "user_deactivated user " + world.email(Persona.DEACTIVATED))) {
            assertTrue(seen.contains(expected), expected + " in " + seen);
        }
        List<JsonNode> ofDatabase = changes.findParents("action").stream()
                .filter(c -> c.get("subject").asText().equals("database teams")).toList();
        JsonNode levels = ofDatabase.get(ofDatabase.size() - 1); // the first change, at registration
        assertEquals(TestApp.ADMIN_EMAIL, levels.get("actor").asText());
        assertEquals("none", levels.at("/details/to/everyone").asText());
        assertEquals("query", levels.at("/details/from/everyone").asText(), "a database starts with everyone = query");
        assertEquals(403, app.http().get("/api/v1/access-changes", world.auth(Persona.OWNER)).status());
    }

    private static List<String> names(JsonNode teams) {
        List<String> names = new ArrayList<>();
        teams.forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private static List<String> members(JsonNode team) {
        List<String> members = new ArrayList<>();
        team.get("members").forEach(m -> members.add(m.asText()));
        return members;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> castTeams(Object teams) {
        return (Map<String, String>) teams;
    }
}
