package dataclips.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The XML download, streamed row by row:
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <clip title="…" as_of="2024-02-29T13:45:30Z">
 * <parameters><parameter name="region">north</parameter>…</parameters>   (only for a clip with parameters)
 * <columns><column name="id" type="int4" kind="integer"/>…</columns>
 * <rows>
 * <row><v>1</v><v null="true"/><v/>…</row>
 * </rows>
 * <summary row_count="1" truncated="false"/>
 * </clip>
 * }</pre>
 * Column names are attributes, never element names, so any name (spaces, markup, digits first, empty,
 * duplicates) is well-formed and comes back exactly. Types are declared once in {@code <columns>}; each
 * {@code <v>} holds PostgreSQL's text of the value, in column order. NULL is {@code <v null="true"/>}, the
 * empty string an empty {@code <v/>} without that attribute. title and as_of are left out when unknown.
 *
 * <p>XML 1.0 cannot carry every character: U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF and
 * lone surrogates are written as U+FFFD (the replacement character), so the file always parses. Carriage
 * returns, and tabs and newlines in attributes, are written as character references, since a parser would
 * otherwise normalise them away.
 */
final class OldXmlWriter implements ResultWriter {
    private static final String REPLACEMENT = "\uFFFD";
    /** Which ASCII characters are written as they are (see isPlain). */
    private static final boolean[] PLAIN_ASCII_IN_CONTENT = plainAscii(false);
    private static final boolean[] PLAIN_ASCII_IN_ATTRIBUTE = plainAscii(true);
    private final TextBuffer out;
    private long rowCount;

    OldXmlWriter(OutputStream out) {
        this.out = new TextBuffer(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clip");
        if (info != null && info.title() != null) {
            attribute("title", info.title());
        }
        if (info != null && info.asOf() != null) {
            attribute("as_of", info.asOf().toInstant().toString()); // ISO 8601 in UTC, as the JSON export
        }
        out.write(">\n");
        if (info != null && !info.parameters().isEmpty()) {
            out.write("<parameters>");
            for (var p : info.parameters().entrySet()) {
                out.write("<parameter");
                attribute("name", p.getKey());
                out.write(">");
                escape(p.getValue(), false);
                out.write("</parameter>");
            }
            out.write("</parameters>\n");
        }
        out.write("<columns>");
        for (Column column : columns) {
            out.write("<column");
            attribute("name", column.name());
            attribute("type", column.pgType());
            attribute("kind", column.kind().name().toLowerCase(Locale.ROOT));
            out.write("/>");
        }
        out.write("</columns>\n<rows>\n");
    }

    @Override
    public boolean row(String[] values) throws IOException {
        out.write("<row>");
        for (String value : values) {
            if (value == null) {
                out.write("<v null=\"true\"/>");
            } else if (value.isEmpty()) {
                out.write("<v/>");
            } else {
                out.write("<v>");
                escape(value, false);
                out.write("</v>");
            }
        }
        out.write("</row>\n");
        rowCount++;
        return true;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        out.write("</rows>\n<summary row_count=\"" + rowCount + "\" truncated=\"" + truncated + "\"/>\n</clip>\n");
        out.flush(); // not close: the response owns the stream
    }

    private void attribute(String name, String value) throws IOException {
        out.write(' ');
        out.write(name);
        out.write("=\"");
        escape(value, true);
        out.write('"');
    }

    /**
     * Writes text escaped for element content or a double-quoted attribute, with unwritable characters replaced.
     * Runs of characters that stay as they are go out in one write; only the escapes are written one by one.
     */
    private void escape(String text, boolean inAttribute) throws IOException {
        int length = text.length();
        int run = 0; // where the characters not yet written begin
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (isPlain(c, inAttribute)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a surrogate pair is a character beyond U+FFFF, which XML allows: it stays in the run
                continue;
            }
            out.write(text, run, i - run);
            out.write(escapeOf(c));
            run = i + 1;
        }
        out.write(text, run, length - run);
    }

    /**
     * Whether c is written as it is. ASCII is looked up in a table rather than tested: tests branch on the data
     * (a digit, then a letter, …), and mispredicted branches were most of the cost of escaping.
     */
    private static boolean isPlain(char c, boolean inAttribute) {
        if (c < PLAIN_ASCII_IN_CONTENT.length) {
            return (inAttribute ? PLAIN_ASCII_IN_ATTRIBUTE : PLAIN_ASCII_IN_CONTENT)[c];
        }
        return isPlainByRule(c, inAttribute);
    }

    /** isPlainByRule for each ASCII character. */
    private static boolean[] plainAscii(boolean inAttribute) {
        boolean[] plain = new boolean[128];
        for (char c = 0; c < plain.length; c++) {
            plain[c] = isPlainByRule(c, inAttribute);
        }
        return plain;
    }

    /** Allowed in XML, and neither markup nor whitespace a parser would normalise. */
    private static boolean isPlainByRule(char c, boolean inAttribute) {
        return switch (c) {
            case '&', '<', '>', '\r' -> false; // ">" too, since "]]>" may not appear in content
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
