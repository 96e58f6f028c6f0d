package dataclips.export;

import static dataclips.export.Kind.ARRAY;
import static dataclips.export.Kind.BINARY;
import static dataclips.export.Kind.BOOLEAN;
import static dataclips.export.Kind.DATE;
import static dataclips.export.Kind.DECIMAL;
import static dataclips.export.Kind.FLOAT;
import static dataclips.export.Kind.INTEGER;
import static dataclips.export.Kind.INTERVAL;
import static dataclips.export.Kind.JSON;
import static dataclips.export.Kind.OTHER;
import static dataclips.export.Kind.TEXT;
import static dataclips.export.Kind.TIME;
import static dataclips.export.Kind.TIMESTAMP;
import static dataclips.export.Kind.TIMESTAMPTZ;

import java.util.List;

/**
 * The sample's every_type table (src/main/resources/embedded/every_type.sql) column by column: the type name pgjdbc
 * reports for it and the kind every format must treat it as, written out by hand. Tests of the writers compare with
 * this, never with {@link Kind#of}, which is code under test (KindTest checks it against this list).
 */
final class EveryTypeColumns {
    /** One column as declared: its name, the driver's name for its type, and the kind that type must have. */
    record Declared(String name, String pgType, Kind kind) {}

    static final List<Declared> COLUMNS = List.of(
            new Declared("id", "int4", INTEGER), new Declared("small", "int2", INTEGER),
            new Declared("regular", "int4", INTEGER), new Declared("big", "int8", INTEGER),
            new Declared("exact", "numeric", DECIMAL), new Declared("exact_scale", "numeric", DECIMAL),
            new Declared("real_num", "float4", FLOAT), new Declared("double_num", "float8", FLOAT),
            new Declared("price", "money", TEXT), // locale-formatted ("$12.34"): text, never a number
            new Declared("flag", "bool", BOOLEAN), new Declared("label", "text", TEXT),
            new Declared("short_code", "varchar", TEXT), new Declared("fixed", "bpchar", TEXT),
            new Declared("bytes", "bytea", BINARY), new Declared("day", "date", DATE),
            new Declared("clock", "time", TIME), new Declared("clock_tz", "timetz", TIME),
            new Declared("stamp", "timestamp", TIMESTAMP), new Declared("stamp_tz", "timestamptz", TIMESTAMPTZ),
            new Declared("span", "interval", INTERVAL), new Declared("ident", "uuid", TEXT),
            new Declared("address", "inet", TEXT), new Declared("network", "cidr", TEXT),
            new Declared("doc", "json", JSON), new Declared("docb", "jsonb", JSON),
            new Declared("ints", "_int4", ARRAY), new Declared("texts", "_text", ARRAY),
            new Declared("feeling", "mood", OTHER)); // an enum: no kind of its own

    private EveryTypeColumns() {}

    /** The kind every_type's column must have. */
    static Kind kind(String column) {
        return COLUMNS.stream().filter(c -> c.name().equals(column)).findFirst().map(Declared::kind)
                .orElseThrow(() -> new AssertionError(column + " is not a column of every_type"));
    }

    static List<String> pgTypes() {
        return COLUMNS.stream().map(Declared::pgType).toList();
    }

    /** The kinds as the XML export's kind attribute spells them. */
    static List<String> kindNames() {
        return COLUMNS.stream().map(c -> c.kind().name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
