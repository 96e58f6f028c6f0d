package dataclips.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** A json or jsonb value in the JSON download: embedded as JSON when it is one well-formed value, else as a string. */
final class EmbeddedJson {
    private EmbeddedJson() {}

    /**
     * Embeds the document as JSON. It is read once to check it is exactly one well-formed value before
     * anything is written, since a failure halfway through copying would leave a broken download; text that
     * does not parse is written as a string. The copy keeps every number's text: Jackson's own
     * copyCurrentStructure would pass decimals through a double.
     */
    static void write(JsonFactory factory, JsonGenerator json, String value) throws IOException {
        if (!isOneJsonValue(factory, value)) {
            json.writeString(value);
            return;
        }
        try (JsonParser parser = factory.createParser(value)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT -> json.writeStartObject();
                    case END_OBJECT -> json.writeEndObject();
                    case START_ARRAY -> json.writeStartArray();
                    case END_ARRAY -> json.writeEndArray();
                    case FIELD_NAME -> json.writeFieldName(JsonText.withoutLoneSurrogates(parser.currentName()));
                    case VALUE_STRING -> json.writeString(JsonText.withoutLoneSurrogates(parser.getText()));
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.writeNumber(parser.getText());
                    case VALUE_TRUE -> json.writeBoolean(true);
                    case VALUE_FALSE -> json.writeBoolean(false);
                    case VALUE_NULL -> json.writeNull();
                    default -> throw new IOException("unexpected JSON token " + token);
                }
            }
        }
    }

    private static boolean isOneJsonValue(JsonFactory factory, String value) {
        try (JsonParser parser = factory.createParser(value)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }
}
