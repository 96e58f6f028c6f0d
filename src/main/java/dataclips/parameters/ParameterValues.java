package dataclips.parameters;

import static dataclips.parameters.ValueMessages.accepted;
import static dataclips.parameters.ValueMessages.noun;
import static dataclips.parameters.ValueMessages.quote;
import static dataclips.parameters.ValueMessages.range;

import dataclips.UserError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Parameter values: a URL's text parsed into the typed value the SQL runs with, before anything runs.
 * Every refusal is a 422 bad_parameter_value naming the parameter, what it accepts and what it got.
 */
public final class ParameterValues {
    public static final int MAX_TEXT_CHARS = 10_000;
    public static final int MAX_NUMBER_CHARS = 100;
    /** Digits either side of the point: far inside PostgreSQL numeric, and canonical() stays small. */
    public static final int MAX_NUMBER_DIGITS = 1_000;
    static final int CHOICES_LISTED = 20;

    /** Bumped only if the encoding below changes: every stored result's key changes with it. */
    private static final String SET_KEY_VERSION = "dataclips parameter values v1\n";

    private ParameterValues() {}

    /** The typed value of a URL's text for p, checked against its choices and its min and max. */
    public static Object parse(Parameter p, String text, Clock clock) {
        if (text == null) {
            throw new UserError(422, "bad_parameter_value", "parameter " + quote(p.name()) + " needs a value; it "
                    + accepted(p, true, true));
        }
        try {
            Object value = typed(p, text, clock);
            requireInRange(p, value, text);
            return value;
        } catch (Refused r) {
            throw new UserError(422, "bad_parameter_value", "parameter " + quote(p.name()) + " " + r.getMessage());
        }
    }

    /**
     * The declared default, parsed now (a relative default such as today-7d moves with the clock), or
     * empty when p declares none. A relative default that has moved outside min or max is refused.
     */
    public static Optional<Object> defaultValue(Parameter p, Clock clock) {
        if (p.defaultValue() == null) {
            return Optional.empty();
        }
        try {
            Object value = typed(p, p.defaultValue(), clock);
            requireInRange(p, value, p.defaultValue());
            return Optional.of(value);
        } catch (Refused r) {
            throw new UserError(422, "bad_parameter_value", "the default of parameter " + quote(p.name()) + " "
                    + r.getMessage() + ": give " + p.name() + " in the URL, or change the default");
        }
    }

    /** The normalised text of a typed value, so equal values give equal text (and equal result keys). */
    public static String canonical(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Boolean || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        throw new IllegalArgumentException("not a parameter value: " + (value == null ? "null" : value.getClass()));
    }

    /**
     * Lowercase hex SHA-256 of the name and canonical value pairs, in name order; "" for no parameters.
     * Each part is prefixed by its UTF-8 length, so no value can imitate a separator: a=b&c and a=b,c
     * (or a name ending where a value begins) always give different keys. The hashed text is
     * "dataclips parameter values v1\n" then, per pair, "LEN:name\nLEN:canonical(value)\n".
     */
    public static String setKey(SortedMap<String, Object> values) {
        if (values.isEmpty()) {
            return "";
        }
        StringBuilder encoded = new StringBuilder(SET_KEY_VERSION);
        // Sorted here by the names' natural order, whatever comparator the caller's map has.
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            appendPart(encoded, e.getKey());
            appendPart(encoded, canonical(e.getValue()));
        });
        return HexFormat.of().formatHex(sha256(encoded.toString().getBytes(StandardCharsets.UTF_8)));
    }

    // ---- parsing without min and max; also used by ParameterDeclarations for defaults and bounds ----

    /** Why a text is refused: the phrase after the parameter's name ("must be a whole number …"). */
    static final class Refused extends RuntimeException {
        Refused(String mustBe) {
            super(mustBe, null, false, false); // a user's mistake: no stack trace worth its cost
        }
    }

    /** The value of text for p's type, choices included but min and max not. */
    static Object typed(Parameter p, String text, Clock clock) {
        Object value = switch (p.type()) {
            case TEXT -> ScalarValues.text(text);
            case INTEGER -> ScalarValues.integer(text);
            case NUMBER -> ScalarValues.number(text);
            case DATE -> ParameterDates.date(text, clock);
            case TIMESTAMP -> ParameterDates.timestamp(text, clock);
            case BOOLEAN -> ScalarValues.bool(text);
            case CHOICE -> p.choices().contains(text) ? text : null;
        };
        if (value == null) {
            throw refused(accepted(p, true, true), text);
        }
        return value;
    }

    /** A declared min or max: the type's own syntax only, since a bound that moved with the clock could pass min > max. */
    static Object bound(Parameter p, String text) {
        Object value = switch (p.type()) {
            case INTEGER -> ScalarValues.integer(text);
            case NUMBER -> ScalarValues.number(text);
            case DATE -> ParameterDates.absoluteDate(text);
            case TIMESTAMP -> ParameterDates.absoluteTimestamp(text);
            default -> throw new IllegalArgumentException(p.type() + " takes no min or max");
        };
        if (value == null) {
            throw refused(accepted(p, false, false), text);
        }
        return value;
    }

    /** Orders two values of one type; timestamps by instant, whatever their offsets. */
    @SuppressWarnings("unchecked")
    static int compare(Object a, Object b) {
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().compareTo(y.toInstant());
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** Refuses a value below p's min or above its max (both inclusive). */
    static void requireInRange(Parameter p, Object value, String text) {
        boolean below = p.min() != null && compare(value, declaredBound(p, p.min(), "min")) < 0;
        boolean above = p.max() != null && compare(value, declaredBound(p, p.max(), "max")) > 0;
        if (below || above) {
            String got = ParameterDates.isRelative(text) ? quote(text) + ", which is " + canonical(value) : quote(text);
            throw new Refused("must be " + noun(p.type()) + range(p) + " (got " + got + ")");
        }
    }

    // ---- messages ----

    private static Refused refused(String mustBe, String text) {
        return new Refused(mustBe + " (got " + quote(text) + ")");
    }

    // A min or max that no longer parses is the clip's fault, not the link holder's.
    private static Object declaredBound(Parameter p, String text, String which) {
        try {
            return bound(p, text);
        } catch (Refused r) {
            throw new UserError(422, "bad_parameters", "the " + which + " of parameter " + quote(p.name()) + " "
                    + r.getMessage());
        }
    }

    private static void appendPart(StringBuilder out, String part) {
        out.append(part.getBytes(StandardCharsets.UTF_8).length).append(':').append(part).append('\n');
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }
}
