package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.TestClips;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile values and column names: shown as text, escaped in every format, never run as a formula. */
class HostileDataTest {
    private static final List<String> MARKUP = List.of("<script>alert('name')</script>", "<img src=x onerror=alert(1)>",
            "</th></tr><b>bold</b>", "\" onmouseover=\"alert(2)");
    @RegisterExtension
    static final HostileFixture fx = new HostileFixture();

    @Test
    void markupInValuesAndColumnNamesIsTextOnThePageAndEscapedInJsonAndXml() throws Exception {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < MARKUP.size(); i++) {
            String literal = MARKUP.get(i).replace("'", "''");
            parts.add("'" + literal + "' as \"" + MARKUP.get(i).replace("\"", "\"\"") + "\"");
        }
        String slug = fx.slug("markup", "select " + String.join(", ", parts));
        TestClips.Table table = TestClips.run(fx.http(), slug);
        assertEquals(MARKUP, table.headers());
        assertEquals(List.of(MARKUP), table.rows());
        assertTrue(table.html().select("script, img, b, [onmouseover], [onerror]").isEmpty(), table.html().html());
        Document page = Jsoup.parse(fx.http().get("/clips/" + slug).body());
        assertTrue(page.select("img, b, [onmouseover], [onerror]").isEmpty());
        assertTrue(page.select("script").stream().noneMatch(s -> s.html().contains("alert")), "an injected script on the page");

        JsonNode json = HostileData.json(HostileData.get(fx.base(), "/clips/" + slug + ".json").body());
        assertEquals(MARKUP, texts(json.get("fields")));
        assertEquals(MARKUP, texts(json.get("values").get(0)));
        var xml = HostileData.xml(HostileData.get(fx.base(), "/clips/" + slug + ".xml").body());
        assertEquals(MARKUP, HostileData.xmlColumnNames(xml));
        assertEquals(MARKUP, HostileData.xmlFirstRow(xml));
        assertEquals(0, xml.getElementsByTagName("script").getLength() + xml.getElementsByTagName("img").getLength());
    }

    @Test
    void formulaLookingTextIsNeutralisedInCsvAndXlsx() throws Exception {
        List<String> formulas = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)",
                "=cmd|' /C calc'!A0");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < formulas.size(); i++) {
            parts.add("'" + formulas.get(i).replace("'", "''") + "' as \"" + (i == 0 ? "=1+1" : "f" + i) + "\"");
        }
        String slug = fx.slug("formulas", "select " + String.join(", ", parts));
        List<CSVRecord> csv = HostileData.csv(HostileData.get(fx.base(), "/clips/" + slug + ".csv").body());
        assertEquals("'=1+1", csv.get(0).get(0), "a formula-looking column name");
        for (int i = 0; i < formulas.size(); i++) {
            assertEquals("'" + formulas.get(i), csv.get(1).get(i));
        }
        try (XSSFWorkbook book = HostileData.xlsx(HostileData.get(fx.base(), "/clips/" + slug + ".xlsx").body())) {
            XSSFSheet sheet = book.getSheetAt(0);
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertEquals(CellType.STRING, cell.getCellType(), "cell " + cell.getAddress() + " is not plain text");
                }
            }
            List<String> values = new ArrayList<>();
            sheet.getRow(1).forEach(c -> values.add(c.getStringCellValue()));
            assertEquals(formulas, values.stream().map(v -> v.startsWith("'") ? v.substring(1) : v).toList());
        }
    }

    @Test
    void loneSurrogateEscapesInJsonValuesStillMakeValidJsonAndXml() throws Exception {
        String slug = fx.slug("surrogates", "select '{\"a\":\"\\ud800\",\"b\":\"x\\udfffy\",\"ok\":\"\\ud83d\\ude00\"}'::json as j, "
                + "'[\"\\udbff\"]'::json as k"); // jsonb refuses them, json keeps the text
        byte[] body = HostileData.get(fx.base(), "/clips/" + slug + ".json").body();
        String text = HostileData.strictUtf8(body);
        JsonNode json = HostileData.json(body);
        assertTrue(json.has("values"), text);
        JsonNode j = json.get("values").get(0).get(0);
        assertEquals("\uD83D\uDE00", j.get("ok").asText(), text);
        for (String value : List.of(j.get("a").asText(), j.get("b").asText(), json.get("values").get(0).get(1).toString())) {
            // strict readers (Rust's serde_json, for one) refuse a lone surrogate escape: it must arrive as U+FFFD
            assertTrue(value.chars().noneMatch(c -> Character.isSurrogate((char) c)), "a lone surrogate came through: " + text);
            assertTrue(value.contains("\uFFFD"), value);
        }
        HostileData.xml(HostileData.get(fx.base(), "/clips/" + slug + ".xml").body());
        assertEquals(2, HostileData.csv(HostileData.get(fx.base(), "/clips/" + slug + ".csv").body()).size());
        TestClips.Table table = TestClips.run(fx.http(), slug);
        assertEquals("ok", table.state(), table.text());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
