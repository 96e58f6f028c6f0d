package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.AppFixture;
import dataclips.AtOnce;
import dataclips.ExternalReaders;
import dataclips.Http;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Clip parameters over HTTP (README, "Parameters"): declared types bound as values in every URL and format,
 * optional blocks, 422s before anything runs, fixed and editable for link holders, one stored result and one run
 * per value set, snapshots that keep their values, and hostile values that stay values.
 */
class ParameterUrlsTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_MAX_PARAMETER_SETS", "3"));

    private static final String TYPED_SQL = "select {{t}} as t, {{i}} as i, {{n}} as n, {{d}} as d, {{ts}} as ts, "
            + "{{b}} as b, {{c}} as c, pg_typeof({{i}})::text as i_type, pg_typeof({{d}})::text as d_type";
    private static final String TYPED = "[{\"name\":\"t\",\"type\":\"text\",\"default\":\"hello\"},"
            + "{\"name\":\"i\",\"type\":\"integer\",\"default\":\"1\",\"min\":\"0\",\"max\":\"100\"},"
            + "{\"name\":\"n\",\"type\":\"number\",\"default\":\"2.5\"},"
            + "{\"name\":\"d\",\"type\":\"date\",\"default\":\"2024-01-31\"},"
            + "{\"name\":\"ts\",\"type\":\"timestamp\",\"default\":\"2024-01-31T10:00:00Z\"},"
            + "{\"name\":\"b\",\"type\":\"boolean\",\"default\":\"true\"},"
            + "{\"name\":\"c\",\"type\":\"choice\",\"choices\":[\"north\",\"south\"],\"default\":\"north\","
            + "\"link_holders\":\"fixed\"}]";

    @Test
    void everyTypeIsBoundAsItsOwnTypeAndBadValuesAre422BeforeAnythingRuns() throws Exception {
        String slug = declared("Typed", TYPED_SQL, TYPED);
        CSVRecord row = csv("/clips/" + slug + ".csv?t=x%27y&i=42&n=1e3&d=2023-12-24&ts=2023-12-24T08:30:00%2B02:00"
                + "&b=no&c=south", true).get(1);
        assertEquals(List.of("x'y", "42", "1000", "2023-12-24", "2023-12-24 06:30:00+00", "f", "south", "bigint",
                "date"), row.toList());
        CSVRecord defaults = csv("/clips/" + slug + ".csv", true).get(1);
        assertEquals(List.of("hello", "1", "2.5", "2024-01-31", "2024-01-31 10:00:00+00", "t", "north", "bigint",
                "date"), defaults.toList());
        int runs = runs(slug);
        for (String[] bad : new String[][] {{"i=abc", "'i'"}, {"i=101", "'i'"}, {"i=99999999999999999999", "'i'"},
            {"n=NaN", "'n'"}, {"d=99999-01-01", "'d'"}, {"d=2024-02-30", "'d'"}, {"b=maybe", "'b'"},
            {"c=east", "'c'"}, {"ts=yesterday-ish", "'ts'"}}) {
            Http.Response r = app.http().get("/clips/" + slug + ".csv?" + bad[0], Http.bearer(app.admin()));
            assertEquals(422, r.status(), bad[0] + ": " + r.body());
            assertTrue(r.body().contains(bad[1]), bad[0] + " names the parameter: " + r.body());
        }
        assertEquals(runs, runs(slug), "nothing ran for a refused value");
    }

    @Test
    void anOptionalBlockServesAllAndOne() throws Exception {
        String slug = declared("Optional", "select g from generate_series(1, 5) g where true [[and g = {{g}}]] order by g",
                "[{\"name\":\"g\",\"type\":\"integer\"}]");
        assertEquals(6, csv("/clips/" + slug + ".csv", true).size(), "no value: the block is dropped, all 5 rows");
        List<CSVRecord> one = csv("/clips/" + slug + ".csv?g=3", true);
        assertEquals(2, one.size());
        assertEquals("3", one.get(1).get(0));
        assertEquals(6, csv("/clips/" + slug + ".csv?g=", true).size(), "an empty value means none");
    }

    @Test
    void everyFormatCarriesTheValuesAndSaysWhichTheyWere() throws Exception {
        String slug = declared("Formats", "select {{region}} as region, g from generate_series(1, {{n}}) g",
                "[{\"name\":\"region\",\"type\":\"text\",\"default\":\"all\"},{\"name\":\"n\",\"type\":\"integer\",\"default\":\"2\"}]");
        String q = "?region=north&n=3";
        JsonNode json = tree(app.http().get("/clips/" + slug + ".json" + q).body());
        assertEquals("north", json.get("parameters").get("region").asText());
        assertEquals("3", json.get("parameters").get("n").asText());
        assertEquals(3, json.get("values").size());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(app.http().get("/clips/" + slug + ".xml" + q).body())));
        Map<String, String> parameters = new java.util.TreeMap<>();
        NodeList given = xml.getElementsByTagName("parameter");
        for (int i = 0; i < given.getLength(); i++) {
            parameters.put(((Element) given.item(i)).getAttribute("name"), given.item(i).getTextContent());
        }
        assertEquals(Map.of("n", "3", "region", "north"), parameters);
        assertEquals(3, xml.getElementsByTagName("row").getLength());
        DownloadedFiles.Table xlsx = DownloadedFiles.xlsx(download("/clips/" + slug + ".xlsx" + q), List.of("g"), List.of());
        assertEquals(List.of("region", "g"), xlsx.names());
        assertEquals(List.of(List.of("north", "1"), List.of("north", "2"), List.of("north", "3")), xlsx.rows(),
                "the XLSX ran with the values too");
        Http.Response page = app.http().get("/clips/" + slug + q);
        assertTrue(page.body().contains("/clips/" + slug + ".csv?region=north&amp;n=3"), "downloads keep the values");
        assertTrue(page.body().contains("/clips/" + slug + "/table?region=north&amp;n=3"), "so does the table");
        String table = app.http().get("/clips/" + slug + "/table" + q).body();
        assertTrue(table.contains("north") && table.contains("3 rows"), table);
        assertEquals(2, csv("/clips/" + slug + ".csv", false).size() - 1, "the defaults: n=2");
    }

    @Test
    void linkHoldersMaySetEditableParametersButNotFixedOnes() throws Exception {
        String slug = declared("Fixed", TYPED_SQL, TYPED);
        Http.Response fixed = app.http().get("/clips/" + slug + ".csv?c=south");
        assertEquals(422, fixed.status(), fixed.body());
        assertTrue(fixed.body().contains("fixed for shared links") && fixed.body().contains("'c'"), fixed.body());
        assertEquals("north", csv("/clips/" + slug + ".csv?t=mine", false).get(1).get(6), "the default for them");
        assertEquals("mine", csv("/clips/" + slug + ".csv?t=mine", false).get(1).get(0), "editable: theirs");
        assertEquals("south", csv("/clips/" + slug + ".csv?c=south", true).get(1).get(6), "signed in: any value");
        String anonymousPage = app.http().get("/clips/" + slug).body();
        assertTrue(anonymousPage.contains("name=\"t\"") && !anonymousPage.contains("name=\"c\""),
                "a link holder's form has the editable parameters only");
        String ownerPage = app.signedInAdmin().get("/clips/" + slug + "?t=abc").body();
        assertTrue(ownerPage.contains("name=\"c\"") && ownerPage.contains("value=\"abc\""), "the owner's has all, with values");
        assertTrue(ownerPage.contains("/clips/" + slug + "?t=abc&amp;refresh=1"), "Run now keeps the values");
    }

    @Test
    void eachValueSetIsStoredAndRunOnceEvenFor30ViewersAtOnce() throws Exception {
        String slug = declared("Sets", "select {{n}} as n, pg_sleep(0.3)::text as slept",
                "[{\"name\":\"n\",\"type\":\"integer\",\"default\":\"0\"}]");
        assertEquals("live", app.http().get("/clips/" + slug + ".csv?n=3").header("X-Result").orElseThrow());
        assertEquals("stored", app.http().get("/clips/" + slug + ".csv?n=3").header("X-Result").orElseThrow());
        assertEquals("stored", app.http().get("/clips/" + slug + ".csv?n=03").header("X-Result").orElseThrow(),
                "03 is the same value as 3");
        Http.Response four = app.http().get("/clips/" + slug + ".csv?n=4");
        assertEquals("live", four.header("X-Result").orElseThrow());
        assertTrue(four.body().contains("4,"), four.body());
        assertEquals(2, runs(slug));

        for (Http.Response answer : AtOnce.get(app, "/clips/" + slug + ".csv?n=7", 30)) {
            assertEquals(200, answer.status(), answer.body());
            assertTrue(answer.body().startsWith("n,slept\r\n7,"), answer.body());
        }
        assertEquals(3, runs(slug), "30 viewers of one new value set: one run");
        assertTrue(csv("/clips/" + slug + ".csv?n=3", false).get(1).get(0).equals("3"), "the other sets are untouched");
    }

    @Test
    void aClipKeepsTheLiveResultsOfItsMostRecentlyRunValueSetsOnly() throws Exception {
        String slug = declared("Bounded", "select {{n}} as n", "[{\"name\":\"n\",\"type\":\"integer\",\"default\":\"0\"}]");
        for (int n = 1; n <= 5; n++) {
            assertEquals("live", app.http().get("/clips/" + slug + ".csv?n=" + n).header("X-Result").orElseThrow());
        }
        long id = app.http().get("/api/v1/clips/" + slug, Http.bearer(app.admin())).json().get("id").asLong();
        assertEquals("3", TestDatabase.scalar(dataclips.TestCluster.get().primary(), EmbeddedCluster.METADATA_DATABASE,
                "select count(distinct parameter_set) from results where kind = 'live' and clip_id = " + id),
                "DATACLIPS_MAX_PARAMETER_SETS=3: the three most recent sets");
        assertEquals("stored", app.http().get("/clips/" + slug + ".csv?n=5").header("X-Result").orElseThrow());
        assertEquals("live", app.http().get("/clips/" + slug + ".csv?n=1").header("X-Result").orElseThrow(),
                "the oldest set's result was removed to make room");
    }

    @Test
    void aChoiceMayListTheFirstColumnOfAnotherClip() throws Exception {
        String regions = app.slug("Regions", "select r from (values ('north'), ('south'), (null), ('north')) v(r)");
        String slug = declared("Chosen", "select {{region}} as region", "[{\"name\":\"region\",\"type\":\"choice\","
                + "\"choices_clip\":\"" + regions + "\",\"default\":\"north\"}]");
        assertEquals("south", csv("/clips/" + slug + ".csv?region=south", false).get(1).get(0));
        assertEquals("north", csv("/clips/" + slug + ".csv", false).get(1).get(0), "the default");
        Http.Response east = app.http().get("/clips/" + slug + ".csv?region=east");
        assertEquals(422, east.status());
        assertTrue(east.body().contains("'north'") && east.body().contains("'south'"), east.body());
        String page = app.http().get("/clips/" + slug).body();
        assertTrue(page.contains("<option value=\"south\"") && page.contains("<option value=\"north\""), "the form lists them");
        assertEquals("region", app.http().get("/api/v1/clips/" + slug + "/parameters", Http.bearer(app.admin())).json()
                .get(0).get("name").asText());
        assertEquals(regions, app.http().get("/api/v1/clips/" + slug + "/parameters", Http.bearer(app.admin())).json()
                .get(0).get("choices_clip").asText());

        Http.Response noClip = app.http().postJson("/api/v1/clips", Map.of("title", "x", "source", "employees", "sql",
                "select {{r}} as r", "parameters", tree("[{\"name\":\"r\",\"type\":\"choice\",\"choices_clip\":\""
                        + "a".repeat(26) + "\"}]")), Http.bearer(app.admin()));
        assertEquals(422, noClip.status());
        assertTrue(noClip.body().contains("is no clip"), noClip.body());
        Http.Response withParameters = app.http().postJson("/api/v1/clips", Map.of("title", "x", "source", "employees",
                "sql", "select {{r}} as r", "parameters", tree("[{\"name\":\"r\",\"type\":\"choice\",\"choices_clip\":\""
                        + slug + "\"}]")), Http.bearer(app.admin()));
        assertEquals(422, withParameters.status());
        assertTrue(withParameters.body().contains("parameters of its own"), withParameters.body());
    }

    @Test
    void aSnapshotKeepsTheValuesItRanWith() throws Exception {
        String slug = declared("Snap", "select {{region}} as region", "[{\"name\":\"region\",\"type\":\"text\",\"default\":\"all\"}]");
        Http.Response taken = app.http().postJson("/api/v1/clips/" + slug + "/snapshots?region=west", Map.of("label", "w"),
                Http.bearer(app.admin()));
        assertEquals(201, taken.status(), taken.body());
        assertEquals("west", taken.json().get("parameters").get("region").asText());
        long id = taken.json().get("id").asLong();
        JsonNode download = tree(app.http().get("/clips/" + slug + "/snapshots/" + id + ".json").body());
        assertEquals("west", download.get("parameters").get("region").asText());
        assertEquals("west", download.get("values").get(0).get(0).asText());
        String page = app.signedInAdmin().get("/clips/" + slug + "/snapshots/" + id).body();
        assertTrue(page.contains("region = west"), "the snapshot page says which values it ran with");
    }

    @Test
    void declarationsMustMatchTheSqlAndAvoidTheAppsOwnKeys() throws Exception {
        String slug = app.slug("Declared", "select 1 as one");
        Http.Response unused = put(slug, "[{\"name\":\"x\",\"type\":\"text\"}]");
        assertEquals(422, unused.status());
        assertTrue(unused.body().contains("x"), unused.body());
        Http.Response undeclared = app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("sql", "select {{y}} as y"),
                Http.bearer(app.admin()));
        assertEquals(422, undeclared.status());
        assertTrue(undeclared.body().contains("y"), undeclared.body());
        Http.Response reserved = app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("sql", "select {{format}} as f",
                "parameters", List.of(Map.of("name", "format", "type", "text"))), Http.bearer(app.admin()));
        assertEquals(422, reserved.status());
        assertTrue(reserved.body().contains("format"), reserved.body());
        Http.Response both = app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("sql", "select {{y}} as y",
                "parameters", List.of(Map.of("name", "y", "type", "text", "default", "why"))), Http.bearer(app.admin()));
        assertEquals(200, both.status(), both.body());
        assertEquals("y", app.http().get("/api/v1/clips/" + slug + "/parameters", Http.bearer(app.admin())).json()
                .get(0).get("name").asText());
        JsonNode versions = app.http().get("/api/v1/clips/" + slug + "/versions", Http.bearer(app.admin())).json();
        assertEquals("y", versions.get(0).get("parameters").get(0).get("name").asText(), "saved with the version");
        assertEquals(0, versions.get(1).get("parameters").size());

        Http owner = app.signedInAdmin(); // the page's editor: the SQL and a row per parameter in one form
        Map<String, String> form = Map.of("_csrf", owner.get("/clips/" + slug).csrf(), "title", "Declared",
                "description", "", "max_age_seconds", "60", "sql", "select {{z}} as z", "p_name", "z",
                "p_type", "integer", "p_default", "5", "p_link_holders", "editable");
        assertEquals(302, owner.postForm("/clips/" + slug + "/edit", form).status());
        assertEquals("5", csv("/clips/" + slug + ".csv", true).get(1).get(0));
        Map<String, String> bad = new java.util.HashMap<>(form);
        bad.put("p_type", "colour");
        Http.Response refused = owner.postForm("/clips/" + slug + "/edit", bad);
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("type cannot be &#39;colour&#39;: use text, integer"), "the page says what is wrong");
    }

    @Test
    void hostileValuesAreRefusedOrBoundAsTheLiteralsTheyAre() throws Exception {
        TestDatabase.onPrimary("employees", "create table if not exists parameter_canary (id int)");
        String slug = declared("Hostile", "select {{t}} as t, {{i}} as i",
                "[{\"name\":\"t\",\"type\":\"text\",\"default\":\"\"},{\"name\":\"i\",\"type\":\"integer\",\"default\":\"1\"}]");
        for (String value : List.of("1; drop table parameter_canary", "' or '1'='1", "$$", "*/", "{{i}}", "?", "\\")) {
            String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(value, csv("/clips/" + slug + ".csv?t=" + encoded, false).get(1).get(0), value);
            Http.Response asInteger = app.http().get("/clips/" + slug + ".csv?i=" + encoded);
            assertEquals(422, asInteger.status(), value + ": " + asInteger.body());
        }
        assertEquals(422, app.http().get("/clips/" + slug + ".csv?t=a" + "&t=b".repeat(999)).status(), "1,000 repeats");
        assertEquals(422, app.http().get("/clips/" + slug + ".csv?t=a%00b").status(), "NUL");
        Http.Response badUtf8 = app.http().get("/clips/" + slug + ".csv?t=%C3%28");
        assertTrue(badUtf8.status() == 400 || badUtf8.status() == 422
                || (badUtf8.status() == 200 && badUtf8.body().contains("\uFFFD(")), "invalid UTF-8: " + badUtf8.status());
        Http.Response huge = app.http().get("/clips/" + slug + ".csv?t=" + "x".repeat(20_000));
        assertTrue(huge.status() == 414 || huge.status() == 422, "too long for a URL: " + huge.status());
        assertEquals("parameter_canary", TestDatabase.scalar(dataclips.TestCluster.get().primary(), "employees",
                "select tablename from pg_tables where tablename = 'parameter_canary'"), "the primary is unchanged");
        assertEquals(200, app.http().get("/health").status(), "and the app serves on");
    }

    @Test
    void pandasReadsAClipWithValuesFromItsUrl() throws Exception {
        String missing = ExternalReaders.missing("ParameterUrlsTest");
        Assumptions.assumeTrue(missing == null, missing);
        Path python = ExternalReaders.PYTHON;
        String slug = declared("Pandas", "select g, {{label}} as label from generate_series(1, {{n}}) g",
                "[{\"name\":\"label\",\"type\":\"text\",\"default\":\"x\"},{\"name\":\"n\",\"type\":\"integer\",\"default\":\"1\"}]");
        String url = app.base() + "/clips/" + slug + ".csv?n=4&label=north%20east";
        Process p = new ProcessBuilder(python.toString(), "-c", "import pandas, sys; d = pandas.read_csv(sys.argv[1]); "
                + "print(len(d), d['label'][0], int(d['g'].sum()))", url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        assertEquals("4 north east 10", out);
    }

    private static String declared(String title, String sql, String parameters) {
        Http.Response created = app.http().postJson("/api/v1/clips", Map.of("title", title, "source", "employees",
                "sql", sql, "parameters", tree(parameters)), Http.bearer(app.admin()));
        assertEquals(201, created.status(), created.body());
        return created.json().get("slug").asText();
    }

    private static Http.Response put(String slug, String parameters) {
        return app.http().send("PUT", "/api/v1/clips/" + slug + "/parameters", tree(parameters),
                Http.bearer(app.admin()));
    }

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int runs(String slug) {
        return app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(app.admin())).json().size();
    }

    /** The file at path, as a link holder downloads it (a 200), saved to a temporary file. */
    private static Path download(String path) throws Exception {
        Path file = Files.createTempFile("parameter-urls", ".download");
        file.toFile().deleteOnExit();
        HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.base() + path)).build(),
                HttpResponse.BodyHandlers.ofFile(file));
        assertEquals(200, r.statusCode(), path + ": " + Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
        return file;
    }

    /** The CSV at path as records (the header first), signed in or as a link holder; the answer must be 200. */
    private static List<CSVRecord> csv(String path, boolean signedIn) throws Exception {
        Http.Response r = signedIn ? app.http().get(path, Http.bearer(app.admin())) : app.http().get(path);
        assertEquals(200, r.status(), path + ": " + r.body());
        assertFalse(r.body().isEmpty());
        return CSVFormat.DEFAULT.parse(new StringReader(r.body())).getRecords();
    }
}
