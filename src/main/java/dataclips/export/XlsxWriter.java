package dataclips.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a result as an Excel workbook with typed cells (see {@link XlsxCells}), a bold, frozen and
 * filterable header, and as many sheets as the rows need. Rows stream through POI's SXSSF: only a small
 * window stays in memory, the rest goes to compressed temp files until {@link #finish} writes the file.
 *
 * <p>Nothing reaches the stream before {@link #finish}, so a client that goes away is noticed by the caller,
 * not here. A caller must therefore end every writer it began with {@link #finish} or {@link #abort}
 * (or {@link #close}, which aborts unless finished): otherwise the temp files stay on disk. Any failure
 * inside this writer also deletes them before it is rethrown. Not thread-safe: use it from one thread.
 */
public final class XlsxWriter implements ResultWriter, AutoCloseable {
    /** Excel's rows per sheet minus the header row: 1,048,575 data rows. */
    static final int ROWS_PER_SHEET = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;
    static final String TRUNCATED_NOTE = "The result was cut at the row limit: rows after this one were left out.";
    private static final int ROWS_IN_MEMORY = 100;
    private static final int MAX_SHEET_NAME = 31;

    private final OutputStream out;
    private final int rowsPerSheet;
    private SXSSFWorkbook workbook;
    private XlsxStyles styles;
    private XlsxWidths widths;
    private List<Column> columns;
    private String title;
    private SXSSFSheet sheet;
    private int sheets;
    private int rowsOnSheet;

    public XlsxWriter(OutputStream out) {
        this(out, ROWS_PER_SHEET);
    }

    /** A smaller rowsPerSheet lets tests see the overflow onto further sheets. */
    XlsxWriter(OutputStream out, int rowsPerSheet) {
        if (rowsPerSheet < 1 || rowsPerSheet > ROWS_PER_SHEET) {
            throw new IllegalArgumentException("rowsPerSheet must be between 1 and " + ROWS_PER_SHEET);
        }
        this.out = out;
        this.rowsPerSheet = rowsPerSheet;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) {
        if (workbook != null || sheets > 0) {
            throw new IllegalStateException("begin was already called");
        }
        workbook = new FastSxssfWorkbook(ROWS_IN_MEMORY);
        try {
            styles = new XlsxStyles(workbook);
            this.columns = List.copyOf(columns);
            widths = new XlsxWidths(this.columns);
            this.title = info == null ? null : info.title();
            startSheet();
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public boolean row(String[] values) {
        requireBegun();
        try {
            if (rowsOnSheet == rowsPerSheet) {
                endSheet();
                startSheet();
            }
            widths.measure(values);
            Row row = sheet.createRow(++rowsOnSheet);
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) { // SQL NULL stays a blank cell, apart from '' (an empty text cell)
                    Cell cell = row.createCell(i);
                    cell.setCellStyle(styles.plain());
                    XlsxCells.fill(cell, columns.get(i).kind(), values[i], styles);
                }
            }
            return true;
        } catch (RuntimeException e) { // SXSSF reports a failed flush to its temp file this way
            abort();
            throw e;
        }
    }

    /** Writes the workbook to the stream and flushes it, without closing it; temp files are deleted either way. */
    @Override
    public void finish(boolean truncated) throws IOException {
        requireBegun();
        try {
            if (truncated) {
                writeTruncatedNote();
            }
            endSheet();
            workbook.write(out);
            out.flush();
        } finally {
            abort();
        }
    }

    /** Drops the workbook without writing anything and deletes its temp files; safe to call at any time, twice. */
    public void abort() {
        SXSSFWorkbook dropped = workbook;
        workbook = null;
        sheet = null;
        if (dropped == null) {
            return;
        }
        try {
            dropped.close(); // closes the sheet writers and deletes their temp files
        } catch (IOException e) {
            // Only the in-memory template failed to close: nothing the caller could act on.
        } finally {
            dropped.dispose(); // again, in case close failed before it got there; deleting twice is harmless
        }
    }

    /** Same as {@link #abort}: after {@link #finish} there is nothing left to do. */
    @Override
    public void close() {
        abort();
    }

    private void requireBegun() {
        if (workbook == null) {
            throw new IllegalStateException(sheets == 0 ? "begin was not called" : "the writer was finished or aborted");
        }
    }

    private void startSheet() {
        sheets++;
        sheet = workbook.createSheet(sheetName(title, sheets));
        rowsOnSheet = 0;
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(XlsxCells.cut(columns.get(i).name()));
            cell.setCellStyle(styles.header());
        }
        sheet.createFreezePane(0, 1);
    }

    /** The filter covers the header and the data rows; it can be set only once the last row is known, as the widths. */
    private void endSheet() {
        widths.apply(sheet);
        if (!columns.isEmpty()) {
            sheet.setAutoFilter(new CellRangeAddress(0, rowsOnSheet, 0, columns.size() - 1));
        }
    }

    /** Below the data, outside the filter range so sorting never moves it; a full sheet gets one more sheet. */
    private void writeTruncatedNote() {
        if (rowsOnSheet == rowsPerSheet) {
            endSheet();
            startSheet();
        }
        Cell cell = sheet.createRow(rowsOnSheet + 1).createCell(0);
        cell.setCellValue(TRUNCATED_NOTE);
        cell.setCellStyle(styles.note());
    }

    /** "Title", then "Title (2)", "Title (3)"…: Excel allows 31 characters, some of them not at all. */
    static String sheetName(String title, int number) {
        String base = title == null || title.isBlank() ? "Result" : WorkbookUtil.createSafeSheetName(title.strip());
        if (base.equalsIgnoreCase("History")) {
            base = "Result"; // Excel reserves this name
        }
        if (number == 1) {
            return base;
        }
        String suffix = " (" + number + ")";
        String start = base.substring(0, Math.min(base.length(), MAX_SHEET_NAME - suffix.length()));
        return WorkbookUtil.createSafeSheetName(start + suffix);
    }
}
