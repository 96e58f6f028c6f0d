package dataclips.web;

import java.util.Locale;

/**
 * Text written into the lines the clip page offers to copy (ShareHelp), quoted for where each is pasted, so that
 * nothing in a title or URL ends the string it is in: a spreadsheet formula's string, a POSIX shell word, a Python
 * string literal and Markdown's text. The page then escapes the whole line as HTML like any other text.
 */
final class Quoting {
    private Quoting() {}

    /** A string in a spreadsheet formula (Google Sheets, Excel): in double quotes, a quote inside doubled. */
    static String formulaString(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** One word for sh, bash or zsh: in single quotes, where nothing is special but the quote itself ('\''). */
    static String shellWord(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * A Python string literal in double quotes: backslash, quote and every control or bidirectional-formatting
     * character escaped, so the literal is one line and reads as what it holds.
     */
    static String pythonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        out.append(c <= 0xff ? String.format(Locale.ROOT, "\\x%02x", c)
                                : c <= 0xffff ? String.format(Locale.ROOT, "\\u%04x", c) : String.format(Locale.ROOT, "\\U%08x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /**
     * Plain text inside Markdown (an image's alt text): the characters that open links, emphasis, code, HTML or
     * entities are backslash-escaped (CommonMark allows that for any ASCII punctuation), control and
     * bidirectional-formatting characters become spaces, so the text stays on its line.
     */
    static String markdownText(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(' ');
            } else {
                if ("\\`*_[]<>&|~".indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
