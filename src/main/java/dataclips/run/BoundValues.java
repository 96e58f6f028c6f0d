package dataclips.run;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Binds a clip's typed parameter values to its prepared statement, each as its own PostgreSQL type (text, int8,
 * numeric, date, timestamptz, boolean): the value travels apart from the SQL, so no value can change the statement.
 */
final class BoundValues {
    private BoundValues() {}

    static void set(PreparedStatement s, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            set(s, i + 1, values.get(i));
        }
    }

    private static void set(PreparedStatement s, int index, Object value) throws SQLException {
        if (value instanceof String text) {
            s.setString(index, text);
        } else if (value instanceof Long whole) {
            s.setLong(index, whole);
        } else if (value instanceof BigDecimal number) {
            s.setBigDecimal(index, number);
        } else if (value instanceof LocalDate date) {
            s.setObject(index, date, Types.DATE);
        } else if (value instanceof OffsetDateTime time) {
            s.setObject(index, time, Types.TIMESTAMP_WITH_TIMEZONE);
        } else if (value instanceof Boolean yes) {
            s.setBoolean(index, yes);
        } else {
            throw new IllegalArgumentException("no SQL type for a parameter value of " + value.getClass());
        }
    }
}
