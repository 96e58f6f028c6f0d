package dataclips.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.Http;
import dataclips.TestApp;
import dataclips.export.chart.ChartReadBack;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The example clips of a first embedded start: three on the sample database (bars, a line over time, a parameter),
 * owned by the first admin, marked as examples in the list and the API, each drawing its chart; made once, so neither
 * the next start nor one after an admin deleted them makes them again. (The other tests' apps make none.)
 */
class ExampleClipsTest {
    @Test
    void theFirstStartMakesThreeExamplesOnceAndNeverAgain() throws Exception {
        List<JsonNode> examples;
        try (TestApp app = TestApp.startWithExamples()) {
            String token = app.adminToken();
            examples = examples(app, token);
            assertEquals(List.of("Hires per year, in one department", "Hires per month", "Employees by department"),
                    examples.stream().map(c -> c.get("title").asText()).toList());
            for (JsonNode clip : examples) {
                assertEquals(TestApp.ADMIN_EMAIL, clip.get("owner").asText(), "owned by the first admin");
                assertEquals("employees", clip.get("source").asText());
                assertEquals(1, clip.get("version").asInt());
                String slug = clip.get("slug").asText();
                assertEquals(200, app.http().get("/clips/" + slug + ".svg").status(), clip.get("title") + " draws its chart");
            }
            assertEquals("department", examples.get(0).get("parameters").get(0).get("name").asText());
            String sales = app.http().get("/clips/" + examples.get(0).get("slug").asText() + ".csv?department=Sales").body();
            assertTrue(sales.startsWith("year,hires\r\n1985-01-01,"), sales);
            assertEquals(1 + 14, sales.split("\r\n").length, "the years 1985 to 1998 in Sales: " + sales);
            assertTrue(firstHover(app, examples.get(1)).matches("1985-01-01: hires = [0-9,]+"), "a line over the months");
            assertTrue(firstHover(app, examples.get(2)).matches("[A-Za-z ]+: employees = [0-9,]+"), "bars per department");
            String home = app.signedInAdmin().get("/?q=&sort=created").body();
            assertEquals(3, Jsoup.parse(home).select("table.clip-list .badge.example").size(), "the list's badge");
        }
        try (TestApp again = TestApp.startWithExamples()) {
            String token = again.adminToken();
            assertEquals(3, examples(again, token).size(), "the next start makes none");
            for (JsonNode clip : examples) {
                assertEquals(204, again.http().delete("/api/v1/clips/" + clip.get("slug").asText(), Http.bearer(token))
                        .status());
            }
        }
        try (TestApp deleted = TestApp.startWithExamples()) {
            assertEquals(List.of(), examples(deleted, deleted.adminToken()), "deleted, they do not come back");
        }
    }

    /** The clips the API marks as examples, newest first. */
    private static List<JsonNode> examples(TestApp app, String token) {
        Http.Response r = app.http().get("/api/v1/clips?sort=created&per_page=200", Http.bearer(token));
        assertEquals(200, r.status(), r.body());
        List<JsonNode> examples = new ArrayList<>();
        r.json().forEach(c -> {
            if (c.get("example").asBoolean()) {
                examples.add(c);
            }
        });
        return examples;
    }

    /** The first hover title of the clip's chart: "x: series = value", the x a date on a line over time. */
    private static String firstHover(TestApp app, JsonNode clip) throws Exception {
        java.net.http.HttpResponse<byte[]> svg = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(app.base() + "/clips/" + clip.get("slug").asText() + ".svg")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        return ChartReadBack.svg(svg.body()).hovers().get(0);
    }
}
