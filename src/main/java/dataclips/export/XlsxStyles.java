package dataclips.export;

import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The few cell styles an export uses, created once per workbook and shared by every cell: a workbook
 * holds at most 64,000 styles, so one style per cell would break on large results (and bloat the file).
 */
final class XlsxStyles {
    private final CellStyle plain;
    private final CellStyle header;
    private final CellStyle note;
    private final CellStyle date;
    private final CellStyle timestamp;
    private final CellStyle timestampMillis;
    private final CellStyle literalText;

    XlsxStyles(Workbook workbook) {
        plain = workbook.getCellStyleAt(0);
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        Font italic = workbook.createFont();
        italic.setItalic(true);
        note = workbook.createCellStyle();
        note.setFont(italic);
        date = formatted(workbook, "yyyy-mm-dd");
        timestamp = formatted(workbook, "yyyy-mm-dd hh:mm:ss");
        // Excel rounds to the shown precision: 23:59:59.999 under hh:mm:ss would read as the next day.
        timestampMillis = formatted(workbook, "yyyy-mm-dd hh:mm:ss.000");
        literalText = workbook.createCellStyle();
        // What Excel sets when someone types '=…: the text stays text even after the cell is edited.
        literalText.setQuotePrefixed(true);
    }

    private static CellStyle formatted(Workbook workbook, String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    /**
     * The workbook's default style, set on every plain cell: a cell without a style makes POI look up its
     * column's style in the XML beans each time it is written, which was most of the time an export took.
     */
    CellStyle plain() {
        return plain;
    }

    CellStyle header() {
        return header;
    }

    CellStyle note() {
        return note;
    }

    /** Dates show only the day; timestamps show milliseconds only when they have some. */
    CellStyle dateTime(Kind kind, LocalDateTime value) {
        if (kind == Kind.DATE) {
            return date;
        }
        return value.getNano() == 0 ? timestamp : timestampMillis;
    }

    CellStyle literalText() {
        return literalText;
    }

    /** Column width in Excel's units (1/256 of a character): dates must fit or Excel shows "#####". */
    static int width(Column column) {
        int minimum = switch (column.kind()) {
            case DATE -> 12;
            case TIMESTAMP, TIMESTAMPTZ -> 24;
            default -> 10;
        };
        int forHeader = column.name().length() + 3; // room for the autofilter button
        return 256 * Math.min(Math.max(minimum, forHeader), 60);
    }
}
