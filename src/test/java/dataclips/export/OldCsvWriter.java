package dataclips.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: one header row with the column names as they are, CRLF line ends, UTF-8, NULL as an empty
 * field, numbers and times in PostgreSQL's text form (no precision lost). Text a spreadsheet would run as
 * a formula (starting with =, +, -, @, tab or CR) gets a leading ' in non-numeric columns, so negative
 * numbers stay numbers. A result cut at the row limit ends with a line that says so.
 */
final class OldCsvWriter implements ResultWriter {
    private static final char BOM = '\uFEFF';
    private final Writer out;
    private final boolean bom;
    private List<Column> columns = List.of();
    private boolean[] freeText = new boolean[0];
    private long rows;

    OldCsvWriter(OutputStream stream, boolean bom) {
        this.out = new Utf8Out(stream, 1 << 16);
        this.bom = bom;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        this.columns = columns;
        freeText = new boolean[columns.size()];
        for (int i = 0; i < freeText.length; i++) {
            freeText[i] = isFreeText(columns.get(i)); // decided once, not for each of a million values
        }
        if (bom) {
            out.write(BOM);
        }
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            // A column name is text a spreadsheet reads like any cell: `select 1 as "=HYPERLINK(…)"` must not run.
            field(neutraliseText(columns.get(i).name()));
        }
        out.write("\r\n");
        out.flush(); // the header leaves at once: a fast first byte, and the download visibly starts
    }

    @Override
    public boolean row(String[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = values[i];
            if (value != null) {
                field(freeText[i] ? neutraliseText(value) : value);
            }
        }
        out.write("\r\n");
        rows++;
        return true;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        if (truncated) {
            field("# truncated: the result has more rows than the limit; this file holds the first " + rows);
            out.write("\r\n");
        }
        out.flush();
    }

    /**
     * Formula-looking text (Excel and Sheets run =, +, -, @ as formulas) in columns that hold free text;
     * numbers, money, dates, intervals and the like are left as PostgreSQL wrote them.
     */
    private static boolean isFreeText(Column column) {
        return switch (column.kind()) {
            case TEXT, OTHER, JSON, ARRAY -> !column.pgType().equals("money");
            default -> false;
        };
    }

    private static String neutraliseText(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + value : value;
    }

    private void field(String value) throws IOException {
        if (needsQuotes(value)) {
            out.write('"');
            out.write(value.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(value);
        }
    }

    /**
     * Quoted when it holds a separator, a quote or a line break; an empty name is quoted so the header has it.
     * String.indexOf scans with the CPU's vector instructions: four of them beat one loop over the characters,
     * which was the CSV writer's largest cost (bench/README).
     */
    private static boolean needsQuotes(String value) {
        return value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
    }
}
