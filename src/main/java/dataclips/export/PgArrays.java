package dataclips.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads PostgreSQL's array output ({@code {1,2,NULL}}, {@code {"a b","d\"e",NULL,""}}, {@code {{1,2},{3,4}}})
 * into nested lists, so an export can write an array as an array. Elements stay PostgreSQL text (the caller
 * types them by the element type); an unquoted NULL is null, a quoted "NULL" is the string NULL. A leading
 * bounds decoration ({@code [0:1]={7,8}}, printed when the lower bound is not 1) is skipped: formats have no
 * place for it. Malformed input throws {@link IllegalArgumentException}, so the caller can fall back to text.
 */
public final class PgArrays {
    private final String text;
    private final char delimiter;
    private int pos;

    private PgArrays(String text, char delimiter) {
        this.text = text;
        this.delimiter = delimiter;
    }

    /** Parses an array of any element type but box, the one built-in type whose delimiter is ';'. */
    public static List<Object> parse(String literal) {
        return parse(literal, ',');
    }

    public static List<Object> parse(String literal, char delimiter) {
        PgArrays parser = new PgArrays(literal, delimiter);
        parser.skipBounds();
        List<Object> items = parser.array();
        parser.skipSpace();
        if (parser.pos != literal.length()) {
            throw parser.error("text after the array");
        }
        return items;
    }

    private void skipBounds() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '[') {
            int equals = text.indexOf('=', pos);
            if (equals < 0) {
                throw error("bounds without '='");
            }
            pos = equals + 1;
        }
        skipSpace();
    }

    private List<Object> array() {
        expect('{');
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return items;
        }
        while (true) {
            skipSpace();
            char c = peek();
            items.add(c == '{' ? array() : c == '"' ? quoted() : unquoted());
            skipSpace();
            char after = next();
            if (after == '}') {
                return items;
            }
            if (after != delimiter) {
                throw error("expected '" + delimiter + "' or '}'");
            }
        }
    }

    private String quoted() {
        expect('"');
        StringBuilder value = new StringBuilder();
        for (char c = next(); c != '"'; c = next()) {
            value.append(c == '\\' ? next() : c);
        }
        return value.toString();
    }

    /** An unquoted element ends at the delimiter or '}'; backslashes escape, and an escaped NULL is text. */
    private String unquoted() {
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        int keep = 0; // length up to the last escaped or non-blank character: trailing blanks are not data
        while (true) {
            char c = peek();
            if (c == delimiter || c == '}') {
                break;
            }
            if (c == '{' || c == '"') {
                throw error("unexpected '" + c + "'");
            }
            pos++;
            if (c == '\\') {
                value.append(next());
                escaped = true;
                keep = value.length();
            } else {
                value.append(c);
                keep = Character.isWhitespace(c) ? keep : value.length();
            }
        }
        value.setLength(keep);
        if (value.isEmpty()) {
            throw error("empty element");
        }
        return !escaped && value.toString().equalsIgnoreCase("NULL") ? null : value.toString();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            pos--;
            throw error("expected '" + wanted + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed array literal at " + pos + ": " + what);
    }
}
