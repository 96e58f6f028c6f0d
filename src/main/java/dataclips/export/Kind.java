package dataclips.export;

import java.util.Set;

/**
 * The few logical types every format needs (Redash-style type map): a writer decides by kind how to
 * write a value, whatever the PostgreSQL type behind it.
 */
public enum Kind {
    INTEGER, DECIMAL, FLOAT, BOOLEAN, TEXT, DATE, TIMESTAMP, TIMESTAMPTZ, TIME, INTERVAL, JSON, ARRAY, BINARY, OTHER;

    private static final Set<String> TEXTS = Set.of("text", "varchar", "bpchar", "char", "name", "citext", "uuid",
            "inet", "cidr", "macaddr", "macaddr8", "xml", "tsvector", "tsquery", "bit", "varbit", "money");

    /** Maps a PostgreSQL type name as the driver reports it ("int8", "_text", "timestamptz", "mood"). */
    public static Kind of(String pgType) {
        String type = pgType == null ? "" : pgType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("_")) {
            return ARRAY;
        }
        return switch (type) {
            case "int2", "int4", "int8", "oid", "serial", "bigserial" -> INTEGER;
            case "numeric" -> DECIMAL;
            case "float4", "float8" -> FLOAT;
            case "bool" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP;
            case "timestamptz" -> TIMESTAMPTZ;
            case "time", "timetz" -> TIME;
            case "interval" -> INTERVAL;
            case "json", "jsonb" -> JSON;
            case "bytea" -> BINARY;
            default -> TEXTS.contains(type) ? TEXT : OTHER;
        };
    }

    /** Numbers are right-aligned on pages and stay numbers in every format. */
    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == FLOAT;
    }
}
