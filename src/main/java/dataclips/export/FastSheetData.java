package dataclips.export;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * POI's writer of a sheet's rows into its temp file, made cheaper where an export spends its time (bench/README,
 * "XLSX"): the file is compressed with zstd at level 1 instead of gzip, written through {@link Utf8Out} (no lock
 * per character), and the cells XlsxWriter makes (numbers, booleans, inline strings, blanks) are written here with
 * the same XML POI writes, without building a CellReference per cell, with whole numbers as integers rather than
 * through Double.toString, and text copied whole unless it holds a character to escape. Anything else (a formula
 * or an error cell, which XlsxWriter never makes) is POI's own.
 */
final class FastSheetData extends SheetDataWriter {
    private static final int BUFFER = 1 << 16;
    /** Doubles whose integer digits are all exact: written as a long, which Excel reads as the same number. */
    private static final double EXACT_INTEGERS = 1e15;
    private final List<String> columns = new ArrayList<>();
    private String rowNumber = "1";

    FastSheetData() throws IOException {
        super();
    }

    @Override
    public Writer createWriter(File file) throws IOException {
        return new Utf8Out(decorateOutputStream(new FileOutputStream(file)), BUFFER);
    }

    @Override
    protected OutputStream decorateOutputStream(FileOutputStream fos) throws IOException {
        return new BufferedOutputStream(new ZstdOutputStream(fos, 1), BUFFER);
    }

    @Override
    protected InputStream decorateInputStream(FileInputStream fis) throws IOException {
        return new BufferedInputStream(new ZstdInputStream(fis), BUFFER);
    }

    @Override
    public void writeRow(int rownum, SXSSFRow row) throws IOException {
        rowNumber = Integer.toString(rownum + 1);
        super.writeRow(rownum, row);
    }

    @Override
    public void writeCell(int columnIndex, Cell cell) throws IOException {
        if (cell == null) {
            return;
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA || type == CellType.ERROR) {
            super.writeCell(columnIndex, cell);
            return;
        }
        _out.write("<c r=\"");
        _out.write(column(columnIndex));
        _out.write(rowNumber);
        _out.write('"');
        int style = cell.getCellStyle().getIndex() & 0xffff;
        if (style != 0) {
            _out.write(" s=\"");
            _out.write(Integer.toString(style));
            _out.write('"');
        }
        switch (type) {
            case NUMERIC -> {
                _out.write(" t=\"n\"><v>");
                _out.write(number(cell.getNumericCellValue()));
                _out.write("</v>");
            }
            case BOOLEAN -> _out.write(cell.getBooleanCellValue() ? " t=\"b\"><v>1</v>" : " t=\"b\"><v>0</v>");
            case STRING -> text(cell.getStringCellValue());
            default -> _out.write('>'); // BLANK
        }
        _out.write("</c>");
    }

    /** "A", "B", … "AA", …, made once per column. */
    private String column(int index) {
        while (columns.size() <= index) {
            columns.add(CellReference.convertNumToColString(columns.size()));
        }
        return columns.get(index);
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGERS) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private void text(String value) throws IOException {
        _out.write(" t=\"inlineStr\"><is><t");
        if (!value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1)))) {
            _out.write(" xml:space=\"preserve\"");
        }
        _out.write('>');
        escaped(value);
        _out.write("</t></is>");
    }

    /** As POI's outputEscapedString: markup and line breaks as entities, control characters as '?'. */
    private void escaped(String value) throws IOException {
        int plain = 0;
        int n = value.length();
        while (plain < n && !special(value.charAt(plain))) {
            plain++;
        }
        if (plain == n) {
            _out.write(value);
            return;
        }
        _out.write(value, 0, plain);
        for (int i = plain; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> _out.write("&lt;");
                case '>' -> _out.write("&gt;");
                case '&' -> _out.write("&amp;");
                case '"' -> _out.write("&quot;");
                case '\n' -> _out.write("&#xa;");
                case '\r' -> _out.write("&#xd;");
                case '\t' -> _out.write("&#x9;");
                case '\u00A0' -> _out.write("&#xa0;");
                default -> _out.write(c < ' ' || c >= '\uFFFE' ? '?' : c);
            }
        }
    }

    private static boolean special(char c) {
        return c < ' ' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\u00A0' || c >= '\uFFFE';
    }
}
