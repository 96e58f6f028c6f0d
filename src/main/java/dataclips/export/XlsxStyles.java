package dataclips.export;

import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

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

    XlsxStyles(SXSSFWorkbook workbook) {
        namedNormal(workbook.getXSSFWorkbook().getStylesSource());
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

    /**
     * The named style "Normal" over the default format, as Excel writes it: without one, openpyxl (pandas.read_excel)
     * warns "Workbook contains no default style". POI's lite schemas have no type for it, so it is added to the style
     * sheet's XML through its DOM (after cellXfs, where the schema puts it; POI writes nothing after it here).
     */
    private static void namedNormal(StylesTable styles) {
        Node sheet = styles.getCTStylesheet().getDomNode();
        String ns = sheet.getNamespaceURI();
        Element cellStyles = sheet.getOwnerDocument().createElementNS(ns, "cellStyles");
        cellStyles.setAttribute("count", "1");
        Element normal = sheet.getOwnerDocument().createElementNS(ns, "cellStyle");
        normal.setAttribute("name", "Normal");
        normal.setAttribute("xfId", "0");
        normal.setAttribute("builtinId", "0");
        cellStyles.appendChild(normal);
        sheet.appendChild(cellStyles);
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
}
