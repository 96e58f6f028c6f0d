package dataclips.parameters;

import static dataclips.parameters.ValueMessages.quote;

import dataclips.UserError;
import dataclips.parameters.Parameter.LinkHolders;
import dataclips.parameters.Parameter.Type;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a clip version may declare as parameters (their stored and API form is {@link ParameterJson}). Every
 * refusal is a 422 bad_parameters whose message names the parameter and says what to change.
 */
final class ParameterDeclarations {
    public static final int MAX_PARAMETERS = 50;
    /** PostgreSQL's identifier length, so a name can also serve as a column alias unchanged. */
    public static final int MAX_NAME_CHARS = 63;
    public static final int MAX_CHOICES = 1_000;
    public static final int MAX_CHOICE_CHARS = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_NAME_CHARS - 1) + "}");
    private static final Set<Type> RANGED = EnumSet.of(Type.INTEGER, Type.NUMBER, Type.DATE, Type.TIMESTAMP);
    private static final String NAME_RULE = "letters, digits and underscores, starting with a letter or an "
            + "underscore, at most " + MAX_NAME_CHARS + " characters";

    private ParameterDeclarations() {}

    /**
     * The declared parameters, in declared order, if they suit the SQL (which uses exactly the names in
     * usedInSql) and none takes a query key the app reads itself (reservedKeys, compared ignoring case). clipSlug:
     * whether a choices_clip has the shape of a clip's slug (the clips package's to say).
     */
    static List<Parameter> check(List<Parameter> declared, Set<String> usedInSql, Set<String> reservedKeys,
                                 Predicate<String> clipSlug) {
        Objects.requireNonNull(usedInSql, "usedInSql");
        Objects.requireNonNull(reservedKeys, "reservedKeys");
        if (declared.size() > MAX_PARAMETERS) {
            throw bad("a clip takes at most " + MAX_PARAMETERS + " parameters; this one declares " + declared.size());
        }
        checkNames(declared, reservedKeys);
        checkSqlUsesExactlyThese(declared, usedInSql);
        declared.forEach(p -> checkDeclaration(p, clipSlug));
        return List.copyOf(declared);
    }

    // ---- check: names ----

    private static void checkNames(List<Parameter> declared, Set<String> reservedKeys) {
        Map<String, String> seenIgnoringCase = new HashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            Parameter p = declared.get(i);
            if (p == null || p.name() == null) {
                throw bad("parameter #" + (i + 1) + " has no name: give one of " + NAME_RULE);
            }
            String name = p.name();
            if (!NAME.matcher(name).matches()) {
                throw bad("parameter name " + quote(name) + " is not accepted: use " + NAME_RULE);
            }
            refuseReserved(name, reservedKeys);
            // Names differing only in case would be two parameters a URL writer cannot tell apart.
            String earlier = seenIgnoringCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (earlier != null) {
                throw bad(earlier.equals(name) ? "parameter " + quote(name) + " is declared twice"
                        : "parameters " + quote(earlier) + " and " + quote(name) + " differ only in case: rename one");
            }
        }
    }

    private static void refuseReserved(String name, Set<String> reservedKeys) {
        for (String key : reservedKeys) {
            if (key.equalsIgnoreCase(name)) {
                throw bad("parameter " + quote(name) + " collides with the app's own query key " + quote(key)
                        + ": rename it (the reserved keys are " + String.join(", ", new TreeSet<>(reservedKeys)) + ")");
            }
        }
    }

    private static void checkSqlUsesExactlyThese(List<Parameter> declared, Set<String> usedInSql) {
        Set<String> names = new HashSet<>();
        declared.forEach(p -> names.add(p.name()));
        for (String used : new TreeSet<>(usedInSql)) {
            if (!names.contains(used)) {
                throw bad("the SQL uses {{" + used + "}} but declares no parameter " + used + ": add {\"name\":\""
                        + used + "\",\"type\":\"text\"} to the parameters (type is one of " + Parameter.wireWords(Type.class)
                        + "), or change the SQL");
            }
        }
        for (Parameter p : declared) {
            if (!usedInSql.contains(p.name())) {
                throw bad("parameter " + quote(p.name()) + " is declared but the SQL never uses {{" + p.name()
                        + "}}: use it in the SQL or remove the declaration");
            }
        }
    }

    // ---- check: one declaration ----

    private static void checkDeclaration(Parameter p, Predicate<String> clipSlug) {
        if (p.type() == null) {
            throw bad("parameter " + quote(p.name()) + " has no type: use " + Parameter.wireWords(Type.class));
        }
        if (p.linkHolders() == null) {
            throw bad("parameter " + quote(p.name()) + " does not say what link holders may do: give link_holders as "
                    + Parameter.wireWords(LinkHolders.class));
        }
        checkChoices(p, clipSlug);
        checkBounds(p);
        checkDefault(p);
    }

    private static void checkChoices(Parameter p, Predicate<String> clipSlug) {
        String named = "parameter " + quote(p.name());
        if (p.type() != Type.CHOICE) {
            if (!p.choices().isEmpty() || p.choicesFromClip()) {
                throw bad(named + " is " + p.type().wire() + ", so it takes no choices: only type choice does");
            }
            return;
        }
        if (p.choicesFromClip()) {
            if (!p.choices().isEmpty()) {
                throw bad(named + " has both choices and choices_clip: give one, the list or the clip that lists them");
            }
            if (!clipSlug.test(p.choicesClip())) {
                throw bad(named + ": choices_clip must be the slug of a clip (26 letters and digits from its URL), not "
                        + quote(p.choicesClip()));
            }
            return;
        }
        if (p.choices().isEmpty()) {
            throw bad(named + " is a choice but lists no choices: give them, e.g. \"choices\":[\"north\",\"south\"]");
        }
        if (p.choices().size() > MAX_CHOICES) {
            throw bad(named + " lists " + p.choices().size() + " choices: at most " + MAX_CHOICES);
        }
        Set<String> seen = new HashSet<>();
        for (String choice : p.choices()) {
            checkChoice(named, choice);
            if (!seen.add(choice)) {
                throw bad(named + " lists the choice " + quote(choice) + " twice");
            }
        }
    }

    // A choice is plain text, matched exactly; these are the only ways one can be wrong.
    private static void checkChoice(String named, String choice) {
        if (choice.isEmpty()) {
            throw bad(named + " has an empty choice: every choice needs some text");
        }
        if (choice.length() > MAX_CHOICE_CHARS) {
            throw bad(named + " has a choice of " + choice.length() + " characters (" + quote(choice) + "): at most "
                    + MAX_CHOICE_CHARS);
        }
        if (ValueMessages.hasInvisible(choice)) {
            throw bad(named + " has a choice with a control character (" + quote(choice)
                    + "): a choice must be visible text");
        }
    }

    private static void checkBounds(Parameter p) {
        if (p.min() == null && p.max() == null) {
            return;
        }
        if (!RANGED.contains(p.type())) {
            throw bad("parameter " + quote(p.name()) + " is " + p.type().wire()
                    + ", so it takes no min or max: only integer, number, date and timestamp do");
        }
        Object min = p.min() == null ? null : declared(p, p.min(), "min");
        Object max = p.max() == null ? null : declared(p, p.max(), "max");
        if (min != null && max != null && ParameterValues.compare(min, max) > 0) {
            throw bad("parameter " + quote(p.name()) + " has min " + p.min() + " above its max " + p.max()
                    + ": swap them or fix one");
        }
    }

    private static Object declared(Parameter p, String text, String which) {
        try {
            return ParameterValues.bound(p, text);
        } catch (ParameterValues.Refused r) {
            throw bad("the " + which + " of parameter " + quote(p.name()) + " " + r.getMessage());
        }
    }

    /**
     * A relative default (today-7d) is checked for its syntax and its year now; whether it is inside min
     * and max changes with the date, so ParameterValues.defaultValue checks that each time it is used.
     */
    private static void checkDefault(Parameter p) {
        if (p.defaultValue() == null || p.choicesFromClip()) {
            return; // a choices clip's list is read when a URL is answered, and the default is checked then
        }
        try {
            Object value = ParameterValues.typed(p, p.defaultValue(), Clock.systemUTC());
            if (!ParameterDates.isRelative(p.defaultValue())) {
                ParameterValues.requireInRange(p, value, p.defaultValue());
            }
        } catch (ParameterValues.Refused r) {
            throw bad("the default of parameter " + quote(p.name()) + " " + r.getMessage());
        }
    }

    static UserError bad(String message) {
        return new UserError(422, "bad_parameters", message);
    }
}
