package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.export.ExportReadBack.Expected;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * What each format must make of a value of the sample's every_type table that PostgreSQL printed, by the column's
 * kind as written out by hand in {@link EveryTypeColumns} (never the app's Kind.of), independently of the writers:
 * a download is compared cell by cell with the follower's own result.
 */
final class ExportCells {
    private ExportCells() {}

    /** Every JSON cell against the follower; arrays against PostgreSQL's own to_json of the same cells. */
    static void assertJsonValues(Expected pg, JsonNode values, String table) throws Exception {
        Expected arrays = arraysAsJson(pg, table);
        assertEquals(pg.rows().size(), values.size(), "rows");
        for (int r = 0; r < pg.rows().size(); r++) {
            assertEquals(pg.columns().size(), values.get(r).size(), "cells in row " + (r + 1));
            int array = 0;
            for (int c = 0; c < pg.columns().size(); c++) {
                Column column = pg.columns().get(c);
                String pgJson = EveryTypeColumns.kind(column.name()) == Kind.ARRAY ? arrays.rows().get(r)[array++] : null;
                assertJsonCell(column, pg.rows().get(r)[c], values.get(r).get(c), pgJson);
            }
        }
    }

    /** to_json of each array column, in column order, row by row (the table is ordered by id). */
    private static Expected arraysAsJson(Expected pg, String table) throws Exception {
        List<String> arrays = pg.columns().stream().filter(c -> EveryTypeColumns.kind(c.name()) == Kind.ARRAY)
                .map(c -> "to_json(" + c.name() + ")").toList();
        return arrays.isEmpty() ? new Expected(List.of(), pg.rows().stream().map(r -> new String[0]).toList())
                : ExportReadBack.fromFollower("select " + String.join(", ", arrays) + " from " + table + " order by id");
    }

    static void assertJsonCell(Column column, String pg, JsonNode cell, String pgJson) {
        String where = column.name() + " " + column.pgType() + " '" + pg + "' -> " + cell;
        if (pg == null) {
            assertTrue(cell.isNull(), where);
            return;
        }
        switch (EveryTypeColumns.kind(column.name())) {
            case INTEGER, DECIMAL, FLOAT -> {
                if (pg.matches("-?Infinity|NaN")) {
                    assertEquals(pg, cell.textValue(), where); // JSON has no such numbers: a string
                } else {
                    assertTrue(cell.isNumber(), where);
                    assertEquals(new BigDecimal(pg), cell.decimalValue(), where); // value and scale: every digit
                }
            }
            case BOOLEAN -> {
                assertTrue(cell.isBoolean(), "a JSON boolean, not text: " + where);
                assertEquals(pg.equals("t"), cell.booleanValue(), where);
            }
            case JSON -> assertEquals(ExportReadBack.json(pg), cell, where); // embedded, not a string
            case ARRAY -> assertEquals(ExportReadBack.json(pgJson), cell, where);
            case TIMESTAMP -> {
                assertEquals(pg.replace(' ', 'T'), cell.textValue(), where);
                LocalDateTime.parse(cell.textValue()); // ISO 8601 as java.time reads it
            }
            case TIMESTAMPTZ -> {
                assertTrue(pg.endsWith("+00"), "a run's session is in UTC: " + where);
                assertEquals(pg.replace(' ', 'T').replace("+00", "Z"), cell.textValue(), where);
                Instant.parse(cell.textValue());
            }
            default -> assertEquals(pg, cell.textValue(), where); // text, dates, times, bytea hex, uuid, money…
        }
    }

    /** Every data cell of the first sheet against the follower, below a header of the exact column names. */
    static void assertXlsxSheet(Expected pg, Sheet sheet) {
        assertEquals(pg.names(), ExportReadBack.headerOf(sheet));
        for (int r = 0; r < pg.rows().size(); r++) {
            for (int c = 0; c < pg.columns().size(); c++) {
                assertXlsxCell(pg.columns().get(c), pg.rows().get(r)[c], sheet.getRow(r + 1).getCell(c));
            }
        }
        assertNoFormula(sheet);
    }

    /**
     * Numbers, booleans and dates Excel can hold are typed cells; the rest is the text PostgreSQL printed,
     * quote-prefixed when it looks like a formula; NULL is no cell at all.
     */
    static void assertXlsxCell(Column column, String pg, Cell cell) {
        String where = column.name() + " '" + pg + "'";
        if (pg == null) {
            assertTrue(cell == null || cell.getCellType() == CellType.BLANK, "NULL is a blank cell: " + where);
            return;
        }
        Kind kind = EveryTypeColumns.kind(column.name());
        LocalDateTime date = excelDate(kind, pg);
        if (kind == Kind.BOOLEAN) {
            assertEquals(CellType.BOOLEAN, cell.getCellType(), where);
            assertEquals(pg.equals("t"), cell.getBooleanCellValue(), where);
        } else if (kind.isNumeric() && !pg.matches("-?Infinity|NaN")) {
            XlsxReadBack.assertNumber(Double.parseDouble(pg), cell); // a double, as every spreadsheet holds numbers
        } else if (date != null) {
            String format = kind == Kind.DATE ? "yyyy-mm-dd"
                    : date.getNano() == 0 ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd hh:mm:ss.000";
            XlsxReadBack.assertDate(date, format, cell);
        } else {
            XlsxReadBack.assertText(pg, cell);
            boolean formulaLooking = !pg.isEmpty() && "=+-@\t\r".indexOf(pg.charAt(0)) >= 0; // OWASP's list
            assertEquals(formulaLooking, cell.getCellStyle().getQuotePrefixed(), "quote prefix of " + where);
        }
    }

    /** Dates and timestamps Excel can show (years 1900 to 9999), in UTC to the millisecond; else null (text). */
    private static LocalDateTime excelDate(Kind kind, String pg) {
        LocalDateTime value = switch (kind) {
            case DATE -> LocalDate.parse(pg).atStartOfDay();
            case TIMESTAMP -> LocalDateTime.parse(pg.replace(' ', 'T'));
            case TIMESTAMPTZ -> LocalDateTime.parse(pg.replace(' ', 'T').replace("+00", ""));
            default -> null;
        };
        if (value == null || value.getYear() < 1900 || value.getYear() > 9999) {
            return null;
        }
        return value.truncatedTo(ChronoUnit.MILLIS);
    }

    static void assertNoFormula(Sheet sheet) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                assertNotEquals(CellType.FORMULA, cell.getCellType(), "a formula at " + cell.getAddress());
            }
        }
    }
}
