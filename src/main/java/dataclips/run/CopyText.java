package dataclips.run;

import dataclips.export.RowBytes;

/**
 * One row of COPY's text format back into the values a cursor's getString gives, as bytes: fields split by tabs, the
 * row ended by a newline, {@code \N} alone for NULL, and the backslash escapes COPY TO writes ({@code \\b \\f \\n \\r
 * \\t \\v} and a backslash before any other character, itself included) undone. Everything else is the value's text
 * as its type's output function wrote it, in the client encoding (UTF-8), bytea's {@code \\x…} hex included (its
 * backslash doubled on the wire).
 */
final class CopyText {
    private static final byte[] NOTHING = new byte[0];

    private CopyText() {}

    /** The values of the row in bytes[0, length), or null when it does not hold exactly that many columns. */
    static RowBytes row(byte[] bytes, int length, int columns) {
        if (length == 0 || bytes[length - 1] != '\n') {
            return null;
        }
        int end = length - 1;
        int[] bounds = new int[2 * columns];
        if (columns == 0) {
            return end == 0 ? new RowBytes(NOTHING, bounds) : null;
        }
        byte[] values = new byte[end]; // undoing escapes only shortens
        int n = 0;
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
            if (escaped && stop - start == 2 && bytes[start + 1] == 'N') {
                bounds[2 * i] = -1; // \N, as COPY writes NULL: a value's own backslash is doubled, so nothing else
            } else {
                bounds[2 * i] = n;
                n = escaped ? unescape(bytes, start, stop, values, n) : copy(bytes, start, stop, values, n);
                bounds[2 * i + 1] = n;
            }
            start = stop + 1;
        }
        return new RowBytes(values, bounds);
    }

    private static int copy(byte[] from, int start, int stop, byte[] to, int at) {
        System.arraycopy(from, start, to, at, stop - start);
        return at + stop - start;
    }

    private static int unescape(byte[] from, int start, int stop, byte[] to, int at) {
        int n = at;
        for (int i = start; i < stop; i++) {
            byte b = from[i];
            if (b == '\\' && i + 1 < stop) {
                b = switch (from[++i]) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'v' -> 0x0B;
                    default -> from[i]; // \\ and any other escaped character stand for themselves
                };
            }
            to[n++] = b;
        }
        return n;
    }
}
