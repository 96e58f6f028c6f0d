package dataclips.parameters;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A URL's text read as a value of one of the plain parameter types (text, integer, number, boolean): each answers the
 * typed value, or null when the text is not one ({@link ParameterValues} says why, naming the parameter). Dates and
 * timestamps are {@link ParameterDates}'.
 */
final class ScalarValues {
    // ASCII digits only ([0-9], not \d with Unicode classes): "١٢" is not a number a URL should carry.
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Set<String> TRUE_WORDS = Set.of("true", "1", "yes", "on");
    private static final Set<String> FALSE_WORDS = Set.of("false", "0", "no", "off");

    private ScalarValues() {}

    static String text(String text) {
        if (text.length() > ParameterValues.MAX_TEXT_CHARS) {
            return null;
        }
        // PostgreSQL text cannot hold NUL, and an unpaired surrogate would silently become '?' in UTF-8.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isSurrogate(c) && !pairedSurrogateAt(text, i)) {
                return null;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return text;
    }

    private static boolean pairedSurrogateAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    static Long integer(String text) {
        if (text.length() > 40 || !INTEGER.matcher(text).matches()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException pastInt8) {
            return null;
        }
    }

    static BigDecimal number(String text) {
        if (text.length() > ParameterValues.MAX_NUMBER_CHARS || !NUMBER.matcher(text).matches()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            BigDecimal stripped = value.stripTrailingZeros();
            // "1e999999999" is short text but a billion digits once written out, in canonical() or in SQL.
            // In long: an exponent near the end of int ("9e2147483647") wraps precision - scale round to negative.
            boolean fits = stripped.scale() <= ParameterValues.MAX_NUMBER_DIGITS
                    && (long) stripped.precision() - stripped.scale() <= ParameterValues.MAX_NUMBER_DIGITS;
            return fits ? value : null;
        } catch (NumberFormatException | ArithmeticException exponentPastInt) {
            return null;
        }
    }

    static Boolean bool(String text) {
        if (text.length() > 5) {
            return null;
        }
        String word = text.toLowerCase(Locale.ROOT);
        return TRUE_WORDS.contains(word) ? Boolean.TRUE : FALSE_WORDS.contains(word) ? Boolean.FALSE : null;
    }
}
