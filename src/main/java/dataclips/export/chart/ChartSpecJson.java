package dataclips.export.chart;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@link ChartSpec} to and from its stored JSON. Read strictly (unknown or repeated keys, a wrong value type
 * or trailing text are refused with a message for the owner), written canonically: all keys, fixed order.
 */
final class ChartSpecJson {
    private static final List<String> KEYS = List.of("type", "x", "y", "series_by", "title", "x_label", "y_label");
    private static final Set<String> KNOWN = Set.copyOf(KEYS);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ChartSpecJson() {}

    static ChartSpec read(String json) {
        if (json == null || json.isBlank()) {
            return ChartSpec.AUTO;
        }
        JsonNode root = tree(json);
        if (!root.isObject()) {
            throw new ChartSettingProblem("the chart setting must be a JSON object, like {\"type\": \"line\"}");
        }
        checkKeys(root);
        return new ChartSpec(type(root.get("type")), string(root, "x"), strings(root.get("y")),
                string(root, "series_by"), string(root, "title"), string(root, "x_label"), string(root, "y_label"));
    }

    static String write(ChartSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("type", spec.type().wire());
        root.put("x", spec.x());
        ArrayNode y = root.putArray("y");
        spec.y().forEach(y::add);
        root.put("series_by", spec.seriesBy());
        root.put("title", spec.title());
        root.put("x_label", spec.xLabel());
        root.put("y_label", spec.yLabel());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always writes", e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ChartSettingProblem("the chart setting is not valid JSON: " + Labels.clean(e.getOriginalMessage(), 200));
        }
    }

    private static void checkKeys(JsonNode root) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                throw new ChartSettingProblem("the chart setting has an unknown key \"" + Labels.clean(name, 60)
                        + "\"; the keys are: " + String.join(", ", KEYS));
            }
        }
    }

    private static ChartType type(JsonNode node) {
        if (node == null || node.isNull()) {
            return ChartType.AUTO;
        }
        String wire = node.isTextual() ? node.textValue() : node.toString();
        return ChartType.parse(wire).orElseThrow(() -> new ChartSettingProblem("unknown chart type \""
                + Labels.clean(wire, 60) + "\"; the types are: " + ChartType.wireNames()));
    }

    private static String string(JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ChartSettingProblem("the chart's " + key + " must be a string or null");
        }
        return node.textValue();
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ChartSettingProblem("the chart's y must be a list of column names, like [\"revenue\"]");
        }
        List<String> names = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new ChartSettingProblem("the chart's y must be a list of column names, like [\"revenue\"]");
            }
            names.add(item.textValue());
        }
        return names;
    }
}
