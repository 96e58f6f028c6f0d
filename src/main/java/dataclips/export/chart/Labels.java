package dataclips.export.chart;

/**
 * Text from the result or the owner (column names, categories, titles) made safe to draw: whatever it holds,
 * the SVG stays well-formed XML and the picture stays readable. Characters XML cannot hold (controls, lone
 * surrogates, U+FFFE/U+FFFF) go, and so do bidirectional overrides, which could make a label read backwards;
 * line breaks become spaces; long text is cut with an ellipsis.
 */
final class Labels {
    /** Axis labels, categories and series names; about what fits beside an axis. */
    static final int SHORT = 60;
    /** Titles, captions and hover texts. */
    static final int LONG = 200;
    private static final String ELLIPSIS = "…";

    private Labels() {}

    /** The text cleaned and cut to at most max code points (the ellipsis included); "" for null. */
    static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(Math.min(text.length(), max + 1));
        int count = 0;
        int cutAt = 0; // where the text ends when it must make room for the ellipsis
        for (int i = 0; i < text.length() && count <= max; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            int shown = shown(c);
            if (shown < 0 || shown == ' ' && (kept.length() == 0 || kept.charAt(kept.length() - 1) == ' ')) {
                continue; // dropped, or a space that would double the one before it
            }
            kept.appendCodePoint(shown);
            count++;
            if (count == max - 1) {
                cutAt = kept.length();
            }
        }
        if (count > max) {
            kept.setLength(cutAt);
            return kept.toString().strip() + ELLIPSIS;
        }
        return kept.toString().strip();
    }

    /** The character to show for c: itself, a space for whitespace controls, or -1 to drop it. */
    private static int shown(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return ' ';
        }
        if (c < 0x20 || c >= 0x7F && c <= 0x9F || c == 0xFFFE || c == 0xFFFF) {
            return -1;
        }
        if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
            return -1; // a lone surrogate: codePointAt returns a pair as one code point
        }
        if (c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F) {
            return -1; // bidirectional embeddings, overrides, isolates and marks
        }
        return c;
    }
}
