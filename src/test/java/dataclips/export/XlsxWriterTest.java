package dataclips.export;

import static dataclips.export.XlsxReadBack.assertDate;
import static dataclips.export.XlsxReadBack.assertNumber;
import static dataclips.export.XlsxReadBack.assertText;
import static dataclips.export.XlsxReadBack.cell;
import static dataclips.export.XlsxReadBack.read;
import static dataclips.export.XlsxReadBack.worksheetXml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XLSX download of real results from the embedded follower, read back with POI cell by cell. */
class XlsxWriterTest {
    /** POI's temp files go here during this test, so no other process's files can blur the check. */
    @TempDir
    static Path poiTemp;
    private static List<String[]> everyTypeValues;
    private static XSSFWorkbook everyType;

    @BeforeAll
    static void writeEveryType() throws Exception {
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(poiTemp.toFile()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxWriter writer = new XlsxWriter(out);
        everyTypeValues = FollowerResults.feed("select * from every_type order by id", "Every type", writer);
        writer.finish(false);
        everyType = read(out.toByteArray());
    }

    @AfterAll
    static void restorePoiTempFiles() throws IOException {
        everyType.close();
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
    }

    @Test
    void numbersAreNumericCellsUnlessExcelCannotHoldThem() {
        XSSFSheet sheet = everyType.getSheet("Every type");
        assertNumber(1, cell(sheet, 1, "id"));
        assertNumber(1234567890123d, cell(sheet, 1, "big"));
        assertNumber(-9223372036854775808d, cell(sheet, 2, "big"));
        assertNumber(9223372036854775807d, cell(sheet, 3, "big"));
        assertNumber(1.2345678901234568E29, cell(sheet, 1, "exact"));
        assertNumber(1e-30, cell(sheet, 3, "exact"));
        assertNumber(99999999999999999999.9999999999, cell(sheet, 3, "exact_scale"));
        assertNumber(-32768, cell(sheet, 2, "small"));
        assertNumber(1.5, cell(sheet, 1, "real_num"));
        assertNumber(2.718281828459045, cell(sheet, 1, "double_num"));
        assertNumber(1e-300, cell(sheet, 4, "double_num"));
        assertNumber(0, cell(sheet, 4, "real_num"));
        assertText("NaN", cell(sheet, 2, "real_num"));
        assertText("-Infinity", cell(sheet, 2, "double_num"));
        assertText("Infinity", cell(sheet, 3, "double_num"));
        assertText(value(3, "price"), cell(sheet, 3, "price")); // money carries its currency: text
        assertText("123", cell(sheet, 4, "doc")); // a JSON number is a JSON document, not a number
    }

    @Test
    void datesAndTimestampsAreDateCellsInUtcAndTheRestStaysText() {
        XSSFSheet sheet = everyType.getSheet("Every type");
        assertDate(LocalDateTime.of(2024, 2, 29, 0, 0), "yyyy-mm-dd", cell(sheet, 1, "day"));
        assertDate(LocalDateTime.of(9999, 12, 31, 0, 0), "yyyy-mm-dd", cell(sheet, 3, "day"));
        assertText("0001-01-01", cell(sheet, 2, "day"));
        assertDate(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 500_000_000), "yyyy-mm-dd hh:mm:ss.000", cell(sheet, 1, "stamp"));
        assertDate(LocalDateTime.of(1970, 1, 1, 0, 0), "yyyy-mm-dd hh:mm:ss", cell(sheet, 2, "stamp"));
        assertDate(LocalDateTime.of(9999, 12, 31, 23, 59, 59), "yyyy-mm-dd hh:mm:ss", cell(sheet, 3, "stamp"));
        assertDate(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 500_000_000), "yyyy-mm-dd hh:mm:ss.000", cell(sheet, 1, "stamp_tz"));
        // Excel keeps milliseconds: .999999 becomes .999, never the next day.
        assertDate(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000), "yyyy-mm-dd hh:mm:ss.000", cell(sheet, 2, "stamp_tz"));
        assertDate(LocalDateTime.of(2000, 6, 15, 6, 30), "yyyy-mm-dd hh:mm:ss", cell(sheet, 3, "stamp_tz"));
        assertText("13:45:30.123456", cell(sheet, 1, "clock"));
        assertText(value(1, "clock_tz"), cell(sheet, 1, "clock_tz"));
        assertText(value(1, "span"), cell(sheet, 1, "span"));
    }

    @Test
    void valuesExcelCannotHoldStayTextAsPostgresPrintedThem() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxWriter writer = new XlsxWriter(out);
        String[] values = FollowerResults.feed("""
                select 'infinity'::timestamp, '-infinity'::timestamptz, '2000-01-01 BC'::date,
                       '1899-12-31 23:59:59'::timestamp, '1900-01-01'::date, 'NaN'::numeric,
                       1e400::numeric, 1e-400::numeric, '1e308'::float8""", "Edges", writer).get(0);
        writer.finish(false);
        try (XSSFWorkbook book = read(out.toByteArray())) {
            Row row = book.getSheetAt(0).getRow(1);
            for (int i : new int[] {0, 1, 2, 3, 5, 6, 7, 8}) {
                assertText(values[i], row.getCell(i));
            }
            assertDate(LocalDateTime.of(1900, 1, 1, 0, 0), "yyyy-mm-dd", row.getCell(4));
        }
    }

    @Test
    void booleansTextAndNullKeepTheirKind() {
        XSSFSheet sheet = everyType.getSheet("Every type");
        assertEquals(CellType.BOOLEAN, cell(sheet, 1, "flag").getCellType());
        assertTrue(cell(sheet, 1, "flag").getBooleanCellValue());
        assertFalse(cell(sheet, 2, "flag").getBooleanCellValue());
        assertNull(cell(sheet, 3, "flag"), "NULL is a blank cell");
        assertText("", cell(sheet, 2, "short_code")); // '' is an empty text, apart from NULL
        assertText("   ", cell(sheet, 2, "fixed"));
        assertText("Grüße, 日本語 🙂\nsecond line, \"quoted\", comma; tab\there", cell(sheet, 3, "label"));
        for (String column : List.of("bytes", "ident", "address", "network", "doc", "docb", "ints", "texts", "feeling")) {
            assertText(value(1, column), cell(sheet, 1, column));
        }
        Row allNull = sheet.getRow(5);
        for (int i = 1; i < 28; i++) {
            assertNull(allNull.getCell(i), "row 5 is NULL apart from its id, column " + i);
        }
    }

    @Test
    void formulaLookingTextStaysTextAndNoCellIsAFormula() throws IOException {
        XSSFSheet sheet = everyType.getSheet("Every type");
        Cell hyperlink = cell(sheet, 2, "label");
        assertText("=HYPERLINK(\"http://example.com\",\"click\")", hyperlink);
        assertTrue(hyperlink.getCellStyle().getQuotePrefixed(), "stays text even when the cell is edited");
        assertText("+1", cell(sheet, 3, "short_code"));
        assertText("-1", cell(sheet, 4, "short_code"));
        assertText("@x ", cell(sheet, 4, "fixed")); // char(3) pads
        assertFalse(cell(sheet, 1, "label").getCellStyle().getQuotePrefixed());
        for (Row row : sheet) {
            for (Cell cell : row) {
                assertNotEquals(CellType.FORMULA, cell.getCellType(), cell.getAddress().toString());
            }
        }
        for (String xml : worksheetXml(everyType)) {
            assertTrue(xml.contains("HYPERLINK"));
            assertFalse(xml.contains("<f>") || xml.contains("<f "), "no formula element in the sheet XML");
        }
    }

    @Test
    void headerIsBoldFrozenAndFiltered() {
        XSSFSheet sheet = everyType.getSheet("Every type");
        assertEquals(1, everyType.getNumberOfSheets());
        Row header = sheet.getRow(0);
        assertEquals(28, header.getLastCellNum());
        assertEquals("id", header.getCell(0).getStringCellValue());
        assertEquals("feeling", header.getCell(27).getStringCellValue());
        for (Cell cell : header) {
            assertTrue(everyType.getFontAt(cell.getCellStyle().getFontIndex()).getBold(), cell.getStringCellValue());
        }
        assertTrue(sheet.getPaneInformation().isFreezePane());
        assertEquals(1, sheet.getPaneInformation().getHorizontalSplitTopRow());
        assertEquals("A1:AB6", sheet.getCTWorksheet().getAutoFilter().getRef());
        assertNull(sheet.getRow(6), "not truncated: no note");
    }

    @Test
    void textBeyondExcelsCellLimitIsCutWithAMarker() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxWriter writer = new XlsxWriter(out);
        // Varied text: POI's reader refuses sheets that compress too well (its zip-bomb guard).
        String[] values = FollowerResults.feed("""
                select string_agg(md5(g::text), '') as long_text,
                       string_agg(chr(128512 + g % 64), '') as emoji,
                       left(string_agg(md5(g::text), ''), 32767) as fits
                from generate_series(1, 20000) g""", "Long", writer).get(0);
        writer.finish(false);
        try (XSSFWorkbook book = read(out.toByteArray())) {
            Row row = book.getSheetAt(0).getRow(1);
            String text = row.getCell(0).getStringCellValue();
            String marker = "… [cut: " + (values[0].length() - text.indexOf('…')) + " more characters]";
            assertTrue(text.length() <= 32_767, "length " + text.length());
            assertEquals(values[0].substring(0, text.indexOf('…')) + marker, text);
            String markerForAll = "… [cut: " + values[0].length() + " more characters]";
            assertEquals(32_767 - markerForAll.length(), text.indexOf('…'), "everything up to the marker is kept");
            String emoji = row.getCell(1).getStringCellValue();
            assertTrue(emoji.length() <= 32_767);
            int kept = emoji.indexOf('…');
            assertEquals(values[1].substring(0, kept), emoji.substring(0, kept));
            assertFalse(Character.isHighSurrogate(emoji.charAt(kept - 1)), "no surrogate pair is split");
            assertTrue(emoji.endsWith("… [cut: " + (values[1].length() - kept) + " more characters]"));
            assertEquals(values[2], row.getCell(2).getStringCellValue());
        }
    }

    @Test
    void rowsBeyondASheetContinueOnNextSheetsEachWithAHeader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxWriter writer = new XlsxWriter(out, 10);
        FollowerResults.feed("select g as n, 'row ' || g as label from generate_series(1, 25) g", "Overflow", writer);
        writer.finish(false);
        try (XSSFWorkbook book = read(out.toByteArray())) {
            assertEquals(3, book.getNumberOfSheets());
            List<String> names = List.of("Overflow", "Overflow (2)", "Overflow (3)");
            int n = 0;
            for (int s = 0; s < 3; s++) {
                XSSFSheet sheet = book.getSheetAt(s);
                assertEquals(names.get(s), sheet.getSheetName());
                assertEquals("n", sheet.getRow(0).getCell(0).getStringCellValue());
                assertEquals("label", sheet.getRow(0).getCell(1).getStringCellValue());
                assertTrue(book.getFontAt(sheet.getRow(0).getCell(1).getCellStyle().getFontIndex()).getBold());
                assertTrue(sheet.getPaneInformation().isFreezePane());
                int rows = s < 2 ? 10 : 5;
                assertEquals(rows, sheet.getLastRowNum());
                assertEquals("A1:B" + (rows + 1), sheet.getCTWorksheet().getAutoFilter().getRef());
                for (int r = 1; r <= rows; r++) {
                    assertNumber(++n, sheet.getRow(r).getCell(0));
                    assertText("row " + n, sheet.getRow(r).getCell(1));
                }
            }
            assertEquals(25, n);
        }
    }

    @Test
    void aTruncatedResultEndsWithANoteBelowTheFilteredRange() throws Exception {
        try (XSSFWorkbook book = writeSeries(5, 10, true)) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertEquals(XlsxWriter.TRUNCATED_NOTE, sheet.getRow(6).getCell(0).getStringCellValue());
            assertEquals("A1:A6", sheet.getCTWorksheet().getAutoFilter().getRef());
        }
        try (XSSFWorkbook book = writeSeries(10, 10, true)) { // the sheet is full: the note gets its own sheet
            assertEquals(2, book.getNumberOfSheets());
            XSSFSheet second = book.getSheetAt(1);
            assertEquals("n", second.getRow(0).getCell(0).getStringCellValue());
            assertEquals(XlsxWriter.TRUNCATED_NOTE, second.getRow(1).getCell(0).getStringCellValue());
        }
        try (XSSFWorkbook book = writeSeries(5, 10, false)) {
            assertNull(book.getSheetAt(0).getRow(6));
        }
    }

    @Test
    void tempFilesAreGoneAfterFinishAbortAndAFailedWrite() throws Exception {
        List<Path> before = poiFiles();
        ClosingCheckStream out = new ClosingCheckStream();
        XlsxWriter finished = new XlsxWriter(out);
        FollowerResults.feed("select g, md5(g::text) from generate_series(1, 500) g", "Temp", finished);
        assertFalse(poiFiles().equals(before), "rows are kept in a temp file until finish");
        finished.finish(false);
        assertEquals(before, poiFiles());
        assertFalse(out.closed, "finish flushes the stream but leaves it open");
        assertTrue(out.size() > 0);
        finished.close(); // harmless after finish

        XlsxWriter abandoned = new XlsxWriter(new ByteArrayOutputStream());
        FollowerResults.feed("select g from generate_series(1, 500) g", "Temp", abandoned);
        abandoned.abort();
        assertEquals(before, poiFiles());
        assertThrows(IllegalStateException.class, () -> abandoned.row(new String[] {"1"}));
        abandoned.abort(); // twice is fine

        XlsxWriter failing = new XlsxWriter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("client went away");
            }
        });
        FollowerResults.feed("select g from generate_series(1, 500) g", "Temp", failing);
        assertThrows(IOException.class, () -> failing.finish(false));
        assertEquals(before, poiFiles());
    }

    @Test
    void sheetNamesAreSafeAndFitExcelsLimit() {
        assertEquals("Result", XlsxWriter.sheetName(null, 1));
        assertEquals("Result", XlsxWriter.sheetName("  ", 1));
        assertEquals("Result", XlsxWriter.sheetName("history", 1));
        assertEquals("Sales  Q1 ", XlsxWriter.sheetName("Sales/[Q1]", 1));
        String longName = XlsxWriter.sheetName("A very long clip title that goes on and on", 12);
        assertEquals(31, longName.length());
        assertTrue(longName.endsWith(" (12)"), longName);
    }

    @Test
    void offsetsAreTurnedIntoUtc() {
        assertEquals(LocalDateTime.of(2000, 6, 15, 6, 30), XlsxCells.parseDateTime("2000-06-15 12:00:00+05:30"));
        assertEquals(LocalDateTime.of(2000, 6, 15, 12, 30), XlsxCells.parseDateTime("2000-06-15 12:00:00-00:30"));
        assertNull(XlsxCells.parseDateTime("infinity"));
        assertNull(XlsxCells.parseDateTime("2000-01-01 BC"));
    }

    private static XSSFWorkbook writeSeries(int rows, int rowsPerSheet, boolean truncated) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxWriter writer = new XlsxWriter(out, rowsPerSheet);
        FollowerResults.feed("select g as n from generate_series(1, " + rows + ") g", "Series", writer);
        writer.finish(truncated);
        return read(out.toByteArray());
    }

    private static List<Path> poiFiles() throws IOException {
        try (Stream<Path> files = Files.walk(poiTemp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("poi-sxssf")).sorted().toList();
        }
    }

    /** The value pgjdbc gave for a row of every_type (ids start at 1). */
    private static String value(int id, String column) {
        return everyTypeValues.get(id - 1)[XlsxReadBack.columnIndex(everyType.getSheetAt(0)).get(column)];
    }

    /** Records whether the writer closed the response stream (it must not: the web layer owns it). */
    private static final class ClosingCheckStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
