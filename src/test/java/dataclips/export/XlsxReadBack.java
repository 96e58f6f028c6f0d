package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads a written workbook back with POI's full XSSF model and checks cells by type, as a spreadsheet sees them. */
final class XlsxReadBack {
    private XlsxReadBack() {}

    static XSSFWorkbook read(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    /** The raw sheet XML as written (read through POI: java.util.zip trips over the data descriptors). */
    static List<String> worksheetXml(XSSFWorkbook book) throws IOException {
        List<String> sheets = new ArrayList<>();
        for (PackagePart part : book.getPackage().getPartsByName(Pattern.compile("/xl/worksheets/.*\\.xml"))) {
            try (InputStream in = part.getInputStream()) {
                sheets.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertFalse(sheets.isEmpty());
        return sheets;
    }

    static Map<String, Integer> columnIndex(XSSFSheet sheet) {
        Map<String, Integer> index = new HashMap<>();
        for (Cell cell : sheet.getRow(0)) {
            index.put(cell.getStringCellValue(), cell.getColumnIndex());
        }
        return index;
    }

    static Cell cell(XSSFSheet sheet, int row, String column) {
        return sheet.getRow(row).getCell(columnIndex(sheet).get(column));
    }

    static void assertNumber(double expected, Cell cell) {
        assertEquals(CellType.NUMERIC, cell.getCellType(), cell.getAddress().toString());
        assertFalse(DateUtil.isCellDateFormatted(cell));
        assertEquals(expected, cell.getNumericCellValue(), 0.0, cell.getAddress().toString());
    }

    static void assertDate(LocalDateTime expected, String format, Cell cell) {
        assertEquals(CellType.NUMERIC, cell.getCellType(), cell.getAddress().toString());
        assertTrue(DateUtil.isCellDateFormatted(cell), cell.getAddress().toString());
        assertEquals(expected, cell.getLocalDateTimeCellValue(), cell.getAddress().toString());
        assertEquals(format, cell.getCellStyle().getDataFormatString());
    }

    static void assertText(String expected, Cell cell) {
        assertEquals(CellType.STRING, cell.getCellType(), cell.getAddress().toString());
        assertEquals(expected, cell.getStringCellValue());
    }
}
