package dataclips.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import org.codehaus.stax2.io.EscapingWriterFactory;

/**
 * How the XML export spells text and attribute values, plugged into Woodstox (its Stax2 escaper hooks) under
 * Jackson's ToXmlGenerator. Woodstox's own escaping is valid XML but spelled otherwise than this export always was
 * (a CR as &amp;#xd;, a bare &gt;, U+0080–U+009F as references, no replacement of U+FFFE, U+FFFF or lone
 * surrogates), and downloads must stay byte for byte what they were (kept copies, checksums, diffs people run).
 *
 * <p>XML 1.0 cannot carry every character: U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF and
 * lone surrogates are written as U+FFFD (the replacement character), so the file always parses. Carriage
 * returns, and tabs and newlines in attributes, are written as character references, since a parser would
 * otherwise normalise them away; &gt; is always escaped, since "]]&gt;" may not appear in content.
 */
final class XmlEscapes implements EscapingWriterFactory {
    static final XmlEscapes CONTENT = new XmlEscapes(false);
    static final XmlEscapes ATTRIBUTE = new XmlEscapes(true);
    private static final String REPLACEMENT = "\uFFFD";
    /** Which ASCII characters are written as they are (see isPlain). */
    private final boolean[] plainAscii = new boolean[128];
    private final boolean inAttribute;

    private XmlEscapes(boolean inAttribute) {
        this.inAttribute = inAttribute;
        for (char c = 0; c < plainAscii.length; c++) {
            plainAscii[c] = isPlainByRule(c);
        }
    }

    @Override
    public Writer createEscapingWriterFor(Writer raw, String encoding) {
        return new Escaping(raw);
    }

    @Override
    public Writer createEscapingWriterFor(OutputStream out, String encoding) {
        throw new UnsupportedOperationException("Woodstox escapes into its own buffer, never into a stream");
    }

    /** Writes what it is given escaped into Woodstox's raw output; runs that stay as they are go in one write. */
    private final class Escaping extends Writer {
        private final Writer raw;
        /** Strings are copied here and escaped as arrays: one loop for both (Woodstox copies longer text itself). */
        private char[] copy = new char[64];

        Escaping(Writer raw) {
            this.raw = raw;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            if (copy.length < length) {
                copy = new char[Math.max(length, copy.length * 2)];
            }
            text.getChars(offset, offset + length, copy, 0);
            write(copy, 0, length);
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            int end = offset + length;
            int run = offset; // where the characters not yet written begin
            for (int i = offset; i < end; i++) {
                char c = chars[i];
                if (isPlain(c)) {
                    continue;
                }
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                    i++; // a surrogate pair is a character beyond U+FFFF, which XML allows: it stays in the run
                    continue;
                }
                raw.write(chars, run, i - run);
                raw.write(escapeOf(c));
                run = i + 1;
            }
            raw.write(chars, run, end - run);
        }

        @Override
        public void flush() throws IOException {
            raw.flush();
        }

        @Override
        public void close() {
            // Woodstox owns the raw writer and closes it itself
        }
    }

    /**
     * Whether c is written as it is. ASCII is looked up in a table rather than tested: tests branch on the data
     * (a digit, then a letter, …), and mispredicted branches were most of the cost of escaping.
     */
    private boolean isPlain(char c) {
        return c < plainAscii.length ? plainAscii[c] : isPlainByRule(c);
    }

    /** Allowed in XML, and neither markup nor whitespace a parser would normalise. */
    private boolean isPlainByRule(char c) {
        return switch (c) {
            case '&', '<', '>', '\r' -> false;
            case '"', '\n', '\t' -> !inAttribute;
            default -> allowed(c);
        };
    }

    /**
     * What replaces a character that is not plain (surrogate pairs excepted, which the caller keeps); quotes,
     * newlines and tabs only get here from attributes.
     */
    private static String escapeOf(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\r' -> "&#13;";
            case '\n' -> "&#10;";
            case '\t' -> "&#9;";
            default -> REPLACEMENT;
        };
    }

    /** XML 1.0's Char production for a single UTF-16 unit (paired surrogates are handled by the caller). */
    private static boolean allowed(char c) {
        return c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
    }
}
