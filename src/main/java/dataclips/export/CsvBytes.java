package dataclips.export;

import java.io.IOException;

/**
 * A COPY's row written as CSV from its bytes (issue 32), byte for byte what {@link CsvWriter} writes for the same
 * values as text: NULL an empty field, numbers as PostgreSQL wrote them, other values with the formula guard of
 * free-text columns, quoted when empty or holding a separator, a quote, a CR or an LF (quotes doubled), CRLF line ends.
 * Bytes of UTF-8 go out as they are: only ASCII characters are looked for.
 */
final class CsvBytes {
    private CsvBytes() {}

    static void row(Utf8Out out, RowBytes row, boolean[] number, boolean[] freeText) throws IOException {
        byte[] bytes = row.bytes();
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.writeAscii((byte) ',');
            }
            if (row.isNull(i)) {
                continue;
            }
            int start = row.start(i);
            int end = row.end(i);
            if (number[i] && end > start) {
                out.writeUtf8(bytes, start, end - start);
            } else {
                text(out, bytes, start, end, freeText[i] && end > start && isFormulaStart(bytes[start]));
            }
        }
        out.writeAscii((byte) '\r');
        out.writeAscii((byte) '\n');
    }

    /** As CsvWriter.neutraliseText: =, +, -, @, tab or CR first. */
    private static boolean isFormulaStart(byte first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static void text(Utf8Out out, byte[] bytes, int start, int end, boolean guarded) throws IOException {
        if (end > start && !needsQuotes(bytes, start, end)) {
            if (guarded) {
                out.writeAscii((byte) '\'');
            }
            out.writeUtf8(bytes, start, end - start);
            return;
        }
        out.writeAscii((byte) '"');
        if (guarded) {
            out.writeAscii((byte) '\'');
        }
        int run = start;
        for (int i = start; i < end; i++) {
            if (bytes[i] == '"') {
                out.writeUtf8(bytes, run, i + 1 - run);
                out.writeAscii((byte) '"'); // a quote is doubled
                run = i + 1;
            }
        }
        out.writeUtf8(bytes, run, end - run);
        out.writeAscii((byte) '"');
    }

    private static boolean needsQuotes(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b == ',' || b == '"' || b == '\r' || b == '\n') {
                return true;
            }
        }
        return false;
    }
}
