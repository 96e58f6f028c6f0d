package dataclips.export;

/** One result column: its name exactly as the query named it, its PostgreSQL type and its logical kind. */
public record Column(String name, String pgType, Kind kind) {
    public static Column of(String name, String pgType) {
        return new Column(name, pgType, Kind.of(pgType));
    }
}
