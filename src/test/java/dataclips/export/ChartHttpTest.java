package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.export.ExportReadBack.Download;
import dataclips.export.chart.ChartReadBack;
import dataclips.export.chart.ImageSize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chart image URLs over real HTTP from the real app: /clips/{slug}.svg and .png (and a snapshot's), read back
 * with the JDK's XML parser and ImageIO; their access rules, validators and headers; the chart API and the chart
 * being part of the clip's versions. What the chart draws is ChartWriterTest's; here is what the URLs promise.
 */
class ChartHttpTest {
    private static final String DAILY = "select date '2024-01-01' + i as day, i * 10 as revenue from generate_series(1, 30) i";
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void anSvgIsAValidDocumentThatRunsNothingAndIsCachedLikeTheOtherFormats() throws Exception {
        String slug = app.slug("Daily revenue svg", DAILY);
        Download svg = ExportReadBack.get(app.app(), "/clips/" + slug + ".svg");
        assertEquals(200, svg.status(), () -> new String(svg.body(), StandardCharsets.UTF_8));
        assertEquals("image/svg+xml", svg.mediaType());
        assertEquals("default-src 'none'; style-src 'unsafe-inline'", svg.header("Content-Security-Policy"));
        assertEquals("nosniff", svg.header("X-Content-Type-Options"));
        assertTrue(svg.header("Content-Disposition").startsWith("inline; "), "an image shows where it is linked");
        ChartReadBack.Svg doc = ChartReadBack.svg(svg.body());
        assertEquals("800", doc.root().getAttribute("width"));
        assertEquals("400", doc.root().getAttribute("height"));
        List<String> texts = doc.texts();
        assertTrue(texts.contains("day") && texts.contains("revenue"), "axis labels from the column names: " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("as of ")), "the caption says as of when: " + texts);
        assertTrue(doc.hovers().stream().anyMatch(t -> t.contains("2024-01-03") && t.contains("20")),
                "each point's value on hover: " + doc.hovers());

        Download again = ExportReadBack.get(app.app(), "/clips/" + slug + ".svg");
        assertEquals("stored", again.header("X-Result"));
        assertArrayEquals(svg.body(), again.body(), "the same result draws the same bytes");
        assertTrue(again.header("ETag").contains("-svg-800x400-"), again.header("ETag"));
        assertFalse(Instant.parse(again.header("X-Data-As-Of")).isAfter(Instant.now()));
        assertEquals(304, ExportReadBack.get(app.app(), "/clips/" + slug + ".svg", "If-None-Match", again.header("ETag")).status());
        assertEquals(304, ExportReadBack.get(app.app(), "/clips/" + slug + ".svg", "If-Modified-Since",
                again.header("Last-Modified")).status());
        Download other = ExportReadBack.get(app.app(), "/clips/" + slug + ".svg?width=400&height=300");
        assertNotEquals(again.header("ETag"), other.header("ETag"), "another size is other bytes");
        assertEquals("400", ChartReadBack.svg(other.body()).root().getAttribute("width"));
    }

    @Test
    void aPngHasTheSizeAskedForWithinBounds() throws Exception {
        String slug = app.slug("Daily revenue png", DAILY);
        Download png = ExportReadBack.get(app.app(), "/clips/" + slug + ".png?width=640&height=360");
        assertEquals(200, png.status());
        assertEquals("image/png", png.mediaType());
        ChartReadBack.png(png.body(), new ImageSize(640, 360)); // the size asked for, and more than a background
        BufferedImage standard = ImageIO.read(new ByteArrayInputStream(
                ExportReadBack.get(app.app(), "/clips/" + slug + ".png").body()));
        assertEquals(800, standard.getWidth());
        assertEquals(400, standard.getHeight());
        for (String size : List.of("width=10", "height=100000", "width=abc", "width=-5", "width=99999999999999")) {
            Download bad = ExportReadBack.get(app.app(), "/clips/" + slug + ".png?" + size);
            assertEquals(422, bad.status(), size);
            String message = new String(bad.body(), StandardCharsets.UTF_8);
            assertTrue(message.contains("must be a whole number of pixels from"), message);
        }
    }

    @Test
    void imageUrlsOpenForExactlyWhoTheTablesOpenFor() throws Exception {
        String slug = app.slug("Chart access", DAILY);
        Http anonymous = app.http();
        assertEquals(200, anonymous.get("/clips/" + slug + ".svg").status(), "a link clip's chart needs no cookie");
        String token = app.admin();
        String rotated = anonymous.postJson("/api/v1/clips/" + slug + "/rotate", "", Http.bearer(token)).json()
                .get("slug").asText();
        for (String ext : List.of("svg", "png")) {
            assertEquals(404, anonymous.get("/clips/" + slug + "." + ext).status(), "the old URL is gone: " + ext);
            assertEquals(200, anonymous.get("/clips/" + rotated + "." + ext).status());
        }
        anonymous.send("PUT", "/api/v1/clips/" + rotated + "/sharing", Map.of("access", "private"), Http.bearer(token));
        assertEquals(404, anonymous.get("/clips/" + rotated + ".png").status(), "private: 404, as for a wrong slug");
        assertEquals(404, anonymous.get("/clips/" + rotated + ".svg").status());
        assertEquals(200, app.signedInAdmin().get("/clips/" + rotated + ".svg").status());
        assertEquals(404, anonymous.get("/clips/nosuchclipslug.svg").status());
    }

    @Test
    void theChartSettingIsCheckedAgainstTheResultAndKeptAsAVersion() throws Exception {
        String slug = app.slug("Chart settings", DAILY);
        Http api = app.http();
        String[] auth = Http.bearer(app.admin());
        assertEquals("auto", api.get("/api/v1/clips/" + slug + "/chart", auth).json().get("type").asText());
        ExportReadBack.get(app.app(), "/clips/" + slug + ".csv"); // the run, stored: the next downloads replay it
        String csvTag = ExportReadBack.get(app.app(), "/clips/" + slug + ".csv").header("ETag");
        String svgTag = ExportReadBack.get(app.app(), "/clips/" + slug + ".svg").header("ETag");

        Http.Response missing = api.send("PUT", "/api/v1/clips/" + slug + "/chart",
                Map.of("type", "bar", "x", "day", "y", List.of("profit")), auth);
        assertEquals(422, missing.status());
        assertTrue(missing.body().contains("\\\"profit\\\" is not in the result") && missing.body().contains("revenue"),
                "names the missing column and the ones there are: " + missing.body());
        Http.Response misfit = api.send("PUT", "/api/v1/clips/" + slug + "/chart",
                Map.of("type", "scatter", "x", "day", "y", List.of("revenue")), auth);
        assertEquals(422, misfit.status());
        assertTrue(misfit.body().contains("\\\"day\\\" is date"), misfit.body());
        assertEquals(422, api.send("PUT", "/api/v1/clips/" + slug + "/chart", Map.of("type", "donut"), auth).status());
        assertEquals(422, api.send("PUT", "/api/v1/clips/" + slug + "/chart", Map.of("type", "bar", "colour", "red"),
                auth).status(), "an unknown key is refused, not ignored");
        assertEquals(1, api.get("/api/v1/clips/" + slug + "/versions", auth).json().get(0).get("version").asInt(),
                "nothing refused made a version");

        Http.Response saved = api.send("PUT", "/api/v1/clips/" + slug + "/chart",
                Map.of("type", "bar", "x", "day", "y", List.of("revenue"), "title", "Revenue by day"), auth);
        assertEquals(200, saved.status(), saved.body());
        assertEquals("bar", saved.json().get("type").asText());
        assertEquals("Revenue by day", api.get("/api/v1/clips/" + slug + "/chart", auth).json().get("title").asText());
        JsonNode versions = api.get("/api/v1/clips/" + slug + "/versions", auth).json();
        assertEquals(2, versions.get(0).get("version").asInt());
        assertTrue(versions.get(0).get("chart_only").asBoolean());
        assertEquals("bar", versions.get(0).get("chart").get("type").asText());
        assertEquals("auto", versions.get(1).get("chart").get("type").asText());
        assertEquals(DAILY, versions.get(0).get("sql").asText());

        Download csv = ExportReadBack.get(app.app(), "/clips/" + slug + ".csv");
        assertEquals("stored", csv.header("X-Result"), "a chart-only version keeps the result fresh");
        assertEquals(csvTag, csv.header("ETag"));
        Download svg = ExportReadBack.get(app.app(), "/clips/" + slug + ".svg");
        assertNotEquals(svgTag, svg.header("ETag"), "the new chart is other bytes");
        assertTrue(ChartReadBack.svg(svg.body()).texts().contains("Revenue by day"));

        api.postJson("/api/v1/clips/" + slug + "/versions/1/restore", "", auth);
        assertEquals("auto", api.get("/api/v1/clips/" + slug + "/chart", auth).json().get("type").asText(),
                "restoring a version restores its chart");
        String member = app.memberToken("chart-member@test.local");
        assertEquals(403, api.send("PUT", "/api/v1/clips/" + slug + "/chart", Map.of("type", "none"),
                Http.bearer(member)).status());
    }

    @Test
    void aSnapshotsChartIsTheSameBytesAfterTheDataTheSqlAndTheChartChange() throws Exception {
        TestDatabase.onPrimary("employees", "drop table if exists chart_sales",
                "create table chart_sales (region text primary key, amount numeric(10, 2))",
                "insert into chart_sales values ('north', 100.50), ('south', 200.25), ('east', 50)");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 from chart_sales where region = 'east'");
        String slug = app.slug("Sales by region", "select region, amount from chart_sales order by region");
        Http api = app.http();
        String[] auth = Http.bearer(app.admin());
        Http.Response taken = api.postJson("/api/v1/clips/" + slug + "/snapshots", "", auth);
        assertEquals(201, taken.status(), taken.body());
        long id = taken.json().get("id").asLong();
        String path = "/clips/" + slug + "/snapshots/" + id;
        Download svg = ExportReadBack.get(app.app(), path + ".svg");
        Download png = ExportReadBack.get(app.app(), path + ".png");
        assertEquals(200, svg.status());
        assertEquals(3, ChartReadBack.svg(svg.body()).hovers().size(), "one hover title per bar");
        assertEquals(path + ".svg", Jsoup.parse(app.http().get(path).body()).select(".chart-holder").attr("data-chart-src"),
                "the snapshot page shows the snapshot's chart");

        TestDatabase.onPrimary("employees", "insert into chart_sales values ('west', 999)");
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 from chart_sales where region = 'west'");
        Http.Response newSql = api.send("PATCH", "/api/v1/clips/" + slug,
                Map.of("sql", "select region, amount * 2 as doubled from chart_sales"), auth);
        assertEquals(200, newSql.status(), newSql.body());
        assertEquals(2, newSql.json().get("version").asInt(), "new SQL is a new version");
        Http.Response newChart = api.send("PUT", "/api/v1/clips/" + slug + "/chart",
                Map.of("type", "pie", "x", "region", "y", List.of("doubled")), auth);
        assertEquals(200, newChart.status(), newChart.body());
        assertEquals("pie", newChart.json().get("type").asText());
        assertArrayEquals(svg.body(), ExportReadBack.get(app.app(), path + ".svg").body());
        assertArrayEquals(png.body(), ExportReadBack.get(app.app(), path + ".png").body());
        assertEquals(4, ChartReadBack.svg(ExportReadBack.get(app.app(), "/clips/" + slug + ".svg").body()).hovers().size(),
                "while the clip's own chart is the new pie of four regions");

        Http.Response pin = api.send("PUT", "/api/v1/clips/" + slug + "/pin", Map.of("snapshot", id), auth);
        assertEquals(200, pin.status(), pin.body());
        Download pinned = ExportReadBack.get(app.app(), "/clips/" + slug + ".svg");
        assertEquals("pinned", pinned.header("X-Result"));
        assertArrayEquals(svg.body(), pinned.body(), "a pinned clip's URL draws the snapshot's chart");
    }

    @Test
    void hostileLabelsAndValuesStillMakeAValidImageThatRunsNothing() throws Exception {
        String slug = app.slug("</svg><script>alert(1)</script>", "select * from (values "
                + "('<script>alert(\"x\")</script>', 1.5::float8), (']]></svg><svg onload=alert(1)>', 'NaN'), "
                + "(E'tab\\tnul\\u0001 \\u202Ereversed', 'Infinity'), (repeat('long', 25000), -3), (null, null)) "
                + "as t(\"<b>label</b>\", \"&amp; value\")");
        Download svg = ExportReadBack.get(app.app(), "/clips/" + slug + ".svg");
        assertEquals(200, svg.status(), () -> new String(svg.body(), StandardCharsets.UTF_8));
        ChartReadBack.Svg doc = ChartReadBack.svg(svg.body());
        assertEquals(0, doc.elements("script"));
        assertEquals(0, doc.elements("foreignObject"));
        assertTrue(doc.onAttributes().isEmpty(), "no event handler attribute: " + doc.onAttributes());
        assertTrue(svg.body().length < 200_000, "a 100 kB label is cut, not drawn: " + svg.body().length);
        assertTrue(doc.texts().contains("<b>label</b>"), "markup in a name is shown as text");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(ExportReadBack.get(app.app(), "/clips/" + slug + ".png").body()));
        assertEquals(800, png.getWidth());
    }

    @Test
    void theTableShowsTheChartAboveItAndTheOwnerWhyThereIsNone() throws Exception {
        String slug = app.slug("Chart page", DAILY);
        String table = app.http().get("/clips/" + slug + "/table").body();
        assertTrue(table.contains("<div class=\"chart-holder\" data-chart-src=\"/clips/" + slug + ".svg\""), table);
        assertTrue(table.indexOf("chart-holder") < table.indexOf("<table"), "the chart comes before the table");
        assertTrue(app.http().get("/clips/" + slug).body().contains("href=\"/clips/" + slug + ".png\""),
                "the image URLs beside the downloads");

        String words = app.slug("No numbers", "select 'a' as letter, 'b' as other");
        String linkHolders = app.http().get("/clips/" + words + "/table").body();
        assertFalse(linkHolders.contains("chart-holder") || linkHolders.contains("No chart"), "a link holder sees no chart");
        String owners = app.signedInAdmin().get("/clips/" + words + "/table").body();
        assertTrue(Jsoup.parse(owners).select(".no-chart").text().startsWith("No chart: the result has no number column "
                + "to chart. Choose a chart"), owners);
        assertTrue(app.signedInAdmin().get("/clips/" + words).body().contains("name=\"x\""),
                "the owner's chart settings form");
    }
}
