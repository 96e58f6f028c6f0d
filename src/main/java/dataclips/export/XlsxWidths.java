package dataclips.export;

import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Column widths of an export, from the text of its first rows: a column as wide as its longest value (or its name,
 * with room for the filter button) among the first {@value #MEASURED} rows, at least what a date needs to show
 * (else Excel shows "#####"), at most {@value #WIDEST} characters. The same widths go on every sheet.
 */
final class XlsxWidths {
    static final int MEASURED = 100;
    static final int WIDEST = 60;
    private static final int FILTER_BUTTON = 3;
    private static final int PADDING = 2;
    private final List<Column> columns;
    private final int[] widest;
    private int measured;

    XlsxWidths(List<Column> columns) {
        this.columns = columns;
        this.widest = new int[columns.size()];
        for (int i = 0; i < widest.length; i++) {
            widest[i] = Math.max(minimum(columns.get(i).kind()), columns.get(i).name().length() + FILTER_BUTTON);
        }
    }

    /** One row's values (PostgreSQL's text, null for NULL), while the first rows are measured. */
    void measure(String[] values) {
        if (measured++ >= MEASURED) {
            return;
        }
        for (int i = 0; i < values.length && i < widest.length; i++) {
            if (values[i] != null) {
                widest[i] = Math.max(widest[i], shown(columns.get(i).kind(), values[i]) + PADDING);
            }
        }
    }

    /** The widths, in Excel's units (1/256 of a character), on this sheet. */
    void apply(Sheet sheet) {
        for (int i = 0; i < widest.length; i++) {
            sheet.setColumnWidth(i, 256 * Math.min(widest[i], WIDEST));
        }
    }

    /** Characters the cell shows: numbers and text as written, dates and times in their display format. */
    private static int shown(Kind kind, String value) {
        return switch (kind) {
            case DATE, TIMESTAMP, TIMESTAMPTZ -> minimum(kind);
            default -> value.codePointCount(0, value.length());
        };
    }

    private static int minimum(Kind kind) {
        return switch (kind) {
            case DATE -> 12;
            case TIMESTAMP, TIMESTAMPTZ -> 24;
            default -> 8;
        };
    }
}
