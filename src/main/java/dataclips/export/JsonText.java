package dataclips.export;

/**
 * Text checks that JSON's grammar needs, each one scan with no allocation unless something must change:
 * numbers (and the ASCII digits they and ISO timestamps are made of) and lone surrogates.
 */
final class JsonText {
    private JsonText() {}

    /**
     * Whether the text is a number in JSON's grammar, {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?},
     * checked by a single scan (a regular expression here cost a third of the export's CPU). Digits are ASCII
     * only, as in the grammar; everything else PostgreSQL may print (NaN, Infinity, -Infinity) is not a number.
     */
    static boolean isJsonNumber(String text) {
        int length = text.length();
        int i = text.startsWith("-") ? 1 : 0;
        if (i < length && text.charAt(i) == '0') {
            i++; // a leading zero stands alone: "01" is not JSON
        } else {
            int digits = skipDigits(text, i);
            if (digits == i) {
                return false;
            }
            i = digits;
        }
        if (i < length && text.charAt(i) == '.') {
            int digits = skipDigits(text, i + 1);
            if (digits == i + 1) {
                return false; // "1." needs a digit after the point
            }
            i = digits;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int digits = skipDigits(text, i);
            if (digits == i) {
                return false; // "1e" and "1e+" need a digit
            }
            i = digits;
        }
        return i == length;
    }

    /** The index of the first character at or after start that is not an ASCII digit. */
    static int skipDigits(String text, int start) {
        int i = start;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * PostgreSQL's json type keeps escapes as typed, so {@code "\\ud800"} arrives as half a character. Copied as is,
     * the download would hold a lone surrogate escape, which strict readers refuse (RFC 7493; Rust's serde_json
     * stops there): it becomes U+FFFD, as the XML download does.
     */
    static String withoutLoneSurrogates(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean lone = Character.isSurrogate(c);
            if (lone && fixed == null) {
                fixed = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (fixed != null) {
                fixed.append(lone ? '\uFFFD' : c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    /** ASCII digits only: Character.isDigit would also take other scripts' digits, which JSON does not. */
    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
