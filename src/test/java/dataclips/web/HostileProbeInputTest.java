package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Beside {@link HostileInputTest}: the inputs of the second outside probe (issue 27), each refused cleanly. */
class HostileProbeInputTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    /**
     * What the second outside probe found (issue 27): numbers whose exponent overflows int, in every URL of a clip with
     * a number parameter, are a 422 naming the parameter; a preview's limit is a JSON whole number; HEAD of any page
     * under a made-up slug is the same 404 as GET (and HEAD of a clip's page is no 405).
     */
    @Test
    void extremeNumbersOddLimitsAndHeadsOfMadeUpSlugs() {
        Http.Response made = new Http(app.base()).postJson("/api/v1/clips", Map.of("title", "numbers", "source",
                "employees", "sql", "select {{n}}::text as n", "parameters", List.of(Map.of("name", "n", "type", "number",
                        "default", "1"))), Http.bearer(app.admin()));
        assertEquals(201, made.status(), made.body());
        String slug = made.json().get("slug").asText();
        Http anonymous = app.http();
        for (String n : List.of("9e2147483647", "12345678901234567890e2147483640", "-1e2147483647")) {
            for (String path : List.of("", ".csv", ".json", ".png", "/table")) {
                Http.Response r = anonymous.get("/clips/" + slug + path + "?n=" + n);
                assertEquals(422, r.status(), path + "?n=" + n + ": " + r.body());
                assertTrue(Jsoup.parse(r.body()).text().contains("parameter 'n' must be a number"), r.body());
            }
            Http.Response snapshot = anonymous.postJson("/api/v1/clips/" + slug + "/snapshots?n=" + n, Map.of(),
                    Http.bearer(app.admin()));
            assertEquals(422, snapshot.status(), snapshot.body());
        }
        for (Object limit : List.of("100", 1.5, 1e3, true, List.of(100))) {
            Http.Response r = anonymous.postJson("/api/v1/sources/employees/preview", Map.of("sql", "select 1 as one",
                    "limit", limit), Http.bearer(app.admin()));
            assertEquals(422, r.status(), limit + ": " + r.body());
            assertEquals("bad_limit", r.json().get("error").get("code").asText(), r.body());
        }
        String madeUp = "a".repeat(26);
        for (String page : List.of("", "/table", "/access", "/compare", "/runs", "/versions", "/versions/1")) {
            for (Http viewer : List.of(anonymous, app.signedInAdmin())) {
                int get = viewer.get("/clips/" + madeUp + page).status();
                assertEquals(get, viewer.send("HEAD", "/clips/" + madeUp + page, "").status(), "HEAD " + page);
                assertTrue(get == 404 || get == 302, page + " " + get); // a page for signed-in users sends to sign-in
            }
        }
        assertEquals(200, anonymous.send("HEAD", "/clips/" + slug, "").status(), "HEAD of a clip's page");
        assertEquals(anonymous.get("/clips/" + slug + "/access").status(),
                anonymous.send("HEAD", "/clips/" + slug + "/access", "").status(), "the owner's page, as GET answers it");
    }

}
