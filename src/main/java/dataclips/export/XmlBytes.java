package dataclips.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A COPY's row written as the XML export's {@code <row>} from its bytes (issue 32), byte for byte what
 * {@link XmlWriter} writes for the same values as text through Woodstox and {@link XmlEscapes}: {@code <v>} with the
 * value's text, {@code <v/>} for the empty string, {@code <v null="true"/>} for NULL; &amp;, &lt;, &gt; and CR as
 * references, characters XML cannot carry (ASCII controls but tab and newline, U+FFFE, U+FFFF) as U+FFFD. PostgreSQL
 * sends valid UTF-8, so every other byte goes out as it is.
 */
final class XmlBytes {
    private static final byte[] ROW = ascii("<row>");
    private static final byte[] ROW_END = ascii("</row>\n");
    private static final byte[] VALUE = ascii("<v>");
    private static final byte[] VALUE_END = ascii("</v>");
    private static final byte[] EMPTY = ascii("<v/>");
    private static final byte[] NULL = ascii("<v null=\"true\"/>");
    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);
    private static final byte[][] ASCII_ESCAPES = asciiEscapes();

    private XmlBytes() {}

    static void row(Utf8Out out, RowBytes row) throws IOException {
        write(out, ROW);
        byte[] bytes = row.bytes();
        for (int i = 0; i < row.size(); i++) {
            if (row.isNull(i)) {
                write(out, NULL);
            } else if (row.end(i) == row.start(i)) {
                write(out, EMPTY);
            } else {
                write(out, VALUE);
                text(out, bytes, row.start(i), row.end(i));
                write(out, VALUE_END);
            }
        }
        write(out, ROW_END);
    }

    private static void text(Utf8Out out, byte[] bytes, int start, int end) throws IOException {
        int run = start; // where the bytes not yet written begin
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xFF;
            byte[] escape;
            int skip = 0;
            if (b < 0x80) {
                escape = ASCII_ESCAPES[b];
            } else if (b == 0xEF && i + 2 < end && (bytes[i + 1] & 0xFF) == 0xBF && (bytes[i + 2] & 0xFE) == 0xBE) {
                escape = REPLACEMENT; // U+FFFE or U+FFFF
                skip = 2;
            } else {
                continue;
            }
            if (escape == null) {
                continue;
            }
            out.writeUtf8(bytes, run, i - run);
            write(out, escape);
            i += skip;
            run = i + 1;
        }
        out.writeUtf8(bytes, run, end - run);
    }

    /** What XmlEscapes.CONTENT writes for each ASCII character, null where it stays as it is. */
    private static byte[][] asciiEscapes() {
        byte[][] escapes = new byte[128][];
        for (int c = 0; c < 0x20; c++) {
            escapes[c] = REPLACEMENT;
        }
        escapes['\t'] = null;
        escapes['\n'] = null;
        escapes['\r'] = ascii("&#13;");
        escapes['&'] = ascii("&amp;");
        escapes['<'] = ascii("&lt;");
        escapes['>'] = ascii("&gt;");
        return escapes;
    }

    private static void write(Utf8Out out, byte[] bytes) throws IOException {
        out.writeUtf8(bytes, 0, bytes.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
