package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A choices clip's values go only to viewers who could see them ({@link ChoicesAccess}, with the access policy): a member cannot make another
 * user's private or expired-link clip list the choices of their own link clip (409 at declaration), and a list whose
 * clip link holders may no longer open (made private later) shows them no values, its default being the one choice.
 */
class ChoicesAccessTest {
    static final String SECRET_VALUES = "select v from (values ('secret-north'), ('secret-south')) t(v)";
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void aMemberCannotListAnotherUsersPrivateOrExpiredClipInTheirLinkClip() {
        String member = app.memberToken("lister@test.local");
        String privateOne = app.slug("private values", SECRET_VALUES);
        share(privateOne, Map.of("access", "private"));
        String expired = app.slug("expired values", SECRET_VALUES);
        TestDatabase.onPrimary(EmbeddedCluster.METADATA_DATABASE, "update clips set link_expires_at = now() - interval "
                + "'1 hour' where slug = '" + expired + "'"); // its link expired an hour ago
        String othersLink = app.slug("someone else's link clip", SECRET_VALUES);
        for (String listed : List.of(privateOne, expired, othersLink)) {
            Http.Response declared = declare(member, listed, null);
            assertEquals(409, declared.status(), declared.body());
            assertEquals("choices_clip_hidden", code(declared), declared.body());
            assertFalse(declared.body().contains("secret-north"), declared.body());
        }
        String own = app.slug(member, "own values", "select v from (values ('north'), ('south')) t(v)");
        assertEquals(201, declare(member, own, null).status(), "the member's own link clip may list them");
    }

    @Test
    void aListThatLinkHoldersMayNoLongerOpenShowsThemOnlyTheDefault() {
        String values = app.slug("values", SECRET_VALUES);
        Http.Response declared = declare(app.admin(), values, "secret-north");
        assertEquals(201, declared.status(), declared.body());
        String slug = declared.json().get("slug").asText();
        assertEquals(List.of("", "secret-north", "secret-south"), options(app.http(), slug), "shared by its owner");
        share(values, Map.of("access", "private"));
        Http anonymous = app.http();
        assertEquals(List.of("", "secret-north"), options(anonymous, slug), "only the owner's default");
        Http.Response chosen = anonymous.get("/clips/" + slug + ".csv?w=secret-south");
        assertEquals(422, chosen.status(), chosen.body());
        assertTrue(chosen.body().contains("must be exactly one of 'secret-north' (got 'secret-south')"),
                "the refusal lists only the default: " + chosen.body());
        assertEquals("w\r\nsecret-north\r\n", anonymous.get("/clips/" + slug + ".csv").body());
        assertEquals(List.of("", "secret-north", "secret-south"), options(app.signedInAdmin(), slug),
                "a signed-in user who may open the values clip still sees them");
    }

    private static Http.Response declare(String token, String listed, String defaultValue) {
        String parameter = "[{\"name\":\"w\",\"type\":\"choice\",\"choices_clip\":\"" + listed + "\""
                + (defaultValue == null ? "" : ",\"default\":\"" + defaultValue + "\"") + "}]";
        try {
            return app.http().postJson("/api/v1/clips", Map.of("title", "chooses", "source", "employees", "sql",
                    "select {{w}} as w", "parameters", new ObjectMapper().readTree(parameter)), Http.bearer(token));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void share(String slug, Map<String, Object> sharing) {
        Http.Response r = app.http().send("PUT", "/api/v1/clips/" + slug + "/sharing", sharing, Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
    }

    private static List<String> options(Http viewer, String slug) {
        Http.Response page = viewer.get("/clips/" + slug);
        assertEquals(200, page.status(), page.body());
        return Jsoup.parse(page.body()).select("select[name=w] option").eachAttr("value");
    }

    private static String code(Http.Response r) {
        return r.json().get("error").get("code").asText();
    }
}
