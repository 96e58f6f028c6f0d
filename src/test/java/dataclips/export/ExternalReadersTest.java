package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dataclips.ExternalReaders;
import dataclips.TestApp;
import dataclips.TestClips;
import dataclips.export.PgValues.Cell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance as users meet the downloads: src/test/python/read_back.py reads the every_type clip with pandas,
 * Python's csv, json and xml modules, xmllint and openpyxl (Debian's /usr/bin/python3), and every cell each of
 * them saw is compared with PostgreSQL's own value. Skips without those tools, unless CI is set (then it fails).
 */
class ExternalReadersTest {
    private static final Path PYTHON = ExternalReaders.PYTHON;
    private static final Path XMLLINT = ExternalReaders.XMLLINT;
    private static final String SQL = "select * from every_type order by id";
    /** Text pandas reads as missing by default (its na_values), whatever the column. */
    private static final Set<String> PANDAS_NA = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN",
            "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static String skipReason;
    private static JsonNode seen;
    private static List<List<Cell>> expected;

    @BeforeAll
    static void readBack() throws Exception {
        skipReason = ExternalReaders.missing("ExternalReadersTest");
        if (skipReason != null) {
            return; // each test then reports itself skipped
        }
        try (TestApp app = TestApp.start()) {
            seen = runReadBack(app.base(), TestClips.slug(app, app.adminToken(), "Every type", SQL));
        }
        expected = PgValues.cells(SQL);
    }

    @BeforeEach
    void skipWithoutReaders() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @Test
    void everyReaderSeesTheExactColumnNamesAndRowCount() {
        List<String> names = expected.get(0).stream().map(c -> c.column().name()).toList();
        assertEquals(5, expected.size());
        for (String reader : List.of("csv_module", "pandas", "pandas_text", "json_module", "xml", "openpyxl")) {
            assertEquals(names, list(seen.get(reader).get("columns")), reader);
            assertEquals(expected.size(), seen.get(reader).get("rows").size(), reader + " row count");
        }
        assertEquals("5", seen.get("xml").get("row_count").asText());
        assertEquals("5", seen.get("json_module").get("row_count").get("$number").asText());
    }

    @Test
    void csvModuleAndPandasAsTextSeePostgresTextWithFormulasNeutralised() {
        Function<Cell, JsonNode> csv = c -> TextNode.valueOf(c.text() == null ? "" : neutralised(c));
        assertCells("csv_module", csv, withinUlps(0));
        assertCells("pandas_text", csv, withinUlps(0));
    }

    @Test
    void pandasTypesTheNumbersAndKeepsTheRestAsText() {
        List<String> dtypes = list(seen.get("pandas").get("dtypes"));
        for (Cell c : expected.get(0)) { // a NULL makes pandas hold integers as floats; 30 digits stay text
            String name = c.column().name();
            String want = name.equals("id") ? "int64" : c.kind().isNumeric() && !name.equals("exact") ? "float64" : "object";
            assertEquals(want, dtypes.get(expected.get(0).indexOf(c)), name);
        }
        assertCells("pandas", c -> {
            // pandas' missing value is NaN, and -2^63 is its int64 NA sentinel (pandas-dev/pandas#11612)
            if (c.text() == null || PANDAS_NA.contains(c.text()) || c.text().equals("-9223372036854775808")) {
                return NullNode.instance;
            }
            if (c.kind().isNumeric() && !c.column().name().equals("exact")) {
                return c.isNumber() ? DoubleNode.valueOf(Double.parseDouble(c.text())) : TextNode.valueOf(c.text());
            }
            return TextNode.valueOf(neutralised(c));
        }, withinUlps(2)); // pandas' fast float parser may miss the nearest double by one unit
    }

    @Test
    void jsonModuleSeesHerokusShapeExactDigitsAndTypedValues() {
        JsonNode json = seen.get("json_module");
        assertEquals(List.of("title", "fields", "values", "types", "as_of", "row_count", "truncated"), list(json.get("keys")));
        assertEquals(expected.get(0).stream().map(c -> c.column().pgType()).toList(), list(json.get("types")));
        assertEquals(BooleanNode.FALSE, json.get("truncated"));
        assertCells("json_module", c -> switch (c.text() == null ? Kind.OTHER : c.kind()) {
            case INTEGER, DECIMAL, FLOAT -> c.isNumber() ? NODES.objectNode().put("$number", c.text()) : TextNode.valueOf(c.text());
            case BOOLEAN -> BooleanNode.valueOf(c.text().equals("t"));
            // PostgreSQL's own JSON of the value; a document that is just a number keeps its exact text too
            case JSON, ARRAY -> c.json().isNumber() ? NODES.objectNode().put("$number", c.text()) : c.json();
            case TIMESTAMP -> NODES.objectNode().put("timestamp", PgValues.utc(c.text()).format(PgValues.MICROS));
            case TIMESTAMPTZ -> NODES.objectNode().put("timestamp", PgValues.utc(c.text()).format(PgValues.MICROS) + "+00:00");
            default -> c.text() == null ? NullNode.instance : TextNode.valueOf(c.text());
        }, DECIMALS);
    }

    @Test
    void xmlIsWellFormedAndKeepsEveryValueWithNullApartFromEmpty() {
        JsonNode xml = seen.get("xml");
        assertEquals(0, xml.get("xmllint_exit").asInt(), "xmllint --noout: " + xml.get("xmllint_errors").asText());
        assertEquals(expected.get(0).stream().map(c -> c.column().pgType()).toList(), list(xml.get("types")));
        assertCells("xml", c -> c.text() == null ? NullNode.instance : TextNode.valueOf(c.text()), withinUlps(0));
    }

    @Test
    void openpyxlSeesNumbersBooleansDatesAndTextWithNullApartFromEmpty() {
        assertEquals(List.of("Every type"), list(seen.get("openpyxl").get("sheets")));
        // "Workbook contains no default style" was openpyxl's warning before the export named its Normal style
        assertEquals(List.of(), list(seen.get("openpyxl").get("warnings")), "openpyxl warns nothing");
        assertCells("openpyxl", c -> switch (c.text() == null ? Kind.OTHER : c.kind()) {
            case INTEGER, DECIMAL, FLOAT -> c.isNumber() ? DoubleNode.valueOf(Double.parseDouble(c.text())) : TextNode.valueOf(c.text());
            case BOOLEAN -> BooleanNode.valueOf(c.text().equals("t"));
            case DATE, TIMESTAMP, TIMESTAMPTZ -> PgValues.inExcelRange(c.text())
                    ? NODES.objectNode().put("date", PgValues.utc(c.text()).format(PgValues.MILLIS)) : TextNode.valueOf(c.text());
            // formula-looking text is a plain text cell, never a formula; '' stays apart from NULL (a blank cell)
            default -> c.text() == null ? NullNode.instance : TextNode.valueOf(c.text());
        }, withinUlps(0));
    }

    /** Compares every cell a reader saw with what the expectation makes of PostgreSQL's value for that cell. */
    private static void assertCells(String reader, Function<Cell, JsonNode> expectation, Comparator<JsonNode> same) {
        JsonNode actualRows = seen.get(reader).get("rows");
        for (int r = 0; r < expected.size(); r++) {
            for (int i = 0; i < expected.get(r).size(); i++) {
                Cell cell = expected.get(r).get(i);
                JsonNode want = expectation.apply(cell);
                JsonNode actual = actualRows.get(r).get(i);
                if (!want.equals(same, actual)) {
                    assertEquals(want, actual, reader + ": " + cell.column().name() + " of row " + (r + 1));
                }
            }
        }
    }

    /** The CSV contract: text a spreadsheet would run as a formula gets a leading ' in free-text columns. */
    private static String neutralised(Cell cell) {
        boolean freeText = Set.of(Kind.TEXT, Kind.OTHER, Kind.JSON, Kind.ARRAY).contains(cell.kind())
                && !cell.column().pgType().equals("money");
        String text = cell.text();
        return freeText && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** Numbers by value (read_back.py's nested JSON numbers are Python's, PostgreSQL's are decimals). */
    private static final Comparator<JsonNode> DECIMALS = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private static Comparator<JsonNode> withinUlps(int ulps) {
        return (a, b) -> a.isNumber() && b.isNumber()
                ? (Math.abs(a.doubleValue() - b.doubleValue()) <= ulps * Math.ulp(a.doubleValue()) ? 0 : 1) : a.equals(b) ? 0 : 1;
    }

    private static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static JsonNode runReadBack(String base, String slug) throws Exception {
        Path errors = Files.createTempFile("read_back", ".err");
        Process python = new ProcessBuilder(PYTHON.toString(), "src/test/python/read_back.py", base, slug)
                .redirectError(errors.toFile()).start();
        byte[] out = python.getInputStream().readAllBytes();
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "read_back.py did not finish");
        String stderr = Files.readString(errors);
        Files.delete(errors);
        assertEquals(0, python.exitValue(), "read_back.py failed: " + stderr);
        System.out.println("read_back.py: " + (stderr.isBlank() ? "no warnings" : stderr.strip()));
        return JSON.readTree(out);
    }
}
