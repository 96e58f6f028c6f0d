package dataclips.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dataclips.UserError;
import io.javalin.http.Context;

/** The one JSON configuration: snake_case field names, ISO 8601 times, unknown fields refused. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    /** The request body as the given type, or a 400 that says what is wrong with it. */
    public static <T> T body(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw UserError.badRequest("the request has no JSON body");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw UserError.badRequest("the JSON body is null; expected an object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new UserError(400, "bad_json", "the request body is not the JSON expected: "
                    + e.getOriginalMessage());
        }
    }
}
