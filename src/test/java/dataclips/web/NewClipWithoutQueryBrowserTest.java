package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dataclips.AccessWorld;
import dataclips.Http;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The New clip page of a member who may query no database while databases exist: it says why and who can change it,
 * and shows no form that could not be saved nor an empty schema panel (it used to say that no database was registered). The member is in no
 * team, so everyone's level decides: every database whose everyone may query is lowered to view for the test, and set
 * back after it. Screenshots: target/screenshots/new-clip-no-query(-800).png.
 */
class NewClipWithoutQueryBrowserTest {
    private static final String EMAIL = "no-query-member@test.local";
    @RegisterExtension
    static final BrowserFixture app = new BrowserFixture();

    @Test
    void aMemberWhoMayQueryNoDatabaseIsToldWhyAndGetsNoForm() throws Exception {
        app.memberToken(EMAIL);
        try (Chromium member = Chromium.open()) {
            member.signIn(app, EMAIL, AccessWorld.PASSWORD);
            Map<String, JsonNode> lowered = lowerEveryoneFromQueryToView();
            try {
                member.driver.get(app.base() + "/clips/new");
                assertEquals("None of the databases here lets you write SQL, and a new clip needs a database you may "
                        + "query. An admin can give one of your teams query access on the Databases page.",
                        member.driver.findElement(By.cssSelector(".no-database")).getText());
                assertEquals(0, member.driver.findElements(By.cssSelector("form.editor-form, #schema")).size(),
                        "a form that could not be saved, or a schema panel with no tables");
                for (int width : PageChecks.WIDTHS) {
                    PageChecks.width(member, width);
                    PageChecks.assertNothingOverflows(member, "new clip without query access");
                }
                PageChecks.screenshots(member, "new-clip-no-query");
            } finally {
                lowered.forEach(NewClipWithoutQueryBrowserTest::put);
            }
            member.driver.get(app.base() + "/clips/new");
            assertEquals(0, member.driver.findElements(By.cssSelector(".no-database")).size());
            assertTrue(member.driver.findElements(By.cssSelector("form.editor-form select[name=source] option"))
                    .stream().anyMatch(o -> o.getAttribute("value").equals("employees")), "employees is offered again");
        }
    }

    /** Each database whose everyone may query, with its levels as they were. */
    private static Map<String, JsonNode> lowerEveryoneFromQueryToView() {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (JsonNode source : app.http().get("/api/v1/sources", Http.bearer(app.admin())).json()) {
            String name = source.get("name").asText();
            JsonNode levels = app.http().get("/api/v1/sources/" + name + "/access", Http.bearer(app.admin())).json();
            if (levels.get("everyone").asText().equals("query")) {
                before.put(name, levels);
                put(name, ((ObjectNode) levels.deepCopy()).put("everyone", "view"));
            }
        }
        assertTrue(before.containsKey("employees"), "the sample database starts with everyone = query: " + before);
        return before;
    }

    private static void put(String name, JsonNode levels) {
        Http.Response r = app.http().send("PUT", "/api/v1/sources/" + name + "/access", levels, Http.bearer(app.admin()));
        assertEquals(200, r.status(), r.body());
    }
}
