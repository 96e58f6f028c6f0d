package dataclips.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The JSON download in Heroku Dataclips' shape, so consumers of Heroku's exports keep working:
 * {@code {"title", "fields": [names], "values": [[…], …], "types": [pg types], "as_of", "row_count", "truncated"}},
 * with {@code "parameters": {name: value}} after the title for a clip with parameters.
 * Rows are streamed through Jackson's generator as they come, never held.
 *
 * <p>Values keep their type: integers, numerics and floats are JSON numbers with every digit PostgreSQL
 * printed (NaN and ±Infinity, which JSON cannot hold, are strings); booleans are true/false; json and jsonb
 * are embedded as JSON values; arrays are JSON arrays whose elements are typed the same way; timestamps are
 * ISO 8601 ({@code 2024-02-29T13:45:30.5Z}, other offsets kept as {@code +05:30}), except infinity and BC
 * values, which stay PostgreSQL's text; bytea is PostgreSQL's hex text ({@code "\\x00ff10"}); all else is
 * PostgreSQL's text as a string.
 */
public final class JsonWriter implements ResultWriter {
    /**
     * Values come from PostgreSQL, not from strangers: only its own limits apply (jsonb nests and grows far).
     * Characters beyond U+FFFF go out as \\u escape pairs, valid JSON: Jackson's option to combine them
     * garbles a lone surrogate.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE).maxNestingDepth(100_000).maxDocumentLength(-1).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
            .build();
    private final JsonGenerator json;
    private List<Column> columns = List.of();
    /** Each column's kind and type, looked up once rather than per value. */
    private Kind[] kinds = new Kind[0];
    private String[] pgTypes = new String[0];
    /** Reused for every timestamp, so converting one allocates nothing. */
    private char[] timestampChars = new char[64];
    private char[] digits = new char[32];
    private OffsetDateTime asOf;
    private long rowCount;

    public JsonWriter(OutputStream out) throws IOException {
        json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the response owns the stream
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        this.columns = List.copyOf(columns);
        this.kinds = this.columns.stream().map(Column::kind).toArray(Kind[]::new);
        this.pgTypes = this.columns.stream().map(Column::pgType).toArray(String[]::new);
        this.asOf = info == null ? null : info.asOf();
        json.writeStartObject();
        json.writeStringField("title", info == null ? null : info.title());
        if (info != null && !info.parameters().isEmpty()) {
            json.writeObjectFieldStart("parameters"); // the values it ran with, as normalised text
            for (var p : info.parameters().entrySet()) {
                json.writeStringField(p.getKey(), p.getValue());
            }
            json.writeEndObject();
        }
        json.writeArrayFieldStart("fields");
        for (Column column : columns) {
            json.writeString(column.name());
        }
        json.writeEndArray();
        json.writeArrayFieldStart("values");
        json.flush(); // the fields leave at once, as CSV's header: a fast first byte, and the download visibly starts
    }

    @Override
    public boolean row(String[] values) throws IOException {
        json.writeStartArray();
        for (int i = 0; i < values.length; i++) {
            writeValue(values[i], kinds[i], pgTypes[i]);
        }
        json.writeEndArray();
        rowCount++;
        return true;
    }

    /**
     * A COPY's row from its bytes: integers and text go to the generator as bytes (no String made or encoded again),
     * the kinds that need reading (numbers that may be NaN, booleans, timestamps, json, arrays) as text as above.
     */
    @Override
    public boolean row(RowBytes row) throws IOException {
        json.writeStartArray();
        byte[] bytes = row.bytes();
        for (int i = 0; i < row.size(); i++) {
            if (row.isNull(i)) {
                json.writeNull();
            } else {
                writeValue(bytes, row.start(i), row.end(i), kinds[i], pgTypes[i]);
            }
        }
        json.writeEndArray();
        rowCount++;
        return true;
    }

    @Override
    public boolean takesRowBytes() {
        return true;
    }

    private void writeValue(byte[] bytes, int start, int end, Kind kind, String pgType) throws IOException {
        switch (kind) {
            case INTEGER -> json.writeNumber(ascii(bytes, start, end), 0, end - start);
            case DECIMAL, FLOAT, BOOLEAN, JSON, ARRAY, TIMESTAMP, TIMESTAMPTZ ->
                    writeValue(new String(bytes, start, end - start, StandardCharsets.UTF_8), kind, pgType);
            default -> writeText(bytes, start, end);
        }
    }

    /**
     * Jackson escapes UTF-8 bytes as it escapes a String's characters, but for one difference: a character beyond
     * U+FFFF (four bytes, led by 0xF0–0xF4) stays raw, where a String's surrogate pair is written as two \\u escapes.
     * Text holding one goes as a String, so both paths write the same bytes.
     */
    private void writeText(byte[] bytes, int start, int end) throws IOException {
        for (int i = start; i < end; i++) {
            if ((bytes[i] & 0xF8) == 0xF0) {
                json.writeString(new String(bytes, start, end - start, StandardCharsets.UTF_8));
                return;
            }
        }
        json.writeUTF8String(bytes, start, end - start);
    }

    /** An integer's digits (ASCII) as characters, in a buffer reused from row to row. */
    private char[] ascii(byte[] bytes, int start, int end) {
        if (digits.length < end - start) {
            digits = new char[end - start];
        }
        for (int i = start; i < end; i++) {
            digits[i - start] = (char) bytes[i];
        }
        return digits;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        json.writeEndArray();
        json.writeArrayFieldStart("types");
        for (Column column : columns) {
            json.writeString(column.pgType());
        }
        json.writeEndArray();
        json.writeStringField("as_of", asOf == null ? null : asOf.toInstant().toString()); // ISO 8601, UTC
        json.writeNumberField("row_count", rowCount);
        json.writeBooleanField("truncated", truncated);
        json.writeEndObject();
        json.flush();
    }

    private void writeValue(String value, Kind kind, String pgType) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (kind) {
            case INTEGER -> json.writeNumber(value); // an integer's text is always a JSON number: no check
            case DECIMAL, FLOAT -> writeNumber(value);
            case BOOLEAN -> json.writeBoolean(value.equals("t") || value.equals("true"));
            case JSON -> EmbeddedJson.write(JSON, json, value);
            case ARRAY -> writeArray(value, pgType.substring(1));
            case TIMESTAMP, TIMESTAMPTZ -> writeTimestamp(value);
            default -> json.writeString(value);
        }
    }

    /** Written as PostgreSQL printed it: no double in between to cost digits. NaN and ±Infinity become strings. */
    private void writeNumber(String value) throws IOException {
        if (JsonText.isJsonNumber(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(value);
        }
    }

    /** Arrays become JSON arrays, elements typed by the element type; a literal that does not parse stays text. */
    private void writeArray(String value, String elementType) throws IOException {
        List<Object> items;
        try {
            items = PgArrays.parse(value, elementType.equals("box") ? ';' : ',');
        } catch (IllegalArgumentException malformed) {
            json.writeString(value);
            return;
        }
        writeItems(items, Kind.of(elementType), elementType);
    }

    private void writeItems(List<?> items, Kind kind, String elementType) throws IOException {
        json.writeStartArray();
        for (Object item : items) {
            if (item instanceof List<?> inner) {
                writeItems(inner, kind, elementType);
            } else {
                writeValue((String) item, kind, elementType);
            }
        }
        json.writeEndArray();
    }

    /**
     * Writes a timestamp as {@link IsoTimestamps#isoTimestamp} does, but converted in a reused buffer: timestamps are often
     * most of a row, and building a String for each one is garbage the writer does not need.
     */
    private void writeTimestamp(String value) throws IOException {
        int offsetAt = IsoTimestamps.offsetAt(value);
        if (offsetAt < 0) {
            json.writeString(value); // infinity, -infinity, "… BC", years beyond 9999
            return;
        }
        int length = IsoTimestamps.isoLength(value, offsetAt);
        if (timestampChars.length < length) {
            timestampChars = new char[length];
        }
        IsoTimestamps.toIso(value, offsetAt, timestampChars);
        json.writeString(timestampChars, 0, length);
    }
}
