package dataclips.export.chart;

import dataclips.export.Column;
import dataclips.export.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an owner's chart setting fits a result's columns; the message names the column and says what the
 * chart type needs, so the owner can fix the setting or the SQL. Lines and areas need a time or number x;
 * bars and pies take any x (its text is the category); scatter needs numbers on both axes; a number chart
 * shows one y and ignores x; series_by may be any column.
 */
final class SpecCheck {
    private static final int COLUMNS_LISTED = 20;

    private SpecCheck() {}

    static Optional<String> problem(ChartSpec spec, List<Column> columns) {
        ChartType type = spec.type();
        if (type == ChartType.AUTO || type == ChartType.NONE) {
            return Optional.empty();
        }
        return counts(spec).or(() -> x(spec, columns)).or(() -> y(spec, columns)).or(() -> seriesBy(spec, columns));
    }

    /** The index of the first column with this name, or -1. */
    static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isTime(Kind kind) {
        return kind == Kind.DATE || kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMPTZ || kind == Kind.TIME;
    }

    private static Optional<String> counts(ChartSpec spec) {
        ChartType type = spec.type();
        int ys = spec.y().size();
        if ((type == ChartType.PIE || type == ChartType.NUMBER) && ys != 1) {
            return Optional.of(type.noun() + " takes exactly one y column; the setting has " + ys);
        }
        if (ys == 0) {
            return Optional.of(type.noun() + " needs at least one y column");
        }
        if (type != ChartType.NUMBER && spec.x() == null) {
            return Optional.of(type.noun() + " needs an x column");
        }
        return Optional.empty();
    }

    private static Optional<String> x(ChartSpec spec, List<Column> columns) {
        ChartType type = spec.type();
        if (type == ChartType.NUMBER) {
            return Optional.empty();
        }
        Optional<Column> x = find(spec.x(), columns);
        if (x.isEmpty()) {
            return Optional.of(missing("x", spec.x(), columns));
        }
        Kind kind = x.get().kind();
        if ((type == ChartType.LINE || type == ChartType.AREA) && !isTime(kind) && !kind.isNumeric()) {
            return Optional.of(misfit("x", x.get(), type.noun() + "'s x column must be a date, timestamp, time or number"));
        }
        if (type == ChartType.SCATTER && !kind.isNumeric()) {
            return Optional.of(misfit("x", x.get(), type.noun() + "'s x column must be a number"));
        }
        return Optional.empty();
    }

    private static Optional<String> y(ChartSpec spec, List<Column> columns) {
        for (String name : spec.y()) {
            Optional<Column> y = find(name, columns);
            if (y.isEmpty()) {
                return Optional.of(missing("y", name, columns));
            }
            if (!y.get().kind().isNumeric()) {
                return Optional.of(misfit("y", y.get(), spec.type().noun() + "'s y columns must be numbers"));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> seriesBy(ChartSpec spec, List<Column> columns) {
        if (spec.seriesBy() == null || find(spec.seriesBy(), columns).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(missing("series_by", spec.seriesBy(), columns));
    }

    private static Optional<Column> find(String name, List<Column> columns) {
        int at = indexOf(columns, name);
        return at < 0 ? Optional.empty() : Optional.of(columns.get(at));
    }

    private static String missing(String role, String name, List<Column> columns) {
        return "the chart's " + role + " column \"" + Labels.clean(name, Labels.SHORT) + "\" is not in the result; "
                + (columns.isEmpty() ? "it has no columns" : "its columns are: " + listed(columns));
    }

    private static String misfit(String role, Column column, String rule) {
        return "the chart's " + role + " column \"" + Labels.clean(column.name(), Labels.SHORT) + "\" is "
                + kindName(column) + "; " + rule;
    }

    private static String kindName(Column column) {
        return column.kind() == Kind.OTHER ? "of type " + Labels.clean(column.pgType(), Labels.SHORT)
                : column.kind().name().toLowerCase(Locale.ROOT);
    }

    private static String listed(List<Column> columns) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < Math.min(columns.size(), COLUMNS_LISTED); i++) {
            names.append(i == 0 ? "" : ", ").append(Labels.clean(columns.get(i).name(), Labels.SHORT));
        }
        int more = columns.size() - COLUMNS_LISTED;
        return more > 0 ? names + " and " + more + " more" : names.toString();
    }
}
