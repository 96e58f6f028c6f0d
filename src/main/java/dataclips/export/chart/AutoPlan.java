package dataclips.export.chart;

import dataclips.export.Column;
import dataclips.export.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The AUTO rules of {@link ChartPlan}: a chart chosen from the result's column kinds and names, and from two facts
 * about its rows (how many, and whether its leading column is a key: {@link LeadingKey}). Identifiers are not
 * measures: a column named {@code id}, {@code *_id} or {@code *_no}, or a leading integer column whose values are all
 * different. A result whose only numbers are identifiers is a list of rows, and a list of rows gets no chart.
 */
final class AutoPlan {
    private AutoPlan() {}

    static ChartPlan choose(List<Column> columns, long rows, boolean leadingKey) {
        if (columns.isEmpty()) {
            return new ChartPlan.Unchartable("the result has no columns");
        }
        if (rows == 0) {
            return new ChartPlan.Unchartable("the query returned no rows");
        }
        boolean keyed = leadingKey && keyCandidate(columns);
        List<Integer> measures = measures(columns, keyed);
        if (measures.isEmpty()) {
            return new ChartPlan.Unchartable(identifiers(columns, keyed).isEmpty()
                    ? "the result has no number column to chart"
                    : "the result is a list of rows: its numbers (" + String.join(", ", identifiers(columns, keyed))
                            + ") identify rows rather than measure anything");
        }
        int time = first(columns, Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMPTZ);
        if (time >= 0) {
            return drawn(ChartType.LINE, time, measures);
        }
        int text = first(columns, Kind.TEXT);
        if (text >= 0) {
            return drawn(ChartType.BAR, text, measures);
        }
        if (keyed) {
            return drawn(ChartType.LINE, 0, measures); // "year, total": the key is the x
        }
        if (measures.size() >= 2) {
            return drawn(ChartType.SCATTER, measures.get(0), List.of(measures.get(1)));
        }
        if (rows > 1) {
            return new ChartPlan.Unchartable("the result is a list of rows with one number each and nothing to "
                    + "draw them over");
        }
        return drawn(ChartType.NUMBER, -1, measures);
    }

    /** Whether the leading column could be a key (an integer not already named as an identifier). */
    static boolean keyCandidate(List<Column> columns) {
        return !columns.isEmpty() && columns.get(0).kind() == Kind.INTEGER && !namedIdentifier(columns.get(0));
    }

    /** id, *_id, *_no (any case): an employee's number is not an amount to draw. */
    static boolean namedIdentifier(Column column) {
        String name = column.name().toLowerCase(Locale.ROOT);
        return column.kind().isNumeric() && (name.equals("id") || name.endsWith("_id") || name.endsWith("_no"));
    }

    private static ChartPlan.Drawn drawn(ChartType type, int x, List<Integer> y) {
        return new ChartPlan.Drawn(type, x, y, -1, ChartSpec.AUTO);
    }

    /** The number columns that measure something, at most as many as a chart takes. */
    private static List<Integer> measures(List<Column> columns, boolean keyed) {
        List<Integer> measures = new ArrayList<>();
        for (int i = 0; i < columns.size() && measures.size() < ChartSpec.MAX_Y; i++) {
            Column c = columns.get(i);
            if (c.kind().isNumeric() && !namedIdentifier(c) && !(keyed && i == 0)) {
                measures.add(i);
            }
        }
        return measures;
    }

    private static List<String> identifiers(List<Column> columns, boolean keyed) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (namedIdentifier(columns.get(i)) || (keyed && i == 0)) {
                names.add(Labels.clean(columns.get(i).name(), Labels.SHORT));
            }
        }
        return names;
    }

    private static int first(List<Column> columns, Kind... kinds) {
        for (int i = 0; i < columns.size(); i++) {
            for (Kind kind : kinds) {
                if (columns.get(i).kind() == kind) {
                    return i;
                }
            }
        }
        return -1;
    }
}
