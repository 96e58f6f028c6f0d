package dataclips.export;

import static dataclips.export.ExportReadBack.attributes;
import static dataclips.export.ExportReadBack.elements;
import static dataclips.export.ExportReadBack.json;
import static dataclips.export.ExportReadBack.texts;
import static dataclips.export.ExportReadBack.xml;
import static dataclips.export.ExportReadBack.xmlRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dataclips.AppFixture;
import dataclips.export.ExportReadBack.Download;
import dataclips.export.ExportReadBack.Expected;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

/**
 * /clips/{slug}.json, .xml and .xlsx over real HTTP from the real app, each parsed back with a real parser
 * (Jackson, the JDK's DOM parser, POI) and compared cell by cell with what PostgreSQL returns on the follower
 * (ExportCells says what each format makes of each kind). Every download gets a clip of its own: a stored
 * result must not stand in for the run a test means to see.
 */
class ExportFormatsHttpTest {
    private static final String EVERY_TYPE = "select * from every_type order by id";
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_MAX_ROWS", "5000"));

    @BeforeAll
    static void start() {
        OddNames.create();
    }

    @AfterAll
    static void stop() {
        OddNames.drop();
    }

    /** A new clip, downloaded once with the given extension (and query string) and request headers. */
    private static Download download(String title, String sql, String extension, String... headers) throws Exception {
        String slug = app.slug(title, sql);
        Download d = ExportReadBack.get(app.app(), "/clips/" + slug + "." + extension, headers);
        assertEquals(200, d.status(), () -> new String(d.body(), StandardCharsets.UTF_8));
        return d;
    }

    /**
     * Each text format sends its head (the column names) once the first fetch of 1,000 rows is in, not when its
     * buffers fill: row 1,001 takes 30 s, and the first 1,000 are too small to fill JSON's buffer, so the head
     * arrives within the socket's 15 s only if it was sent at once. A parameter keeps the run on the cursor, whose
     * fetch ends at the 1,000th row (a COPY's rows wait in PostgreSQL's 8 KB send buffer: bench/README, issue 32).
     */
    @Test
    void eachTextFormatSendsItsHeadOnceTheFirstFetchIsIn() throws Exception {
        String sql = "select g % 2 as head_marker from generate_series(1, {{last}}) g "
                + "where g <= 1000 or (select g > 0 from pg_sleep(30))"; // correlated: sleeps at row 1,001 only
        for (String format : List.of("csv", "json", "xml")) {
            String slug = dataclips.TestClips.withParameters(app.app(), app.admin(), "head first " + format, sql,
                    "[{\"name\":\"last\",\"type\":\"integer\",\"default\":\"1001\"}]");
            String seen = readUntil("/clips/" + slug + "." + format, "head_marker");
            assertTrue(seen.startsWith("HTTP/1.1 200"), format + ": " + seen);
        }
    }

    /**
     * A COPY (a clip without parameters) begins its download when the follower stops sending for a moment before the
     * 1,000th row is in, as a cursor's would once its first fetch is: PostgreSQL keeps a COPY's rows in its 8 KB send
     * buffer until it fills, so rows 820 to 1,000 here (30 bytes each) wait for row 1,001, which takes 30 s. The head
     * must arrive within the socket's 15 s, with the 200 that says the download began (without the pause it came at 30 s).
     */
    @Test
    void aCopyBeginsWhenTheFollowerPausesBeforeTheThousandthRow() throws Exception {
        String sql = "select g as row_no, repeat('x', 20) as filler from generate_series(1, 1001) g "
                + "where g <= 1000 or (select g > 0 from pg_sleep(30))";
        for (String format : List.of("csv", "json", "xml")) {
            String slug = app.slug("copy pause " + format, sql);
            String seen = readUntil("/clips/" + slug + "." + format, "row_no");
            assertTrue(seen.startsWith("HTTP/1.1 200"), format + ": " + seen);
        }
    }

    /** What a raw HTTP GET has received once the expected text is in; fails when it is not within 15 s. */
    private static String readUntil(String path, String expected) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", java.net.URI.create(app.base()).getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[8192];
            while (!seen.toString().contains(expected)) {
                int n;
                try {
                    n = socket.getInputStream().read(buf);
                } catch (java.net.SocketTimeoutException e) {
                    throw new AssertionError(path + ": no " + expected + " within 15 s; got: " + seen, e);
                }
                assertTrue(n > 0, path + ": the connection ended before " + expected + ": " + seen);
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return seen.toString();
        }
    }

    @Test
    void jsonKeepsHerokusShapeAndEveryCellItsJsonType() throws Exception {
        Download d = download("Every type json", EVERY_TYPE, "json");
        d.assertFile("application/json;charset=utf-8", "Every type json", "json");
        JsonNode json = json(d.body());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("title", "fields", "values", "types", "as_of", "row_count", "truncated"), keys);
        assertEquals("Every type json", json.get("title").textValue());
        assertFalse(Instant.parse(json.get("as_of").textValue()).isAfter(Instant.now()), "as_of: an ISO 8601 instant, not ahead");
        Expected pg = ExportReadBack.fromFollower(EVERY_TYPE);
        assertEquals(pg.names(), texts(json.get("fields")));
        assertEquals(pg.pgTypes(), texts(json.get("types")));
        assertEquals(5, json.get("row_count").intValue());
        assertTrue(json.get("truncated").isBoolean() && !json.get("truncated").booleanValue());
        ExportCells.assertJsonValues(pg, json.get("values"), "every_type");
        // The awkward cells spelled out, so the mapping can be read here and not only in ExportCells.
        BiFunction<Integer, String, JsonNode> cell = (id, name) -> json.get("values").get(id - 1).get(pg.names().indexOf(name));
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE), cell.apply(2, "big").bigIntegerValue());
        assertEquals(new BigInteger("123456789012345678901234567890"), cell.apply(1, "exact").bigIntegerValue());
        assertEquals("0.000000000000000000000000000001", cell.apply(3, "exact").decimalValue().toPlainString());
        assertEquals("NaN", cell.apply(2, "real_num").textValue());
        assertEquals("-Infinity", cell.apply(2, "double_num").textValue());
        assertEquals(json("{\"a\": 1, \"b\": [true, null, \"x\"]}"), cell.apply(1, "doc"));
        assertEquals(json("[\"a\", \"b,c\", \"d\\\"e\"]"), cell.apply(1, "texts"));
        assertEquals("2000-06-15T06:30:00Z", cell.apply(3, "stamp_tz").textValue());
        assertEquals("\\x00ff10", cell.apply(1, "bytes").textValue());
    }

    @Test
    void xmlHoldsEveryValueAsPostgresPrintedIt() throws Exception {
        Download d = download("Every type xml", EVERY_TYPE, "xml");
        d.assertFile("application/xml;charset=utf-8", "Every type xml", "xml");
        Document xml = xml(d.body());
        assertEquals("Every type xml", xml.getDocumentElement().getAttribute("title"));
        Instant.parse(xml.getDocumentElement().getAttribute("as_of")); // present, and ISO 8601 in UTC
        Expected pg = ExportReadBack.fromFollower(EVERY_TYPE);
        assertEquals(pg.names(), attributes(xml, "column", "name"));
        assertEquals(pg.pgTypes(), attributes(xml, "column", "type"));
        assertEquals(EveryTypeColumns.pgTypes(), attributes(xml, "column", "type"));
        assertEquals(EveryTypeColumns.kindNames(), attributes(xml, "column", "kind"));
        assertEquals(pg.rows().stream().map(Arrays::asList).toList(), xmlRows(xml));
        assertEquals(List.of("5"), attributes(xml, "summary", "row_count"));
        assertEquals(List.of("false"), attributes(xml, "summary", "truncated"));
    }

    @Test
    void xlsxHasTypedCellsAndNeverAFormula() throws Exception {
        Download d = download("Every type xlsx", EVERY_TYPE, "xlsx");
        d.assertFile("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Every type xlsx", "xlsx");
        Expected pg = ExportReadBack.fromFollower(EVERY_TYPE);
        try (XSSFWorkbook book = XlsxReadBack.read(d.body())) {
            XSSFSheet sheet = book.getSheet("Every type xlsx");
            ExportCells.assertXlsxSheet(pg, sheet);
            assertEquals(pg.rows().size(), sheet.getLastRowNum(), "no note: not truncated");
            XlsxReadBack.assertNumber(-9223372036854775808d, XlsxReadBack.cell(sheet, 2, "big")); // negative: a number
            assertTrue(XlsxReadBack.cell(sheet, 2, "label").getCellStyle().getQuotePrefixed(), "=HYPERLINK(…) stays text");
        }
    }

    @Test
    void oddColumnNamesComeBackExactlyInEveryFormat() throws Exception {
        JsonNode json = json(download("Odd names json", OddNames.SQL, "json").body());
        assertEquals(OddNames.NAMES, texts(json.get("fields")));
        assertEquals(json("[[1, 2, 3, 4, 5, 6, \"d1\", \"d2\", 7, 8, 9]]"), json.get("values"));
        Document xml = xml(download("Odd names xml", OddNames.SQL, "xml").body());
        assertEquals(OddNames.NAMES, attributes(xml, "column", "name"));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "d1", "d2", "7", "8", "9"), xmlRows(xml).get(0));
        try (XSSFWorkbook book = XlsxReadBack.read(download("Odd names xlsx", OddNames.SQL, "xlsx").body())) {
            assertEquals(OddNames.NAMES, ExportReadBack.headerOf(book.getSheetAt(0)));
            assertEquals(CellType.STRING, book.getSheetAt(0).getRow(0).getCell(OddNames.NAMES.indexOf("=1+1")).getCellType());
            ExportCells.assertNoFormula(book.getSheetAt(0));
        }
    }

    @Test
    void nullAndEmptyTextStayApartInEveryFormat() throws Exception {
        String sql = "select null::text as a, '' as b, 'x' as c";
        assertEquals(json("[[null, \"\", \"x\"]]"), json(download("Nulls json", sql, "json").body()).get("values"));
        Document xml = xml(download("Nulls xml", sql, "xml").body());
        assertEquals(Arrays.asList(null, "", "x"), xmlRows(xml).get(0));
        assertFalse(elements(xml, "v").get(1).hasAttribute("null"), "'' is an empty <v/>, not NULL");
        try (XSSFWorkbook book = XlsxReadBack.read(download("Nulls xlsx", sql, "xlsx").body())) {
            Row row = book.getSheetAt(0).getRow(1);
            assertNull(row.getCell(0), "NULL is no cell at all");
            XlsxReadBack.assertText("", row.getCell(1));
            XlsxReadBack.assertText("x", row.getCell(2));
        }
    }

    @Test
    void formulaLookingTextStaysTextInXlsxAndNegativeNumbersStayNumbers() throws Exception {
        String sql = "select '=1+1' as eq, '+x' as plus, '-x' as minus, '@x' as at, -5 as neg, -1.25 as dec, '-1' as neg_text";
        try (XSSFWorkbook book = XlsxReadBack.read(download("Formulas xlsx", sql, "xlsx").body())) {
            Row row = book.getSheetAt(0).getRow(1);
            for (int c = 0; c < 4; c++) {
                XlsxReadBack.assertText(List.of("=1+1", "+x", "-x", "@x").get(c), row.getCell(c));
                assertTrue(row.getCell(c).getCellStyle().getQuotePrefixed(), "stays text even when the cell is edited");
            }
            XlsxReadBack.assertNumber(-5, row.getCell(4));
            XlsxReadBack.assertNumber(-1.25, row.getCell(5));
            XlsxReadBack.assertText("-1", row.getCell(6)); // text that looks like a number stays text
            ExportCells.assertNoFormula(book.getSheetAt(0));
            for (String sheetXml : XlsxReadBack.worksheetXml(book)) {
                assertFalse(sheetXml.contains("<f>") || sheetXml.contains("<f "), "no formula element in the sheet");
            }
        }
    }

    @Test
    void aResultBeyondTheRowLimitSaysTruncatedInEveryFormat() throws Exception {
        String oneTooMany = "select g from generate_series(1, 5001) g";
        JsonNode json = json(download("Limit json", oneTooMany, "json").body());
        assertEquals(List.of(5000, 5000, 5000), List.of(json.get("row_count").intValue(), json.get("values").size(),
                json.get("values").get(4999).get(0).intValue()));
        assertEquals(BooleanNode.TRUE, json.get("truncated"));
        JsonNode exactly = json(download("Limit exactly", "select g from generate_series(1, 5000) g", "json").body());
        assertEquals(BooleanNode.FALSE, exactly.get("truncated"), "exactly the limit is the whole result");
        Document xml = xml(download("Limit xml", oneTooMany, "xml").body());
        assertEquals(List.of("5000"), attributes(xml, "summary", "row_count"));
        assertEquals(List.of("true"), attributes(xml, "summary", "truncated"));
        assertEquals(List.of("5000"), xmlRows(xml).get(4999));
        try (XSSFWorkbook book = XlsxReadBack.read(download("Limit xlsx", oneTooMany, "xlsx").body())) {
            XSSFSheet sheet = book.getSheetAt(0);
            XlsxReadBack.assertNumber(5000, sheet.getRow(5000).getCell(0));
            XlsxReadBack.assertText(XlsxWriter.TRUNCATED_NOTE, sheet.getRow(5001).getCell(0));
            assertEquals(5001, sheet.getLastRowNum(), "the note is the last row");
        }
    }

    @Test
    void inlineJsonAndGzipForJsonAndXmlButNeverForXlsx() throws Exception {
        String sql = "select g, repeat('abc', 50) as filler from generate_series(1, 200) g";
        String inline = download("Inline", sql, "json?inline=1").header("Content-Disposition");
        assertTrue(inline.startsWith("inline; filename=\"Inline.json\""), inline);
        assertTrue(download("Inline xml", sql, "xml?inline=1").header("Content-Disposition").startsWith("attachment;"),
                "XML always downloads");
        for (String extension : List.of("json", "xml")) {
            Download gz = download("Gzip " + extension, sql, extension, "Accept-Encoding", "gzip");
            assertEquals("gzip", gz.header("Content-Encoding"), extension);
            assertTrue(gz.header("Vary").contains("Accept-Encoding"), extension);
            byte[] plain = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
            assertTrue(plain.length > 3 * gz.body().length, extension + ": " + gz.body().length + " of " + plain.length);
            int rows = extension.equals("json") ? json(plain).get("values").size() : xmlRows(xml(plain)).size();
            assertEquals(200, rows, extension);
        }
        Download xlsx = download("Gzip xlsx", sql, "xlsx", "Accept-Encoding", "gzip");
        assertNull(xlsx.header("Content-Encoding"), "XLSX is a zip already");
        assertArrayEquals(new byte[] {'P', 'K'}, Arrays.copyOf(xlsx.body(), 2));
        try (XSSFWorkbook book = XlsxReadBack.read(xlsx.body())) {
            assertEquals(200, book.getSheetAt(0).getLastRowNum());
        }
    }
}
