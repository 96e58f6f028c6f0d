package dataclips.delivery;

import dataclips.UserError;
import dataclips.export.Column;
import dataclips.export.Kind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A column condition ("when": "condition"): it holds when any row's value in the column compares with the value as op
 * says. Numbers compare as numbers, booleans as booleans, anything else as text; a NULL never matches (as in SQL).
 */
public record Condition(String column, String op, String value) {
    static final List<String> OPS = List.of(">", ">=", "<", "<=", "=", "!=");
    static final int MAX_VALUE = 1_000;

    public Condition {
        if (column == null || column.isBlank() || column.length() > 200) {
            throw bad("condition needs the column to test, by its name in the result (at most 200 characters)");
        }
        if (!OPS.contains(op)) {
            throw bad("condition's op must be one of " + String.join(" ", OPS) + ", not " + UserError.quoted(op));
        }
        if (value == null || value.length() > MAX_VALUE) {
            throw bad("condition needs a value to compare with (a number or text of at most " + MAX_VALUE + " characters)");
        }
    }

    /** The column's index in these columns, if the result has it. */
    Optional<Integer> indexIn(List<Column> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Refuses a value that can never compare with the column (text against a number column). */
    void check(List<Column> columns) {
        indexIn(columns).map(columns::get).filter(c -> c.kind().isNumeric()).ifPresent(c -> number(value).orElseThrow(
                () -> bad("column \"" + column + "\" holds numbers, so the condition's value must be a number, not "
                        + UserError.quoted(value))));
    }

    boolean matches(Column c, String cell) {
        if (cell == null) {
            return false;
        }
        int compared;
        if (c.kind().isNumeric()) {
            Optional<BigDecimal> left = number(cell);
            Optional<BigDecimal> right = number(value);
            if (left.isEmpty() || right.isEmpty()) {
                return false; // NaN or Infinity: no order with a given number that a reader would expect
            }
            compared = left.get().compareTo(right.get());
        } else if (c.kind() == Kind.BOOLEAN) {
            compared = Boolean.compare(truth(cell), truth(value));
        } else {
            compared = cell.compareTo(value);
        }
        return switch (op) {
            case ">" -> compared > 0;
            case ">=" -> compared >= 0;
            case "<" -> compared < 0;
            case "<=" -> compared <= 0;
            case "=" -> compared == 0;
            default -> compared != 0;
        };
    }

    /** "total > 100", for messages and pages. */
    public String describe() {
        return column + " " + op + " " + value;
    }

    private static boolean truth(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.equals("t") || t.equals("true") || t.equals("1") || t.equals("yes") || t.equals("on");
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static UserError bad(String message) {
        return new UserError(422, "bad_condition", message);
    }
}
