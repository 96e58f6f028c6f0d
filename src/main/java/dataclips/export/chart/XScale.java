package dataclips.export.chart;

import dataclips.export.Column;
import dataclips.export.Kind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * How the x values of a line, area or scatter chart are read from PostgreSQL's text and shown again in
 * hover texts: times as milliseconds (UTC), numbers as they are. Unreadable values are NaN, to be skipped.
 */
enum XScale {
    DATE("uuuu-MM-dd"),
    TIMESTAMP("uuuu-MM-dd HH:mm:ss"),
    TIMESTAMPTZ("uuuu-MM-dd HH:mm:ss 'UTC'"),
    TIME("HH:mm:ss"),
    NUMBER(null),
    /** Whole numbers named as years ("year", "fiscal_year"): "2024", never "2,024". */
    YEAR(null);

    private static final Pattern YEARS = Pattern.compile("(?i)(.*[_ ])?(year|yr)");
    private final DateTimeFormatter seconds;
    private final DateTimeFormatter millis;

    XScale(String pattern) {
        seconds = pattern == null ? null : DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
        millis = pattern == null ? null : DateTimeFormatter.ofPattern(pattern.replace("ss", "ss.SSS"))
                .withZone(ZoneOffset.UTC);
    }

    static XScale of(Column column) {
        boolean years = column.kind() == Kind.INTEGER && YEARS.matcher(column.name()).matches();
        return years ? YEAR : of(column.kind());
    }

    private static XScale of(Kind kind) {
        return switch (kind) {
            case DATE -> DATE;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMPTZ -> TIMESTAMPTZ;
            case TIME -> TIME;
            default -> NUMBER;
        };
    }

    /** Whether values are milliseconds, to be drawn on a date axis. */
    boolean temporal() {
        return this != NUMBER && this != YEAR;
    }

    /** The value as a finite double, or NaN when it is NULL, not finite or not readable. */
    double read(String text, Kind kind) {
        return temporal() ? PgTime.millis(text, kind) : Numbers.read(text);
    }

    /** The value as a person reads it: "2024-01-03", "2024-01-03 12:00:00 UTC", "1,234.5". */
    String format(double value) {
        if (this == YEAR) {
            return ChartLook.wholeNumbers().format(value);
        }
        if (this == NUMBER) {
            return Numbers.format(value);
        }
        long at = (long) value;
        return (at % 1000 == 0 ? seconds : millis).format(Instant.ofEpochMilli(at));
    }
}
