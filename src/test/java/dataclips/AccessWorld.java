package dataclips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A small organisation for the access tests (README, "Teams and access"), made through the real API: a database of its
 * own (everyone none; team analysts query, editors query, viewers view) and one user per persona. Clips on it belong to
 * the owner, with the edit user, the editors team (edit) and the view member (view) as members.
 */
public final class AccessWorld {
    public static final String PASSWORD = "member-password-1";

    /** Who asks, with the short name the expected-status tables use. */
    public enum Persona {
        ADMIN("adm"), OWNER("own"), EDIT_USER("edU"), EDIT_TEAM("edT"), VIEW_MEMBER("vwM"), VIEW_LEVEL("vwL"),
        NONE_LEVEL("noL"), DEACTIVATED("dea"), LINK_HOLDER("anL"), STRANGER("str");

        public final String column;

        Persona(String column) {
            this.column = column;
        }

        public boolean anonymous() {
            return this == LINK_HOLDER || this == STRANGER;
        }
    }

    /** A clip of the world: its slug and two snapshots (one to pin, one to delete). */
    public record WorldClip(String slug, long snapshot, long otherSnapshot) {}

    private final AppFixture app;
    private final String name;
    private final Map<Persona, String> emails = new EnumMap<>(Persona.class);
    private final Map<Persona, String> tokens = new EnumMap<>(Persona.class);

    private AccessWorld(AppFixture app, String name) {
        this.app = app;
        this.name = name;
    }

    /** name: the database's name; teams are name-analysts, name-editors and name-viewers. */
    public static AccessWorld create(AppFixture app, String name) {
        AccessWorld world = new AccessWorld(app, name);
        world.build();
        return world;
    }

    private void build() {
        for (String team : List.of("analysts", "editors", "viewers")) {
            ok(201, app.http().postJson("/api/v1/teams", Map.of("name", team(team)), admin()));
        }
        emails.put(Persona.ADMIN, TestApp.ADMIN_EMAIL);
        tokens.put(Persona.ADMIN, app.admin());
        Map<Persona, String> teamOf = Map.of(Persona.OWNER, "analysts", Persona.EDIT_USER, "analysts",
                Persona.EDIT_TEAM, "editors", Persona.VIEW_LEVEL, "viewers", Persona.DEACTIVATED, "analysts");
        for (Persona p : List.of(Persona.OWNER, Persona.EDIT_USER, Persona.EDIT_TEAM, Persona.VIEW_MEMBER,
                Persona.VIEW_LEVEL, Persona.NONE_LEVEL, Persona.DEACTIVATED)) {
            String email = name + "-" + p.column.toLowerCase() + "@test.local";
            emails.put(p, email);
            tokens.put(p, app.memberToken(email));
            if (teamOf.containsKey(p)) {
                ok(200, app.http().send("PUT", "/api/v1/teams/" + team(teamOf.get(p)) + "/members/" + email, "", admin()));
            }
        }
        ok(201, app.http().postJson("/api/v1/sources", Map.of("name", name,
                "followers", List.of(TestDatabase.readerUrl(TestCluster.get().follower())), "access", grants()), admin()));
        ok(200, app.http().send("PATCH", "/api/v1/users/" + emails.get(Persona.DEACTIVATED), Map.of("active", false), admin()));
    }

    /** The database's levels: everyone none, analysts and editors query, viewers view. */
    public Map<String, Object> grants() {
        return Map.of("everyone", "none", "teams", Map.of(team("analysts"), "query", team("editors"), "query",
                team("viewers"), "view"));
    }

    /** A new clip of the owner's with this sharing ("link", "private", "restricted"), its members and two snapshots. */
    public WorldClip clip(String access) {
        String[] owner = auth(Persona.OWNER);
        Http.Response created = app.http().postJson("/api/v1/clips", Map.of("title", "World clip (" + access + ")",
                "source", name, "sql", "select 1 as n"), owner);
        ok(201, created);
        String slug = created.json().get("slug").asText();
        String clip = "/api/v1/clips/" + slug;
        ok(200, app.http().send("PUT", clip + "/sharing", Map.of("access", access), owner));
        ok(200, app.http().send("PUT", clip + "/members", members(), owner));
        long first = ok(201, app.http().postJson(clip + "/snapshots", Map.of(), owner)).json().get("id").asLong();
        long second = ok(201, app.http().postJson(clip + "/snapshots", Map.of(), owner)).json().get("id").asLong();
        ok(200, app.http().send("PUT", clip + "/schedule", Map.of("every", "daily", "at", "06:00"), owner));
        return new WorldClip(slug, first, second);
    }

    /** The members every world clip has. */
    public List<Map<String, String>> members() {
        return List.of(Map.of("user", emails.get(Persona.EDIT_USER), "role", "edit"),
                Map.of("user", emails.get(Persona.VIEW_MEMBER), "role", "view"),
                Map.of("team", team("editors"), "role", "edit"));
    }

    public String source() {
        return name;
    }

    public String team(String which) {
        return name + "-" + which;
    }

    public String email(Persona p) {
        return emails.get(p);
    }

    /** The persona's Authorization header (none for anonymous callers; the deactivated user's old token). */
    public String[] auth(Persona p) {
        return p.anonymous() ? new String[0] : Http.bearer(tokens.get(p));
    }

    /** The persona's clips as the API lists them: slug to the JSON item. */
    public Map<String, JsonNode> listed(Persona p, String query) {
        Map<String, JsonNode> listed = new java.util.LinkedHashMap<>();
        ok(200, app.http().get("/api/v1/clips?per_page=200" + query, auth(p))).json()
                .forEach(item -> listed.put(item.get("slug").asText(), item));
        return listed;
    }

    private String[] admin() {
        return Http.bearer(app.admin());
    }

    private static Http.Response ok(int status, Http.Response r) {
        assertEquals(status, r.status(), r.body());
        return r;
    }
}
