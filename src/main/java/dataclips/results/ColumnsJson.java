package dataclips.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.export.Column;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A stored result's columns as JSON text: [{"name": …, "type": …}], names exactly as the query gave them. */
final class ColumnsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColumnsJson() {}

    static String write(List<Column> columns) {
        try {
            return JSON.writeValueAsString(columns.stream().map(c -> Map.of("name", c.name(), "type", c.pgType())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parameter values a result ran with, as stored: {"name": "canonical text"}. */
    static String writeParameters(SortedMap<String, String> parameters) {
        try {
            return JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SortedMap<String, String> readParameters(String json) {
        try {
            return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new CorruptResult("the stored parameter values are not readable: " + e.getOriginalMessage());
        }
    }

    static List<Column> read(String json) {
        try {
            List<Map<String, String>> list = JSON.readValue(json, new TypeReference<>() {});
            return list.stream().map(m -> Column.of(m.get("name"), m.get("type"))).toList();
        } catch (JsonProcessingException e) {
            throw new CorruptResult("the stored columns are not readable: " + e.getOriginalMessage());
        }
    }
}
