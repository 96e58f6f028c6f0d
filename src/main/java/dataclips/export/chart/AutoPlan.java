package dataclips.export.chart;

import dataclips.export.Column;
import dataclips.export.Kind;
import java.util.ArrayList;
import java.util.List;

/** The AUTO rules of {@link ChartPlan}: a chart chosen from the result's column kinds, no setting needed. */
final class AutoPlan {
    private AutoPlan() {}

    static ChartPlan choose(List<Column> columns) {
        if (columns.isEmpty()) {
            return new ChartPlan.Unchartable("the result has no columns");
        }
        List<Integer> numbers = numbers(columns);
        if (numbers.isEmpty()) {
            return new ChartPlan.Unchartable("the result has no number column to chart");
        }
        int time = first(columns, Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMPTZ);
        if (time >= 0) {
            return drawn(ChartType.LINE, time, numbers);
        }
        int text = first(columns, Kind.TEXT);
        if (text >= 0) {
            return drawn(ChartType.BAR, text, numbers);
        }
        if (numbers.size() >= 2) {
            return drawn(ChartType.SCATTER, numbers.get(0), List.of(numbers.get(1)));
        }
        return drawn(ChartType.NUMBER, -1, numbers);
    }

    private static ChartPlan.Drawn drawn(ChartType type, int x, List<Integer> y) {
        return new ChartPlan.Drawn(type, x, y, -1, ChartSpec.AUTO);
    }

    /** The number columns, at most as many as a chart takes. */
    private static List<Integer> numbers(List<Column> columns) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < columns.size() && numbers.size() < ChartSpec.MAX_Y; i++) {
            if (columns.get(i).kind().isNumeric()) {
                numbers.add(i);
            }
        }
        return numbers;
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
