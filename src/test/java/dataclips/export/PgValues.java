package dataclips.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL's side of a read-back comparison: every cell of a query on the follower, as text and as PostgreSQL's JSON. */
final class PgValues {
    static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    /** PostgreSQL's ISO output: "2024-02-29", "2024-02-29 13:45:30.5", "…+00", "…+05:30". */
    private static final DateTimeFormatter PG_TIMESTAMP = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd[ HH:mm:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd().toFormatter();
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private PgValues() {}

    /** One value: its column, PostgreSQL's text (null for NULL) and the value in PostgreSQL's row_to_json. */
    record Cell(Column column, String text, JsonNode json) {
        /** The kind written out by hand for this every_type column (EveryTypeColumns), not the app's Kind.of. */
        Kind kind() {
            return EveryTypeColumns.kind(column.name());
        }

        /** A number JSON and spreadsheets can hold as one: not NaN or ±Infinity. */
        boolean isNumber() {
            return text.matches("-?[0-9.e+-]+");
        }
    }

    /** The query's rows, cell by cell, read as a clip run reads them (FollowerResults) and again through row_to_json. */
    static List<List<Cell>> cells(String sql) throws Exception {
        List<Column> columns = new ArrayList<>();
        List<String[]> texts = FollowerResults.feed(sql, "expected", columnsInto(columns));
        List<String[]> jsons = FollowerResults.feed("select row_to_json(t) from (" + sql + ") t", "json", columnsInto(new ArrayList<>()));
        List<List<Cell>> rows = new ArrayList<>();
        for (int r = 0; r < texts.size(); r++) {
            JsonNode json = JSON.readTree(jsons.get(r)[0]);
            List<Cell> row = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                row.add(new Cell(columns.get(i), texts.get(r)[i], json.get(columns.get(i).name())));
            }
            rows.add(row);
        }
        return rows;
    }

    /** A date or timestamp in PostgreSQL's text as a UTC date-time (ISO 8601's T is accepted too). */
    static LocalDateTime utc(String text) {
        TemporalAccessor t = PG_TIMESTAMP.parse(text.replace('T', ' '));
        LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
        LocalDateTime local = LocalDate.from(t).atTime(time);
        return t.isSupported(ChronoField.OFFSET_SECONDS)
                ? local.atOffset(ZoneOffset.from(t)).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : local;
    }

    /** Spreadsheet dates run from 1900 to 9999: PostgreSQL's year 1 (or BC, or infinity) stays text. */
    static boolean inExcelRange(String text) {
        return text.matches("\\d{4}-\\d\\d-\\d\\d.*") && utc(text).getYear() >= 1900;
    }

    /** A writer that only notes the columns: FollowerResults returns the rows itself. */
    private static ResultWriter columnsInto(List<Column> into) {
        return new ResultWriter() {
            @Override
            public void begin(List<Column> columns, ResultInfo info) {
                into.addAll(columns);
            }

            @Override
            public boolean row(String[] values) {
                return true;
            }

            @Override
            public void finish(boolean truncated) {}
        };
    }
}
