package dataclips.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.AppFixture;
import dataclips.Http;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fixed parameters stay fixed through snapshots ({@link dataclips.parameters.FixedValues}): the owner may snapshot a clip
 * with ?t=tenant-b-only, but link holders see only snapshots whose fixed values are the defaults, at the snapshot's
 * URLs, its image, the lists, the comparison and as the clip's pinned result; to them any other is an unknown snapshot.
 */
class FixedSnapshotsTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();
    static String slug;
    static long others;
    static long defaults;

    @BeforeAll
    static void snapshots() throws IOException {
        Http.Response made = app.http().postJson("/api/v1/clips", Map.of("title", "tenants", "source", "employees",
                "sql", "select {{t}} as tenant, {{d}} as day, 1 as n", "parameters", new ObjectMapper().readTree("["
                        + "{\"name\":\"t\",\"type\":\"text\",\"default\":\"tenant-a\",\"link_holders\":\"fixed\"},"
                        + "{\"name\":\"d\",\"type\":\"date\",\"default\":\"today\",\"link_holders\":\"fixed\"}]")),
                Http.bearer(app.admin()));
        assertEquals(201, made.status(), made.body());
        slug = made.json().get("slug").asText();
        others = take("?t=tenant-b-only");
        defaults = take("");
    }

    @Test
    void aLinkHolderCannotOpenASnapshotTakenWithOtherFixedValues() {
        Http anonymous = app.http();
        for (String format : List.of("", ".json", ".csv", ".xml", ".xlsx", ".svg", ".png")) {
            String path = "/clips/" + slug + "/snapshots/" + others + format;
            Http.Response hidden = anonymous.get(path);
            assertEquals(404, hidden.status(), path + ": " + hidden.body());
            assertFalse(hidden.body().contains("tenant-b-only"), hidden.body());
            assertEquals(200, app.http().get(path, Http.bearer(app.admin())).status(), "the team sees it: " + path);
            assertEquals(200, anonymous.get("/clips/" + slug + "/snapshots/" + defaults + format).status(), format);
        }
        assertTrue(anonymous.get("/clips/" + slug + "/snapshots/" + defaults + ".json").body().contains("\"t\":\"tenant-a\""));
        assertEquals(404, anonymous.send("HEAD", "/clips/" + slug + "/snapshots/" + others + ".csv", "").status());
    }

    @Test
    void theListsAndTheComparisonLeaveItOut() {
        Http anonymous = app.http();
        String page = anonymous.get("/clips/" + slug + "/snapshots/" + defaults).body();
        assertFalse(page.contains("/snapshots/" + others) || page.contains("value=\"" + others + "\""), "listed: " + page);
        List<String> choices = Jsoup.parse(anonymous.get("/clips/" + slug + "/compare").body())
                .select("select option").eachAttr("value");
        assertFalse(choices.contains(Long.toString(others)), "offered for comparison: " + choices);
        Http.Response compared = anonymous.get("/clips/" + slug + "/compare?from=" + defaults + "&to=" + others);
        assertEquals(404, compared.status());
        assertFalse(compared.body().contains("tenant-b-only"), compared.body());
        Http owner = app.signedInAdmin();
        assertEquals(200, owner.get("/clips/" + slug + "/compare?from=" + defaults + "&to=" + others).status());
    }

    @Test
    void aPinnedSnapshotWithOtherFixedValuesIsNotServedToLinkHolders() {
        Http.Response pinned = app.http().send("PUT", "/api/v1/clips/" + slug + "/pin", Map.of("snapshot", others),
                Http.bearer(app.admin()));
        assertEquals(200, pinned.status(), pinned.body());
        try {
            String linkHolders = app.http().get("/clips/" + slug + ".csv").body();
            assertTrue(linkHolders.startsWith("tenant,day,n\r\ntenant-a,"), linkHolders);
            assertTrue(app.http().get("/clips/" + slug + ".csv", Http.bearer(app.admin())).body().contains("tenant-b-only"),
                    "the team is served the pinned snapshot");
        } finally {
            app.http().delete("/api/v1/clips/" + slug + "/pin", Http.bearer(app.admin()));
        }
    }

    private static long take(String values) {
        Http.Response taken = app.http().postJson("/api/v1/clips/" + slug + "/snapshots" + values, Map.of(),
                Http.bearer(app.admin()));
        assertEquals(201, taken.status(), taken.body());
        return taken.json().get("id").asLong();
    }
}
