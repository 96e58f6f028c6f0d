package dataclips.export;

import static dataclips.export.XlsxReadBack.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** How an XLSX download looks when opened: its columns' widths, and the named style readers expect. */
class XlsxLayoutTest {
    /** Columns as wide as their first rows' text (or name), dates wide enough to show, nothing past 60 characters. */
    @Test
    void columnWidthsFollowTheFirstRowsText() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxWriter writer = new XlsxWriter(out);
        FollowerResults.feed("""
                select g as id, case when g = 1 then 'a rather long piece of text in a cell' else 'short' end as description,
                       date '2024-01-01' + g as day, repeat('x', 100) as wide,
                       case when g = 150 then repeat('y', 50) else 'z' end as late
                from generate_series(1, 150) g""", "Widths", writer);
        writer.finish(false);
        try (XSSFWorkbook book = read(out.toByteArray())) {
            XSSFSheet sheet = book.getSheetAt(0);
            // in characters: the minimum 8; the longest text, 37, plus 2; a date's 12 plus 2; the cap; the
            // 150th row is past the 100 measured, so "late" is as wide as its name and the filter button (4 + 3)
            assertEquals(List.of(8, 39, 14, 60, 8), Stream.of(0, 1, 2, 3, 4).map(i -> sheet.getColumnWidth(i) / 256).toList());
            String styles = book.getStylesSource().getCTStylesheet().xmlText();
            assertTrue(styles.contains("cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\""),
                    "a named Normal style (openpyxl warns without one): " + styles);
        }
    }
}
