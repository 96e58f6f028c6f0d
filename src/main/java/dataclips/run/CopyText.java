package dataclips.run;

import java.nio.charset.StandardCharsets;

/**
 * One row of COPY's text format back into the values a cursor's getString gives: fields split by tabs, the row ended
 * by a newline, {@code \N} alone for NULL, and the backslash escapes COPY TO writes ({@code \\b \\f \\n \\r \\t \\v} and
 * a backslash before any other character, itself included). Everything else is the value's text as its type's
 * output function wrote it, in the client encoding (UTF-8), bytea's {@code \\x…} hex included (its backslash doubled).
 */
final class CopyText {
    private byte[] unescaped = new byte[256];

    /** The values of the row in bytes[0, length), or null when it does not hold exactly that many columns. */
    String[] row(byte[] bytes, int length, int columns) {
        if (length == 0 || bytes[length - 1] != '\n') {
            return null;
        }
        int end = length - 1;
        String[] values = new String[columns];
        if (columns == 0) {
            return end == 0 ? values : null;
        }
        int start = 0;
        for (int i = 0; i < columns; i++) {
            int stop = start;
            boolean escaped = false;
            while (stop < end && bytes[stop] != '\t') {
                escaped |= bytes[stop] == '\\';
                stop++;
            }
            if ((stop == end) != (i == columns - 1)) {
                return null; // fewer or more fields than columns
            }
            values[i] = value(bytes, start, stop, escaped);
            start = stop + 1;
        }
        return values;
    }

    private String value(byte[] bytes, int start, int stop, boolean escaped) {
        if (!escaped) {
            return new String(bytes, start, stop - start, StandardCharsets.UTF_8);
        }
        if (stop - start == 2 && bytes[start + 1] == 'N') {
            return null; // \N, as COPY writes NULL; a value's own backslash is doubled, so \N is nothing else
        }
        if (unescaped.length < stop - start) {
            unescaped = new byte[stop - start];
        }
        int n = 0;
        for (int i = start; i < stop; i++) {
            byte b = bytes[i];
            if (b == '\\' && i + 1 < stop) {
                b = unescape(bytes[++i]);
            }
            unescaped[n++] = b;
        }
        String value = new String(unescaped, 0, n, StandardCharsets.UTF_8);
        if (unescaped.length > 1 << 16) {
            unescaped = new byte[256]; // a long value does not keep its buffer
        }
        return value;
    }

    private static byte unescape(byte c) {
        return switch (c) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            default -> c; // \\ and any other escaped character stand for themselves
        };
    }
}
