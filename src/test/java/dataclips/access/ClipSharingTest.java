package dataclips.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AccessWorld;
import dataclips.AccessWorld.Persona;
import dataclips.AppFixture;
import dataclips.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each persona sees of clips (README, "Teams and access"): lists hold only what one may open other than by the
 * link, search looks into the SQL only where one may see it, clip objects hide the SQL and say what one may do,
 * fixed parameters stay fixed for whoever may not see the SQL, editors narrow sharing but only owners widen it, and
 * a clip goes only to an owner who may query its database.
 */
class ClipSharingTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();
    private static AccessWorld world;
    private static AccessWorld.WorldClip link;
    private static AccessWorld.WorldClip privateClip;
    private static AccessWorld.WorldClip restricted;
    private static String sharedWithNone;

    @BeforeAll
    static void organisation() {
        world = AccessWorld.create(app, "sharing");
        link = world.clip("link");
        privateClip = world.clip("private");
        restricted = world.clip("restricted");
        sharedWithNone = world.clip("restricted").slug();
        List<Map<String, String>> members = new ArrayList<>(world.members());
        members.add(Map.of("user", world.email(Persona.NONE_LEVEL), "role", "view"));
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + sharedWithNone + "/members", members,
                world.auth(Persona.OWNER)).status());
    }

    @Test
    void aNoneLevelUsersListHoldsOnlyTheClipsSharedWithThemNotThoseTheyCouldOpenByTheLink() {
        assertEquals(Set.of(sharedWithNone), ofWorld(world.listed(Persona.NONE_LEVEL, "")),
                "the link clip opens for them by its URL, but is never listed (other databases' clips are theirs to list)");
        assertEquals(200, app.http().get("/clips/" + link.slug() + ".csv", world.auth(Persona.NONE_LEVEL)).status());
        Set<String> viewLevel = world.listed(Persona.VIEW_LEVEL, "").keySet();
        assertTrue(viewLevel.containsAll(Set.of(link.slug(), privateClip.slug())), "view on the database: link and private");
        assertFalse(viewLevel.contains(restricted.slug()) || viewLevel.contains(sharedWithNone), "never a restricted one");
        Set<String> four = Set.of(link.slug(), privateClip.slug(), restricted.slug(), sharedWithNone);
        assertTrue(world.listed(Persona.VIEW_MEMBER, "").keySet().containsAll(four), "a member of all four lists them");
        assertTrue(world.listed(Persona.EDIT_TEAM, "").keySet().containsAll(four), "so does a member through a team");
        assertTrue(world.listed(Persona.ADMIN, "").keySet().containsAll(four));
    }

    @Test
    void searchLooksIntoTheSqlOnlyWhereTheCallerMaySeeIt() {
        assertEquals(Set.of(), ofWorld(world.listed(Persona.VIEW_LEVEL, "&q=select+1+as+n")), "view: no SQL, no match by SQL");
        assertEquals(Set.of(), ofWorld(world.listed(Persona.VIEW_MEMBER, "&q=select+1+as+n")));
        assertTrue(world.listed(Persona.VIEW_LEVEL, "&q=World+clip").keySet().contains(privateClip.slug()),
                "titles match for everyone");
        assertTrue(world.listed(Persona.EDIT_USER, "&q=select+1+as+n").keySet().containsAll(Set.of(link.slug(),
                privateClip.slug(), restricted.slug())), "query: the SQL matches");
    }

    @Test
    void clipObjectsHideTheSqlAndListWhatTheCallerMayDo() {
        Map<Persona, String> expected = Map.of(Persona.OWNER, "[\"open\",\"see_sql\",\"edit\",\"manage\",\"fork\"]",
                Persona.EDIT_USER, "[\"open\",\"see_sql\",\"edit\",\"fork\"]", Persona.EDIT_TEAM,
                "[\"open\",\"see_sql\",\"edit\",\"fork\"]", Persona.VIEW_MEMBER, "[\"open\"]", Persona.VIEW_LEVEL, "[\"open\"]",
                Persona.NONE_LEVEL, "[\"open\"]");
        expected.forEach((p, can) -> {
            JsonNode clip = app.http().get("/api/v1/clips/" + link.slug(), world.auth(p)).json();
            assertEquals(can, clip.get("can").toString(), p.column);
            assertEquals(can.contains("see_sql") ? "select 1 as n" : null, clip.get("sql").isNull() ? null
                    : clip.get("sql").asText(), p.column);
        });
        String page = app.http().get("/clips/" + restricted.slug(), world.auth(Persona.VIEW_MEMBER)).body();
        assertFalse(page.contains("select 1 as n"), "a view member sees the page like a link holder: no SQL");
        assertFalse(page.contains("id=\"editor\"") || page.contains("schema-panel"), "no editor, no schema");
        String table = app.http().get("/clips/" + restricted.slug() + "/table", world.auth(Persona.VIEW_MEMBER)).body();
        assertFalse(table.contains("localhost:"), "nor which follower served it");
    }

    @Test
    void fixedParametersStayFixedForWhoeverMayNotSeeTheSql() {
        String slug = world.clip("private").slug();
        assertEquals(200, app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("sql", "select {{n}}::int as n",
                "parameters", List.of(Map.of("name", "n", "type", "integer", "default", "1", "link_holders", "fixed"))),
                world.auth(Persona.OWNER)).status());
        for (Persona p : List.of(Persona.VIEW_MEMBER, Persona.VIEW_LEVEL)) {
            Http.Response fixed = app.http().get("/clips/" + slug + ".csv?n=2", world.auth(p));
            assertEquals(422, fixed.status(), p.column);
            assertTrue(fixed.body().contains("fixed"), fixed.body());
        }
        assertEquals("n\r\n2\r\n", app.http().get("/clips/" + slug + ".csv?n=2", world.auth(Persona.EDIT_USER)).body());
        assertEquals("n\r\n1\r\n", app.http().get("/clips/" + slug + ".csv", world.auth(Persona.VIEW_MEMBER)).body());
    }

    @Test
    void editorsNarrowTheSharingButOnlyTheOwnerAndAdminsWidenIt() {
        String slug = world.clip("private").slug();
        String sharing = "/api/v1/clips/" + slug + "/sharing";
        Http.Response widen = app.http().send("PUT", sharing, Map.of("access", "link"), world.auth(Persona.EDIT_USER));
        assertEquals(403, widen.status());
        assertEquals("needs_owner", widen.json().at("/error/code").asText());
        assertEquals(200, app.http().send("PUT", sharing, Map.of("access", "restricted"), world.auth(Persona.EDIT_USER))
                .status(), "narrowing is an edit");
        assertEquals(200, app.http().send("PUT", sharing, Map.of("access", "link", "expires_at", "2090-01-01T00:00:00Z"),
                world.auth(Persona.OWNER)).status());
        assertEquals(200, app.http().send("PUT", sharing, Map.of("expires_at", "2080-01-01T00:00:00Z"),
                world.auth(Persona.EDIT_TEAM)).status(), "an earlier expiry narrows");
        assertEquals(403, app.http().send("PUT", sharing, Map.of("expires_at", "2095-01-01T00:00:00Z"),
                world.auth(Persona.EDIT_TEAM)).status(), "a later one widens");
        assertEquals(403, app.http().send("PUT", sharing, "{\"expires_at\":null}", world.auth(Persona.EDIT_TEAM)).status(),
                "so does removing it");
        Http.Response members = app.http().send("PUT", "/api/v1/clips/" + slug + "/members", List.of(),
                world.auth(Persona.EDIT_USER));
        assertEquals("needs_owner", members.json().at("/error/code").asText(), "members are the owner's to change");
    }

    @Test
    void aClipGoesOnlyToAnOwnerWhoMayQueryItsDatabaseAndTheOldOwnerKeepsOnlyWhatTheyHoldOtherwise() {
        String slug = world.clip("restricted").slug();
        String owner = "/api/v1/clips/" + slug + "/owner";
        Http.Response refused = app.http().send("PUT", owner, Map.of("email", world.email(Persona.VIEW_LEVEL)),
                world.auth(Persona.OWNER));
        assertEquals(422, refused.status());
        assertEquals("cannot_query", refused.json().at("/error/code").asText());
        Http.Response handed = app.http().send("PUT", owner, Map.of("email", world.email(Persona.EDIT_TEAM)),
                world.auth(Persona.OWNER));
        assertEquals(200, handed.status(), handed.body());
        assertEquals(world.email(Persona.EDIT_TEAM), handed.json().get("owner").asText());
        assertEquals("[]", handed.json().get("can").toString(), "the answer says what the caller may do now: nothing");
        assertEquals(404, app.http().get("/api/v1/clips/" + slug, world.auth(Persona.OWNER)).status(),
                "the old owner is no member of the restricted clip: it is gone for them");
        assertEquals(200, app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("title", "Handed over"),
                world.auth(Persona.EDIT_TEAM)).status(), "the new owner changes it");
    }

    @Test
    void databasesListWhatOneMayViewAndSchemaAndPreviewNeedQuery() {
        List<String> names = new ArrayList<>();
        app.http().get("/api/v1/sources", world.auth(Persona.NONE_LEVEL)).json().forEach(s -> names.add(s.get("name").asText()));
        assertFalse(names.contains("sharing"), names.toString());
        JsonNode viewer = app.http().get("/api/v1/sources/sharing", world.auth(Persona.VIEW_LEVEL)).json();
        assertEquals("view", viewer.get("level").asText());
        Http.Response schema = app.http().get("/api/v1/sources/sharing/schema", world.auth(Persona.VIEW_LEVEL));
        assertEquals(403, schema.status());
        assertEquals("needs_query", schema.json().at("/error/code").asText());
        assertEquals(404, app.http().postJson("/api/v1/sources/sharing/preview", Map.of("sql", "select 1"),
                world.auth(Persona.NONE_LEVEL)).status());
        Http.Response page = app.http().get("/clips/new", world.auth(Persona.VIEW_LEVEL));
        assertFalse(page.body().contains("value=\"sharing\""), "a new clip only on a database one may query");
    }

    @Test
    void choicesMayOnlyComeFromAClipTheDeclarerMayOpenAndTheRunsLogHoldsWhatOneMayEdit() {
        AccessWorld.WorldClip mine = world.clip("private");
        String hidden = app.slug("Not theirs to read", "select 'secret' as v");
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + hidden + "/sharing", Map.of("access", "restricted"),
                Http.bearer(app.admin())).status());
        Http.Response declared = app.http().send("PATCH", "/api/v1/clips/" + mine.slug(), Map.of("sql", "select {{n}} as n",
                "parameters", List.of(Map.of("name", "n", "type", "choice", "choices_clip", hidden))),
                world.auth(Persona.EDIT_USER));
        assertEquals(422, declared.status(), declared.body());
        assertTrue(declared.json().at("/error/message").asText().contains("is no clip"), declared.body());
        app.http().get("/clips/" + mine.slug() + ".csv", world.auth(Persona.OWNER));
        Set<Long> editable = clipIds(app.http().get("/api/v1/runs", world.auth(Persona.EDIT_USER)).json());
        assertTrue(editable.contains(app.http().get("/api/v1/clips/" + mine.slug(), world.auth(Persona.OWNER)).json()
                .get("id").asLong()), "an edit member reads the clip's runs");
        assertEquals(Set.of(), clipIds(app.http().get("/api/v1/runs", world.auth(Persona.VIEW_LEVEL)).json()));
    }

    /** The listed clips on the world's database (users may query the shared sample database too). */
    private static Set<String> ofWorld(Map<String, JsonNode> listed) {
        Set<String> slugs = new java.util.HashSet<>();
        listed.forEach((slug, clip) -> {
            if (clip.get("source").asText().equals(world.source())) {
                slugs.add(slug);
            }
        });
        return slugs;
    }

    private static Set<Long> clipIds(JsonNode runs) {
        Set<Long> ids = new java.util.HashSet<>();
        runs.forEach(r -> {
            if (!r.get("clip_id").isNull()) {
                ids.add(r.get("clip_id").asLong());
            }
        });
        return ids;
    }
}
