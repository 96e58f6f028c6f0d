package dataclips.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import dataclips.export.chart.ChartSettingProblem;
import dataclips.export.chart.ChartSpec;
import dataclips.export.chart.ChartType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A chart setting as the API (JSON) and the clip page's form send it; what cannot be used is a 422 saying why. */
final class ChartSettings {
    private ChartSettings() {}

    /** The API's body: {"type","x","y":[…],"series_by"?,"title"?,"x_label"?,"y_label"?}. */
    static ChartSpec read(String json) {
        if (json == null || json.isBlank()) {
            throw new UserError(400, "bad_json", "the request has no body; send the chart setting, like "
                    + "{\"type\": \"line\", \"x\": \"day\", \"y\": [\"revenue\"]}, or {\"type\": \"auto\"}");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UserError(400, "bad_json", "the request body is not valid JSON (" + e.getOriginalMessage()
                    + "); send the chart setting, like {\"type\": \"bar\", \"x\": \"region\", \"y\": [\"revenue\"]}");
        }
        if (tree != null) {
            InputText.checkJson(tree, ""); // no NUL or lone surrogate reaches the store
        }
        try {
            return ChartSpec.fromJson(json);
        } catch (ChartSettingProblem e) {
            throw new UserError(422, "bad_chart", e.getMessage());
        }
    }

    /** The page's form: type, x, y (column names separated by commas), series_by, title, x_label, y_label. */
    static ChartSpec fromForm(Map<String, List<String>> form) {
        try {
            ChartType type = ChartType.parse(field(form, "type")).orElseThrow(() ->
                    new ChartSettingProblem("choose a chart type"));
            List<String> y = Arrays.stream(field(form, "y").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
            return new ChartSpec(type, field(form, "x"), y, field(form, "series_by"), field(form, "title"),
                    field(form, "x_label"), field(form, "y_label"));
        } catch (ChartSettingProblem e) {
            throw new UserError(422, "bad_chart", e.getMessage());
        }
    }

    private static String field(Map<String, List<String>> form, String name) {
        List<String> values = form.getOrDefault(name, List.of());
        return values.isEmpty() ? "" : values.get(0).strip();
    }
}
