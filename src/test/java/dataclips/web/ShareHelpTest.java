package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The clip page's "Use this clip" panel over HTTP, read back with jsoup: the exact lines for a link clip (its owner
 * and a link holder alike), with the page's parameter values, for a private clip and an expired link (a token, no
 * formula, and why), and hostile titles and values, which stay inside the string of each line's quoting.
 */
class ShareHelpTest {
    private static final String BASE = "https://dataclips.example.com";
    private static final SettableClock CLOCK = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_BASE_URL", BASE), CLOCK);

    @Test
    void aLinkClipsOwnerAndLinkHoldersGetTheSameLinesWithTheAbsolutePublicUrl() {
        String slug = app.slug("Sales by month", "select 1 as n");
        String url = BASE + "/clips/" + slug;
        Map<String, String> expected = new LinkedHashMap<>(urls(url, ""));
        expected.put("importdata", "=IMPORTDATA(\"" + url + ".csv\")");
        expected.put("image", "=IMAGE(\"" + url + ".png\")");
        expected.put("pandas", "import pandas as pd; df = pd.read_csv(\"" + url + ".csv\")");
        expected.put("curl", "curl -fL -o 'Sales-by-month.csv' '" + url + ".csv'");
        expected.put("markdown", "![Sales by month](" + url + ".svg)");
        Http admin = app.signedInAdmin();
        for (Http viewer : List.of(admin, app.http())) {
            Document page = page(viewer, "/clips/" + slug);
            assertEquals(expected, lines(page));
            Element panel = page.selectFirst("#share");
            assertEquals("Anyone with these URLs gets the data, without an account or a cookie: paste one into a "
                    + "spreadsheet, a notebook or a script.", panel.selectFirst(".share-about").text());
            assertEquals(List.of("Excel for Windows: Data › From Web, paste the CSV URL; Data › Refresh All reads it again."),
                    panel.select(".share-note").eachText());
            assertNull(panel.selectFirst(".share-left-out"));
            for (Element line : panel.select(".share-line")) {
                Element button = line.selectFirst("button.copy");
                assertTrue(button.hasAttr("hidden"), "no Copy button without JavaScript");
                assertEquals(line.selectFirst("code.share-text").id(), button.attr("data-copy"));
                assertEquals("Copy " + line.selectFirst("dt").text(), button.attr("aria-label"));
            }
            assertEquals("polite", panel.selectFirst(".share-status[role=status]").attr("aria-live"));
            assertEquals(scripts(viewer == admin), page.select("script").eachAttr("src"));
        }
        Document home = page(app.signedInAdmin(), "/");
        assertTrue(home.select("script[src=/static/js/share.js]").isEmpty(), "pages without the panel do not load it");
    }

    @Test
    void thePagesParameterValuesAreCarriedByEveryUrlEncodedInsideEachQuoting() {
        String slug = declared("Regional", "select {{region}}::text as region, {{n}} as n",
                "[{\"name\":\"region\",\"type\":\"text\",\"default\":\"north\"},{\"name\":\"n\",\"type\":\"integer\",\"default\":\"1\"}]");
        String url = BASE + "/clips/" + slug;
        String values = "?region=a%22b%27c%3Cd%3E%20%26%20e&n=3";
        Map<String, String> lines = lines(page(app.http(), "/clips/" + slug + "?n=3&region=" + "a%22b%27c%3Cd%3E%20%26%20e"));
        Map<String, String> expected = new LinkedHashMap<>(urls(url, values));
        expected.put("importdata", "=IMPORTDATA(\"" + url + ".csv" + values + "\")");
        expected.put("image", "=IMAGE(\"" + url + ".png" + values + "\")");
        expected.put("pandas", "import pandas as pd; df = pd.read_csv(\"" + url + ".csv" + values + "\")");
        expected.put("curl", "curl -fL -o 'Regional.csv' '" + url + ".csv" + values + "'");
        expected.put("markdown", "![Regional](" + url + ".svg" + values + ")");
        assertEquals(expected, lines);
        Http.Response csv = app.http().get("/clips/" + slug + ".csv" + values);
        assertEquals(200, csv.status(), csv.body());
        assertEquals("region,n\r\n\"a\"\"b'c<d> & e\",3\r\n", csv.body(), "the URL in the lines gives these values");
        assertEquals(urls(url, ""), subset(lines(page(app.http(), "/clips/" + slug)), urls(url, "").keySet()),
                "without values in the page's URL, none in the lines");
    }

    @Test
    void aPrivateClipsLinesSendATokenAndSayWhyThereIsNoFormula() {
        String slug = app.slug("Private one", "select 1 as n");
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + slug + "/sharing", Map.of("access", "private"),
                Http.bearer(app.admin())).status());
        String url = BASE + "/clips/" + slug;
        Document page = page(app.signedInAdmin(), "/clips/" + slug);
        Map<String, String> expected = new LinkedHashMap<>(urls(url, ""));
        expected.put("pandas", "import os, pandas as pd; df = pd.read_csv(\"" + url + ".csv\", "
                + "storage_options={\"Authorization\": \"Bearer \" + os.environ[\"DATACLIPS_TOKEN\"]})");
        expected.put("curl", "curl -fL -H \"Authorization: Bearer $DATACLIPS_TOKEN\" -o 'Private-one.csv' '" + url + ".csv'");
        assertEquals(expected, lines(page));
        Element panel = page.selectFirst("#share");
        assertEquals("This clip is private: its URLs answer only signed-in users who may view or query its database, and "
                + "their API tokens; anyone else, and any spreadsheet or script without a token, gets 404.",
                panel.selectFirst(".share-about").text());
        assertEquals("No =IMPORTDATA or =IMAGE formula and no Markdown image here: Google Sheets fetches a URL from "
                + "Google's servers, and a Markdown page's images are fetched by each reader's browser, neither with your "
                + "sign-in or a token, so they would get 404. Share it with anyone holding the link (Share, Who can open it) to "
                + "use them.", panel.selectFirst(".share-left-out").text());
        assertEquals(List.of("These lines read your API token from the environment variable DATACLIPS_TOKEN (create one "
                + "under API tokens, or with POST /api/v1/tokens), sent as \"Authorization: Bearer …\"."),
                panel.select(".share-note").eachText());
        assertFalse(panel.text().contains("=IMPORTDATA(\"") || panel.text().contains("=IMAGE(\""), panel.text());
        // What the token line sends answers; without the token it is the 404 the panel says.
        assertEquals(200, app.http().get("/clips/" + slug + ".csv", Http.bearer(app.admin())).status());
        assertEquals(404, app.http().get("/clips/" + slug + ".csv").status());
        assertEquals(404, app.http().get("/clips/" + slug).status(), "no panel for anyone without an account");

        String member = app.memberToken("share-member@example.com");
        Http other = app.signedIn("share-member@example.com", "member-password-1");
        assertTrue(page(other, "/clips/" + slug).selectFirst("#share .share-left-out").text()
                .endsWith("Its owner can share it with anyone holding the link to use them."));
        assertEquals(200, app.http().get("/clips/" + slug + ".csv", Http.bearer(member)).status());
    }

    @Test
    void aLinkPastItsExpiryTellsSignedInUsersItNoLongerWorksWithoutAnAccount() {
        String slug = app.slug("Expiring", "select 1 as n");
        Instant expiry = CLOCK.instant().plus(Duration.ofHours(1));
        assertEquals(200, app.http().send("PUT", "/api/v1/clips/" + slug + "/sharing",
                "{\"access\":\"link\",\"expires_at\":\"" + expiry + "\"}", Http.bearer(app.admin())).status());
        String shown = ClipViews.shown(expiry.atOffset(java.time.ZoneOffset.UTC));
        Document before = page(app.signedInAdmin(), "/clips/" + slug);
        assertEquals("Anyone with these URLs gets the data, without an account or a cookie: paste one into a "
                + "spreadsheet, a notebook or a script. They work until " + shown + ", when the link expires.",
                before.selectFirst("#share .share-about").text());
        assertFalse(page(app.http(), "/clips/" + slug).selectFirst("#share .share-about").text().contains("until"),
                "link holders are not told the expiry, as elsewhere on the page");

        CLOCK.advance(Duration.ofHours(1));
        Document after = page(app.signedInAdmin(), "/clips/" + slug);
        Element about = after.selectFirst("#share .share-about");
        assertEquals("The link expired " + shown + ": people without an account now get 404 from these URLs, and so do "
                + "spreadsheets and scripts without an API token. Signed-in users and API tokens still get the data.",
                about.text());
        assertTrue(about.hasClass("expired"), "shown as a warning");
        assertEquals(List.of("link", "csv", "json", "xml", "xlsx", "svg", "png", "pandas", "curl"),
                List.copyOf(lines(after).keySet()), "the token lines, no formula");
        assertTrue(after.selectFirst("#share .share-left-out").text()
                .endsWith("Move or remove the link's expiry (Share, The link) to use them."));
        assertEquals(404, app.http().get("/clips/" + slug + ".csv").status());
    }

    @Test
    void hostileTitlesStayTextInTheMarkdownTheFileNameAndThePage() {
        String title = "Bob's \"best\" <script>alert(1)</script> [x](javascript:y) & *z* `c` | ~d~ \\";
        String slug = app.slug(title, "select 1 as n");
        String url = BASE + "/clips/" + slug;
        Http admin = app.signedInAdmin();
        for (Http viewer : List.of(admin, app.http())) {
            Document page = page(viewer, "/clips/" + slug);
            Map<String, String> lines = lines(page);
            assertEquals("![Bob's \"best\" \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:y) \\& \\*z\\* \\`c\\` \\| "
                    + "\\~d\\~ \\\\](" + url + ".svg)", lines.get("markdown"));
            assertEquals("curl -fL -o 'Bob-s-best-script-alert-1-script-x-javascript-y-z-c-d.csv' '" + url + ".csv'",
                    lines.get("curl"));
            assertEquals("=IMPORTDATA(\"" + url + ".csv\")", lines.get("importdata"));
            assertEquals(scripts(viewer == admin), page.select("script").eachAttr("src"), "the title's script is text");
            assertTrue(PageSecurityTest.blockedByThePolicy("clip page", page).isEmpty());
        }
        Http.Response created = app.http().postJson("/api/v1/clips", Map.of("title", "Two\nlines\u202e", "source", "employees",
                "sql", "select 1 as n"), Http.bearer(app.admin()));
        assertEquals(201, created.status(), created.body());
        String markdown = lines(page(app.http(), "/clips/" + created.json().get("slug").asText())).get("markdown");
        assertTrue(markdown.startsWith("![Two lines ]("), "one line, no direction override: " + markdown);
    }

    /** The page's panel lines: each line's key and the exact text of its code element, in page order. */
    static Map<String, String> lines(Document page) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (Element line : page.select("#share .share-line")) {
            lines.put(line.attr("data-key"), line.selectFirst("code.share-text").wholeText());
        }
        return lines;
    }

    private static Map<String, String> urls(String url, String values) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("link", url + values);
        for (String ext : List.of("csv", "json", "xml", "xlsx", "svg", "png")) {
            urls.put(ext, url + "." + ext + values);
        }
        return urls;
    }

    private static Map<String, String> subset(Map<String, String> lines, java.util.Set<String> keys) {
        Map<String, String> subset = new LinkedHashMap<>(lines);
        subset.keySet().retainAll(keys);
        return subset;
    }

    private static Document page(Http viewer, String path) {
        Http.Response r = viewer.get(path);
        assertEquals(200, r.status(), path + ": " + r.body());
        return Jsoup.parse(r.body());
    }

    private static String declared(String title, String sql, String parameters) {
        Http.Response created = app.http().postJson("/api/v1/clips", "{\"title\":\"" + title + "\",\"source\":\"employees\","
                + "\"sql\":\"" + sql + "\",\"parameters\":" + parameters + "}", Http.bearer(app.admin()));
        assertEquals(201, created.status(), created.body());
        return created.json().get("slug").asText();
    }

    /** The clip page's scripts: the owner's also loads the workbench, ahead of dataclips.js, which attaches it. */
    private static List<String> scripts(boolean owner) {
        List<String> common = List.of("/static/js/dataclips.js", "/static/js/share.js");
        return owner ? java.util.stream.Stream.concat(java.util.stream.Stream.of("/static/vendor/codemirror/sql-editor.js",
                "/static/js/parameters.js", "/static/js/workbench.js"), common.stream()).toList() : common;
    }
}
