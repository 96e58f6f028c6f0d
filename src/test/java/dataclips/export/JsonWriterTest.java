package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dataclips.TestCluster;
import dataclips.sources.PostgresUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON export of real follower results, parsed back and compared cell by cell with what PostgreSQL returned. */
class JsonWriterTest {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final ResultInfo INFO = new ResultInfo("Every \"type\" <&>", OffsetDateTime.parse("2024-02-29T15:45:30.25+02:00"));

    /** A result as the reader gets it: column labels and types, then each value's text (null for NULL). */
    record Result(List<Column> columns, List<String[]> rows) {}

    interface Format {
        ResultWriter open(OutputStream out) throws IOException;
    }

    static Result query(String sql) throws SQLException {
        PostgresUrl url = PostgresUrl.parse(TestCluster.get().readerUrl(TestCluster.get().follower()));
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties()); Statement s = c.createStatement()) {
            s.execute("set TimeZone = 'UTC'");
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Column> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(Column.of(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                }
                List<String[]> rows = new ArrayList<>();
                while (rs.next()) {
                    String[] values = new String[columns.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getString(i + 1);
                    }
                    rows.add(values);
                }
                return new Result(columns, rows);
            }
        }
    }

    static byte[] export(Format format, Result result, ResultInfo info, boolean truncated) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the response owns the stream: a writer flushes it, never closes it");
            }
        };
        ResultWriter writer = format.open(out);
        writer.begin(result.columns(), info);
        for (String[] row : result.rows()) {
            assertTrue(writer.row(row));
        }
        writer.finish(truncated);
        return out.toByteArray();
    }

    private static JsonNode exportJson(Result result, ResultInfo info, boolean truncated) throws IOException {
        return MAPPER.readTree(export(JsonWriter::new, result, info, truncated));
    }

    @Test
    void everyTypeKeepsHerokusShapeAndEveryCellComesBackAsPostgresqlReturnedIt() throws Exception {
        Result result = query("select * from every_type order by id");
        JsonNode json = exportJson(result, INFO, false);
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("title", "fields", "values", "types", "as_of", "row_count", "truncated"), keys);
        assertEquals("Every \"type\" <&>", json.get("title").textValue());
        assertEquals("2024-02-29T13:45:30.250Z", json.get("as_of").textValue());
        assertEquals(5, json.get("row_count").intValue());
        assertTrue(json.get("truncated").isBoolean() && !json.get("truncated").booleanValue());
        for (int c = 0; c < result.columns().size(); c++) {
            assertEquals(result.columns().get(c).name(), json.get("fields").get(c).textValue());
            assertEquals(result.columns().get(c).pgType(), json.get("types").get(c).textValue());
        }
        JsonNode values = json.get("values");
        assertEquals(result.rows().size(), values.size());
        for (int r = 0; r < result.rows().size(); r++) {
            for (int c = 0; c < result.columns().size(); c++) {
                assertCell(result.columns().get(c), result.rows().get(r)[c], values.get(r).get(c));
            }
        }
        // exact typed values of the awkward cells
        JsonNode one = row(json, result, 1), two = row(json, result, 2), three = row(json, result, 3);
        assertEquals(1234567890123L, one.get("big").longValue());
        assertTrue(two.get("big").canConvertToLong() && two.get("big").longValue() == Long.MIN_VALUE);
        assertEquals(Long.MAX_VALUE, three.get("big").longValue());
        assertEquals(new BigInteger("123456789012345678901234567890"), one.get("exact").bigIntegerValue());
        assertEquals(new BigInteger("-123456789012345678901234567890"), two.get("exact").bigIntegerValue());
        assertEquals(0, new BigDecimal("1E-30").compareTo(three.get("exact").decimalValue()));
        assertEquals(0, new BigDecimal("99999999999999999999.9999999999").compareTo(three.get("exact_scale").decimalValue()));
        assertEquals(0, new BigDecimal("2.718281828459045").compareTo(one.get("double_num").decimalValue()));
        assertEquals("NaN", two.get("real_num").textValue());
        assertEquals("-Infinity", two.get("double_num").textValue());
        assertEquals("Infinity", three.get("real_num").textValue());
        assertEquals(BooleanNode.TRUE, one.get("flag"));
        assertEquals(BooleanNode.FALSE, two.get("flag"), "false is a JSON false, not the text \"f\"");
        assertTrue(three.get("flag").isNull());
        assertEquals(MAPPER.readTree("{\"a\": 1, \"b\": [true, null, \"x\"]}"), one.get("doc"));
        assertEquals("é", one.get("docb").get("nested").get("s").textValue());
        assertEquals("just a string", three.get("doc").textValue());
        assertEquals(MAPPER.readTree("[1,2,3]"), one.get("ints"));
        assertEquals(MAPPER.readTree("[\"a\",\"b,c\",\"d\\\"e\"]"), one.get("texts"));
        assertEquals(MAPPER.readTree("[null,7]"), three.get("ints"));
        assertEquals(MAPPER.readTree("[null,\"\"]"), three.get("texts"));
        assertEquals(0, two.get("ints").size());
        assertEquals("2024-02-29T13:45:30.5", one.get("stamp").textValue());
        assertEquals("2024-02-29T13:45:30.5Z", one.get("stamp_tz").textValue());
        assertEquals("1969-12-31T23:59:59.999999Z", two.get("stamp_tz").textValue());
        assertEquals("2000-06-15T06:30:00Z", three.get("stamp_tz").textValue());
        assertEquals("2024-02-29", one.get("day").textValue());
        assertEquals("\\x00ff10", one.get("bytes").textValue());
        assertTrue(two.get("short_code").isTextual() && two.get("short_code").textValue().isEmpty());
        assertTrue(row(json, result, 5).get("label").isNull());
    }

    /** Each cell against PostgreSQL's text for it, by the kind written out by hand for every_type's column. */
    private static void assertCell(Column column, String pg, JsonNode cell) throws IOException {
        String where = column.name() + " = " + pg + " -> " + cell;
        if (pg == null) {
            assertTrue(cell.isNull(), where);
            return;
        }
        switch (EveryTypeColumns.kind(column.name())) {
            case INTEGER, DECIMAL, FLOAT -> assertTrue(pg.matches("-?(Infinity|NaN)") ? cell.textValue().equals(pg)
                    : cell.isNumber() && new BigDecimal(pg).compareTo(cell.decimalValue()) == 0, where);
            case BOOLEAN -> assertEquals(BooleanNode.valueOf(pg.equals("t")), cell, where); // a boolean, not "f"
            case JSON -> assertEquals(MAPPER.readTree(pg), cell, where);
            case ARRAY -> assertTrue(cell.isArray(), where);
            case TIMESTAMP, TIMESTAMPTZ -> assertEquals(pg.replace(' ', 'T').replace("+00", "Z"), cell.textValue(), where);
            default -> assertEquals(pg, cell.textValue(), where);
        }
    }

    /** The row with the given id, as an object keyed by column name. */
    private static JsonNode row(JsonNode json, Result result, int id) {
        var object = MAPPER.createObjectNode();
        for (JsonNode values : json.get("values")) {
            if (values.get(0).intValue() == id) {
                for (int c = 0; c < result.columns().size(); c++) {
                    object.set(result.columns().get(c).name(), values.get(c));
                }
            }
        }
        return object;
    }

    @Test
    void arraysAreTypedByTheirElementTypeWithNullsAndNesting() throws Exception {
        Result result = query("select array[[1,2],[3,4]] as grid, array['NULL', null, 'a b', '', 'x\\y'] as texts, "
                + "array[true, false, null] as flags, '{1.5,NaN,-Infinity}'::float8[] as floats, "
                + "array[12345678901234567890.123456789, null]::numeric[] as exact, '[0:1]={7,8}'::int[] as bounded, "
                + "array['{\"a\": 1}'::jsonb] as docs, array[timestamptz '2024-02-29 13:45:30.5+00'] as stamps");
        JsonNode values = exportJson(result, INFO, false).get("values").get(0);
        assertEquals(MAPPER.readTree("[[1,2],[3,4]]"), values.get(0));
        assertEquals(MAPPER.readTree("[\"NULL\", null, \"a b\", \"\", \"x\\\\y\"]"), values.get(1));
        assertEquals(MAPPER.readTree("[true, false, null]"), values.get(2));
        assertEquals(0, new BigDecimal("1.5").compareTo(values.get(3).get(0).decimalValue()));
        assertEquals("NaN", values.get(3).get(1).textValue());
        assertEquals("-Infinity", values.get(3).get(2).textValue());
        assertEquals(0, new BigDecimal("12345678901234567890.123456789").compareTo(values.get(4).get(0).decimalValue()));
        assertTrue(values.get(4).get(1).isNull());
        assertEquals(MAPPER.readTree("[7,8]"), values.get(5));
        assertEquals(MAPPER.readTree("[{\"a\": 1}]"), values.get(6));
        assertEquals("2024-02-29T13:45:30.5Z", values.get(7).get(0).textValue());
    }

    @Test
    void timestampsAreIso8601ExceptInfinityAndBc() throws Exception {
        Result result = query("select 'infinity'::timestamptz as a, '-infinity'::timestamp as b, "
                + "'0044-03-15 12:00:00 BC'::timestamp as c, '0044-03-15'::date - 100000 as d, '-infinity'::date as e, "
                + "'2024-01-01 00:00:00.123456+00'::timestamptz as f");
        JsonNode values = exportJson(result, INFO, false).get("values").get(0);
        for (int c = 0; c < 5; c++) {
            assertEquals(result.rows().get(0)[c], values.get(c).textValue());
        }
        assertTrue(result.rows().get(0)[2].endsWith(" BC") && result.rows().get(0)[3].endsWith(" BC"));
        assertEquals("2024-01-01T00:00:00.123456Z", values.get(5).textValue());
        assertEquals("2000-06-15T12:00:00+05:30", IsoTimestamps.isoTimestamp("2000-06-15 12:00:00+05:30"));
        assertEquals("2000-06-15T12:00:00-03:00", IsoTimestamps.isoTimestamp("2000-06-15 12:00:00-03"));
        assertEquals("1850-01-01T00:00:00+05:53:28", IsoTimestamps.isoTimestamp("1850-01-01 00:00:00+05:53:28"));
        assertEquals("12345-01-01 00:00:00+00", IsoTimestamps.isoTimestamp("12345-01-01 00:00:00+00"));
    }

    @Test
    void oddColumnNamesAreKeptExactly() throws Exception {
        Result result = query("select 1 as \"a b\", 2 as \"<&>\", 3 as \"1st\", 4 as \"a b\", 5 as \"é \"\"q\"\"\"");
        List<Column> columns = new ArrayList<>(result.columns());
        columns.add(Column.of("", "int4")); // PostgreSQL refuses a zero-length name, but a writer must not
        Result withEmpty = new Result(columns, List.<String[]>of(new String[] {"1", "2", "3", "4", "5", "6"}));
        JsonNode json = exportJson(withEmpty, new ResultInfo(null, null), false);
        assertEquals(MAPPER.readTree("[\"a b\",\"<&>\",\"1st\",\"a b\",\"é \\\"q\\\"\",\"\"]"), json.get("fields"));
        assertEquals(MAPPER.readTree("[[1,2,3,4,5,6]]"), json.get("values"));
        assertTrue(json.get("title").isNull() && json.get("as_of").isNull());
    }

    @Test
    void anEmptyResultStillNamesItsColumns() throws Exception {
        Result result = query("select * from every_type where false");
        JsonNode json = exportJson(result, INFO, false);
        assertEquals(result.columns().size(), json.get("fields").size());
        assertEquals(result.columns().size(), json.get("types").size());
        assertEquals(0, json.get("values").size());
        assertEquals(0, json.get("row_count").intValue());
    }

    @Test
    void truncationIsSaid() throws Exception {
        JsonNode json = exportJson(query("select generate_series(1, 3) as n"), INFO, true);
        assertEquals(3, json.get("row_count").intValue());
        assertTrue(json.get("truncated").booleanValue());
    }

    @Test
    void invalidJsonTextIsWrittenAsAStringAndTheDocumentStaysValid() throws Exception {
        Result result = new Result(List.of(Column.of("doc", "json")), List.<String[]>of(new String[] {"{\"a\": [1, 2"},
                new String[] {"1 2"}, new String[] {"0.1000000000000000000000000000001"}));
        JsonNode values = exportJson(result, INFO, false).get("values");
        assertEquals("{\"a\": [1, 2", values.get(0).get(0).textValue());
        assertEquals("1 2", values.get(1).get(0).textValue());
        assertEquals(0, new BigDecimal("0.1000000000000000000000000000001").compareTo(values.get(2).get(0).decimalValue()));
    }
}
