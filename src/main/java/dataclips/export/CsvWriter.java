package dataclips.export;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * RFC 4180 CSV, streamed through jackson-dataformat-csv's CsvGenerator (quoting, quote doubling, separators, CRLF
 * line ends): one header row with the column names as they are, UTF-8, NULL as an empty field and the empty
 * string as "", numbers and times in PostgreSQL's text form (no precision lost). Text a spreadsheet would run as
 * a formula (starting with =, +, -, @, tab or CR) gets a leading ' in non-numeric columns, so negative numbers
 * stay numbers. A result cut at the row limit ends with a line that says so.
 */
public final class CsvWriter implements ResultWriter {
    private static final char BOM = '\uFEFF';
    private static final String CRLF = "\r\n";
    /**
     * Strict quoting: only what RFC 4180 needs (a separator, a quote, a CR); the loose default also quotes every
     * value longer than 24 characters or holding a space. The generator never closes the response's stream.
     */
    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator(CRLF).withoutComments();
    private final CsvGenerator csv;
    private final Utf8Out out;
    private final boolean bom;
    private boolean[] freeText = new boolean[0];
    private boolean[] number = new boolean[0];
    private boolean noColumns;
    /** A row went through the generator: rows from bytes must too, or they could overtake what it holds. */
    private boolean textRows;
    private long rows;

    public CsvWriter(OutputStream stream, boolean bom) throws IOException {
        // Utf8Out encodes: no lock per write, and a lone surrogate becomes '?' where Jackson's encoder would fail.
        this.out = new Utf8Out(stream, 1 << 16);
        this.csv = CSV.createGenerator(out);
        this.csv.setSchema(SCHEMA);
        this.bom = bom;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        freeText = new boolean[columns.size()];
        number = new boolean[columns.size()];
        for (int i = 0; i < freeText.length; i++) {
            freeText[i] = isFreeText(columns.get(i)); // decided once, not for each of a million values
            number[i] = columns.get(i).kind().isNumeric();
        }
        noColumns = columns.isEmpty();
        if (bom) {
            csv.writeRaw(BOM);
        }
        // Rows sit in one outer array: inside it the generator writes a NULL as an empty field (at the top level
        // it would leave the field out).
        csv.writeStartArray();
        csv.writeStartArray();
        for (Column column : columns) {
            // A column name is text a spreadsheet reads like any cell: `select 1 as "=HYPERLINK(…)"` must not run.
            text(neutraliseText(column.name()));
        }
        endRow();
        csv.flush(); // the header leaves at once: a fast first byte, and the download visibly starts
    }

    @Override
    public boolean row(String[] values) throws IOException {
        textRows = true;
        csv.writeStartArray();
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value == null) {
                csv.writeNull();
            } else if (number[i] && !value.isEmpty()) {
                csv.writeRawValue(value); // PostgreSQL's text of a number: no separator, quote or line break to look for
            } else {
                text(freeText[i] ? neutraliseText(value) : value);
            }
        }
        endRow();
        rows++;
        return true;
    }

    /** A COPY's row, written from its bytes (CsvBytes) past the generator, which holds nothing after begin. */
    @Override
    public boolean row(RowBytes row) throws IOException {
        if (textRows) {
            return row(row.strings());
        }
        CsvBytes.row(out, row, number, freeText);
        rows++;
        return true;
    }

    @Override
    public boolean takesRowBytes() {
        return true;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        if (truncated) {
            csv.writeStartArray();
            text("# truncated: the result has more rows than the limit; this file holds the first " + rows);
            csv.writeEndArray();
        }
        csv.writeEndArray();
        csv.flush(); // not close: the response owns the stream
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

    /**
     * One field, quoted where the generator's strict check says so, and also when it is empty (so "" stays apart
     * from NULL's empty field) or holds a line feed: with CRLF line ends that check looks for the CR alone
     * (jackson-dataformats-text issue 479), and a bare LF must be quoted too.
     */
    private void text(String value) throws IOException {
        if (value.isEmpty() || value.indexOf('\n') >= 0) {
            csv.enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
            csv.writeString(value);
            csv.disable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
        } else {
            csv.writeString(value);
        }
    }

    /** Ends a row; a result without columns still gets one (empty) line per row, as RFC 4180 has it. */
    private void endRow() throws IOException {
        csv.writeEndArray();
        if (noColumns) {
            csv.writeRaw(CRLF);
        }
    }
}
