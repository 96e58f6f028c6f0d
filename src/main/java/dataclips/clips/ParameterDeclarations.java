package dataclips.clips;

import static dataclips.clips.ParameterValues.quote;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dataclips.UserError;
import dataclips.clips.Parameter.LinkHolders;
import dataclips.clips.Parameter.Type;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What a clip version may declare as parameters, and their stored and API form: a JSON array of
 * {"name", "type", "default"?, "choices"?, "min"?, "max"?, "link_holders"}. Every refusal is a 422
 * bad_parameters whose message names the parameter and says what to change.
 */
public final class ParameterDeclarations {
    public static final int MAX_PARAMETERS = 50;
    /** PostgreSQL's identifier length, so a name can also serve as a column alias unchanged. */
    public static final int MAX_NAME_CHARS = 63;
    public static final int MAX_CHOICES = 1_000;
    public static final int MAX_CHOICE_CHARS = 200;
    static final List<String> KEYS = List.of("name", "type", "default", "choices", "choices_clip", "min", "max",
            "link_holders");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0," + (MAX_NAME_CHARS - 1) + "}");
    private static final Set<Type> RANGED = EnumSet.of(Type.INTEGER, Type.NUMBER, Type.DATE, Type.TIMESTAMP);
    private static final String NAME_RULE = "letters, digits and underscores, starting with a letter or an "
            + "underscore, at most " + MAX_NAME_CHARS + " characters";
    private static final String EXAMPLE = "{\"name\":\"region\",\"type\":\"text\"}";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Numbers given for default, min and max keep their digits: no double rounding, no 1.50 -> 1.5.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ParameterDeclarations() {}

    /**
     * The declared parameters, in declared order, if they suit the SQL (which uses exactly the names in
     * usedInSql) and none takes a query key the app reads itself (reservedKeys, compared ignoring case).
     */
    public static List<Parameter> check(List<Parameter> declared, Set<String> usedInSql, Set<String> reservedKeys) {
        Objects.requireNonNull(usedInSql, "usedInSql");
        Objects.requireNonNull(reservedKeys, "reservedKeys");
        if (declared.size() > MAX_PARAMETERS) {
            throw bad("a clip takes at most " + MAX_PARAMETERS + " parameters; this one declares " + declared.size());
        }
        checkNames(declared, reservedKeys);
        checkSqlUsesExactlyThese(declared, usedInSql);
        declared.forEach(ParameterDeclarations::checkDeclaration);
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

    private static void checkDeclaration(Parameter p) {
        if (p.type() == null) {
            throw bad("parameter " + quote(p.name()) + " has no type: use " + Parameter.wireWords(Type.class));
        }
        if (p.linkHolders() == null) {
            throw bad("parameter " + quote(p.name()) + " does not say what link holders may do: give link_holders as "
                    + Parameter.wireWords(LinkHolders.class));
        }
        checkChoices(p);
        checkBounds(p);
        checkDefault(p);
    }

    private static void checkChoices(Parameter p) {
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
            if (!Slugs.wellFormed(p.choicesClip())) {
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
        if (ParameterValues.hasInvisible(choice)) {
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
            if (!ParameterValues.isRelativeDate(p.defaultValue())) {
                ParameterValues.requireInRange(p, value, p.defaultValue());
            }
        } catch (ParameterValues.Refused r) {
            throw bad("the default of parameter " + quote(p.name()) + " " + r.getMessage());
        }
    }

    // ---- JSON ----

    /** The stored and API form; absent optional fields are left out. */
    public static String toJson(List<Parameter> parameters) {
        ArrayNode array = JSON.createArrayNode();
        parameters.forEach(p -> array.add(toJson(p)));
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException cannotHappenForATree) {
            throw new IllegalStateException(cannotHappenForATree);
        }
    }

    private static ObjectNode toJson(Parameter p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", p.name());
        o.put("type", p.type().wire());
        putIfPresent(o, "default", p.defaultValue());
        if (!p.choices().isEmpty()) {
            p.choices().forEach(o.putArray("choices")::add);
        }
        putIfPresent(o, "choices_clip", p.choicesClip());
        putIfPresent(o, "min", p.min());
        putIfPresent(o, "max", p.max());
        o.put("link_holders", p.linkHolders().wire());
        return o;
    }

    private static void putIfPresent(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /** Parameters from their JSON form, unchecked against any SQL (see check). */
    public static List<Parameter> fromJson(String json) {
        JsonNode root = readTree(json);
        if (!root.isArray()) {
            throw bad("parameters must be a JSON array of objects such as [" + EXAMPLE + "], not "
                    + describe(root));
        }
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            parameters.add(fromJson(root.get(i), i));
        }
        return parameters;
    }

    private static JsonNode readTree(String json) {
        if (json == null || json.isBlank()) {
            throw bad("parameters must be a JSON array of objects such as [" + EXAMPLE + "], not nothing");
        }
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            // The original message only: the full one quotes the input back at length.
            throw bad("parameters must be valid JSON, a JSON array of objects such as [" + EXAMPLE + "]: "
                    + e.getOriginalMessage());
        }
    }

    private static Parameter fromJson(JsonNode node, int index) {
        if (!node.isObject()) {
            throw bad("parameter #" + (index + 1) + " must be an object such as " + EXAMPLE + ", not "
                    + describe(node));
        }
        String label = label(node, index);
        refuseUnknownKeys(node, label);
        String name = requiredText(node, "name", label);
        String typeWord = requiredText(node, "type", label);
        Type type = withLabel(label, () -> Type.parse(typeWord));
        String linkHolders = optionalText(node, "link_holders", label);
        return new Parameter(name, type, scalar(node, "default", label), choices(node, label),
                scalar(node, "min", label), scalar(node, "max", label),
                linkHolders == null ? LinkHolders.EDITABLE : withLabel(label, () -> LinkHolders.parse(linkHolders)),
                optionalText(node, "choices_clip", label));
    }

    private static String label(JsonNode node, int index) {
        JsonNode name = node.get("name");
        return name != null && name.isTextual() ? "parameter " + quote(name.asText()) : "parameter #" + (index + 1);
    }

    private static void refuseUnknownKeys(JsonNode node, String label) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
                String hint = KEYS.contains(snake) && !snake.equals(key) ? " (did you mean " + snake + "?)" : "";
                throw bad(label + " has the unknown key " + quote(key) + hint + ": the keys are "
                        + String.join(", ", KEYS));
            }
        }
    }

    private static String requiredText(JsonNode node, String key, String label) {
        String text = optionalText(node, key, label);
        if (text == null) {
            throw bad(label + " needs " + key + ", a string");
        }
        return text;
    }

    private static String optionalText(JsonNode node, String key, String label) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad(label + ": " + key + " must be a string, not " + describe(value));
        }
        return value.asText();
    }

    // default, min and max: a string, or a JSON number or boolean kept as its text ("default": 7 means "7").
    private static String scalar(JsonNode node, String key, String label) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isBoolean()) {
            return value.asText();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            // toString, not toPlainString: 1e999999999 stays short here and is refused as too large later.
            return value.decimalValue().toString();
        }
        throw bad(label + ": " + key + " must be a string or a number, not " + describe(value));
    }

    private static List<String> choices(JsonNode node, String label) {
        JsonNode value = node.get("choices");
        if (value == null || value.isNull()) {
            return List.of();
        }
        String expected = label + ": choices must be an array of strings, e.g. [\"north\",\"south\"]";
        if (!value.isArray()) {
            throw bad(expected + ", not " + describe(value));
        }
        List<String> choices = new ArrayList<>();
        for (JsonNode choice : value) {
            if (!choice.isTextual()) {
                throw bad(expected + ", and one is " + describe(choice));
            }
            choices.add(choice.asText());
        }
        return choices;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    // Type.parse and LinkHolders.parse do not know which parameter they read: say it.
    private static <T> T withLabel(String label, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (UserError e) {
            throw bad(label + ": " + e.getMessage());
        }
    }

    private static UserError bad(String message) {
        return new UserError(422, "bad_parameters", message);
    }
}
