package dataclips.parameters;

import static dataclips.parameters.ParameterDeclarations.bad;
import static dataclips.parameters.ValueMessages.quote;

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
import dataclips.parameters.Parameter.LinkHolders;
import dataclips.parameters.Parameter.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Parameter declarations in their stored and API form, a JSON array of {"name", "type", "default"?, "choices"?,
 * "choices_clip"?, "min"?, "max"?, "link_holders"}, read strictly (unknown keys, duplicate keys, wrong types and
 * trailing text are 422 bad_parameters saying what is expected). Reading does not check them against any SQL:
 * {@link ParameterDeclarations#check} does.
 */
final class ParameterJson {
    static final List<String> KEYS = List.of("name", "type", "default", "choices", "choices_clip", "min", "max",
            "link_holders");
    private static final String EXAMPLE = "{\"name\":\"region\",\"type\":\"text\"}";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Numbers given for default, min and max keep their digits: no double rounding, no 1.50 -> 1.5.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ParameterJson() {}

    /** The stored and API form; absent optional fields are left out. */
    static String toJson(List<Parameter> parameters) {
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
    static List<Parameter> fromJson(String json) {
        if ("[]".equals(json)) {
            return List.of(); // what every clip version without parameters stores: read on each clip lookup
        }
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
}
