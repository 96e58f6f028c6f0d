package dataclips.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dataclips.UserError;
import io.javalin.http.Context;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one JSON configuration: snake_case field names, ISO 8601 times, unknown fields refused. A body that is
 * not what a call expects is answered in the caller's terms (the fields and what each takes), never with the
 * name of a Java class.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private Json() {}

    /**
     * The request body as the given record, or a 400 that says what is wrong with it and what the call takes; text
     * no field may hold is a 422 naming the field ({@link InputText}).
     */
    public static <T extends Record> T body(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new UserError(400, "bad_json", "the request has no body; expected " + expected(type));
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UserError(400, "bad_json", "the request body is not valid JSON (" + e.getOriginalMessage()
                    + where(e) + "); expected " + expected(type));
        }
        if (tree == null || !tree.isObject()) {
            throw new UserError(400, "bad_json", "expected " + expected(type) + ", not " + kind(tree));
        }
        InputText.checkJson(tree, "");
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new UserError(400, "bad_json", "unknown field \"" + e.getPropertyName() + "\"; expected " + expected(type));
        } catch (MismatchedInputException e) {
            String field = path(e);
            String wanted = e.getTargetType() == null ? "another kind of value" : typeName(e.getTargetType().getSimpleName());
            throw new UserError(400, "bad_json", (field.isEmpty() ? "a field" : "the field \"" + field + "\"") + " must be "
                    + wanted + "; expected " + expected(type));
        } catch (JsonProcessingException e) {
            throw new UserError(400, "bad_json", outOfRange(e).map(c -> "a number is out of range: " + c.getOriginalMessage()
                    .replaceAll(" of (int|long|Integer|Long)\\b", "")).orElse("the request body does not fit this call")
                    + "; expected " + expected(type));
        }
    }

    /** "a JSON object with the fields title (text), sql (text), max_age_seconds (a whole number)". */
    static String expected(Class<? extends Record> type) {
        return "a JSON object with the fields " + Arrays.stream(type.getRecordComponents())
                .map(c -> SNAKE.translate(c.getName()) + " (" + typeName(c) + ")").collect(Collectors.joining(", "));
    }

    private static String typeName(RecordComponent component) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType p && component.getType() == List.class) {
            return "a list of " + typeName(((Class<?>) p.getActualTypeArguments()[0]).getSimpleName()) + " values";
        }
        return typeName(component.getType().getSimpleName());
    }

    private static String typeName(String simpleName) {
        return switch (simpleName) {
            case "String" -> "text";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            case "List" -> "a list";
            default -> "a JSON value";
        };
    }

    /** A number too large for its field ("99999999999999999999" for a whole number), however Jackson wrapped it. */
    private static Optional<InputCoercionException> outOfRange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputCoercionException c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : ", at line " + e.getLocation().getLineNr() + " column "
                + e.getLocation().getColumnNr();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> "that";
        };
    }
}
