package dataclips.parameters;

import dataclips.parameters.Parameter.Type;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of the parameters' refusals: a value quoted so that a message shows it as it is (control and format
 * characters escaped, cut at 60 characters), and what a parameter accepts, in people's words.
 */
final class ValueMessages {
    private static final int QUOTED_CHARS = 60;

    private ValueMessages() {}

    /** Text for a message: in single quotes, cut at 60 characters, control and format characters escaped. */
    static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        int i = 0;
        while (i < text.length() && shown < QUOTED_CHARS) {
            int c = text.codePointAt(i);
            appendVisible(out, c);
            i += Character.charCount(c);
            shown++;
        }
        return out.append(i < text.length() ? "…'" : "'").toString();
    }

    /** What p accepts, e.g. "must be a whole number between 1 and 10". */
    static String accepted(Parameter p, boolean relativeAllowed, boolean withRange) {
        String range = withRange ? range(p) : p.type() == Type.INTEGER ? range(null, null, Type.INTEGER) : "";
        String relative = relativeAllowed ? ", or a relative date: " + ParameterDates.RELATIVE_WORDS + " (in UTC)"
                : " (relative dates such as today-7d are for defaults and values, not for min and max)";
        // Only values come from URLs, where an unencoded + arrives as a space.
        String inUrl = relativeAllowed ? "; in a URL write + as %2B" : "";
        return switch (p.type()) {
            case TEXT -> "must be text of at most " + ParameterValues.MAX_TEXT_CHARS + " characters, without NUL characters";
            case INTEGER -> "must be a whole number" + range;
            case NUMBER -> "must be a number" + range + ", written as digits with an optional sign, decimal point "
                    + "and exponent (e.g. -3.5 or 1.2e6; at most " + ParameterValues.MAX_NUMBER_CHARS + " characters and "
                    + ParameterValues.MAX_NUMBER_DIGITS + " digits either side of the point; no NaN or Infinity)";
            case DATE -> "must be a date" + range + ", written yyyy-mm-dd with a year from 1 to 9999" + relative
                    + inUrl;
            case TIMESTAMP -> "must be a timestamp" + range + ", written yyyy-mm-ddThh:mm[:ss[.fraction]] with Z or "
                    + "an offset such as +02:00 (e.g. 2024-01-31T09:30:00Z), or a date yyyy-mm-dd meaning its "
                    + "midnight UTC, with a year from 1 to 9999" + relative + inUrl;
            case BOOLEAN -> "must be true or false (also accepted, in any case: 1/0, yes/no, on/off)";
            case CHOICE -> "must be exactly one of " + listed(p.choices());
        };
    }

    private static String listed(List<String> choices) {
        String shown = choices.stream().limit(ParameterValues.CHOICES_LISTED).map(ValueMessages::quote)
                .collect(Collectors.joining(", "));
        int more = choices.size() - ParameterValues.CHOICES_LISTED;
        return more > 0 ? shown + " and " + more + " more" : shown;
    }

    static String range(Parameter p) {
        return range(p.min(), p.max(), p.type());
    }

    // Integers always state their range: past int8 is refused whether or not min and max are declared.
    static String range(String min, String max, Type type) {
        if (type == Type.INTEGER) {
            return " between " + (min != null ? min : Long.MIN_VALUE) + " and " + (max != null ? max : Long.MAX_VALUE);
        }
        if (min != null && max != null) {
            return " between " + min + " and " + max;
        }
        if (min != null) {
            return switch (type) {
                case DATE -> " on or after " + min;
                case TIMESTAMP -> " at or after " + min;
                default -> " of at least " + min;
            };
        }
        if (max != null) {
            return switch (type) {
                case DATE -> " on or before " + max;
                case TIMESTAMP -> " at or before " + max;
                default -> " of at most " + max;
            };
        }
        return "";
    }

    static String noun(Type type) {
        return switch (type) {
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case DATE -> "a date";
            case TIMESTAMP -> "a timestamp";
            default -> "a value";
        };
    }

    private static void appendVisible(StringBuilder out, int c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (isInvisible(c)) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.appendCodePoint(c);
                }
            }
        }
    }

    /** Whether text holds a character a message or a page could not show as itself (see quote). */
    static boolean hasInvisible(String text) {
        return text.codePoints().anyMatch(ValueMessages::isInvisible);
    }

    // Format characters include the bidi overrides that could make a message read backwards.
    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
