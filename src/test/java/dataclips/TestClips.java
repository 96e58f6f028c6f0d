package dataclips;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Clips made through the real API and their results read back from the real page fragment with jsoup. */
public final class TestClips {
    private TestClips() {}

    /** Creates a clip on the sample source and answers the API's JSON (slug, url, …). */
    public static JsonNode create(TestApp app, String token, String title, String sql) {
        Http.Response r = app.http().postJson("/api/v1/clips", Map.of("title", title, "source", "employees", "sql", sql),
                Http.bearer(token));
        if (r.status() != 201) {
            throw new AssertionError("create clip: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    public static String slug(TestApp app, String token, String title, String sql) {
        return create(app, token, title, sql).get("slug").asText();
    }

    /** The slug of a new clip on the sample source declaring these parameters (the API's JSON array). */
    public static String withParameters(TestApp app, String token, String title, String sql, String parameters) {
        try {
            Http.Response r = app.http().postJson("/api/v1/clips", Map.of("title", title, "source", "employees", "sql", sql,
                    "parameters", new com.fasterxml.jackson.databind.ObjectMapper().readTree(parameters)), Http.bearer(token));
            if (r.status() != 201) {
                throw new AssertionError("create clip: " + r.status() + " " + r.body());
            }
            return r.json().get("slug").asText();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(parameters, e);
        }
    }

    /**
     * The start of the tag every run of the clip carries in pg_stat_activity ("dataclips clip:<id> run:"): the
     * clip's internal id, read from the metadata database, since the tag never holds the slug.
     */
    public static String runTag(String slug) {
        String id = TestDatabase.scalar(TestCluster.get().primary(), dataclips.embedded.EmbeddedCluster.METADATA_DATABASE,
                "select id from clips where slug = '" + slug.replace("'", "''") + "'");
        if (id == null) {
            throw new AssertionError("no clip with the slug " + slug);
        }
        return "dataclips clip:" + id + " run:";
    }

    /** A run of the clip as its page loads it; the fragment parsed. */
    public record Table(int status, Document html) {
        public String state() {
            Element body = html.selectFirst(".result-body");
            return body == null ? "none" : body.attr("data-state");
        }

        public List<String> headers() {
            return html.select("table.results thead th .col-name").eachText();
        }

        /** Each body row's cell texts; a NULL cell reads "NULL" and carries the class "null". */
        public List<List<String>> rows() {
            return html.select("table.results tbody tr").stream()
                    .map(tr -> tr.select("td").stream().map(Element::wholeText).toList()).toList();
        }

        public String text() {
            return html.text();
        }
    }

    public static Table run(Http viewer, String slug) {
        Http.Response r = viewer.get("/clips/" + slug + "/table");
        return new Table(r.status(), Jsoup.parseBodyFragment(r.body()));
    }
}
