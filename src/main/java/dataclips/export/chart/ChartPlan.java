package dataclips.export.chart;

import dataclips.export.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a chart of one result will be, decided from the columns before the first row: drawn (a resolved type
 * and the column indices it reads) or unchartable with a reason the image shows.
 * <p>
 * AUTO chooses from the column kinds alone, in this order:
 * <ol>
 * <li>a date, timestamp or timestamptz column and numbers: a LINE over the first such column, one series per
 * number column (at most {@value ChartSpec#MAX_Y});</li>
 * <li>a text column and numbers: a BAR chart over the first text column;</li>
 * <li>two or more numbers and nothing else to go by: a SCATTER of the first two;</li>
 * <li>one number: a NUMBER (a query like {@code select count(*)}). Should that result have more than one row,
 * the writer draws bars by row number instead ("1", "2", …, the top-N rule applying), because a single
 * figure would hide the other rows;</li>
 * <li>otherwise unchartable: no columns, or no number to chart.</li>
 * </ol>
 * An owner's setting that no longer fits the columns (the SQL changed after it was saved) is unchartable with
 * the message of {@link ChartSpec#problem}; NONE is unchartable because the owner turned the chart off.
 */
public sealed interface ChartPlan permits ChartPlan.Drawn, ChartPlan.Unchartable {
    /**
     * A chart to draw: the resolved type (never AUTO or NONE), the x column (-1: none, as for NUMBER), the y
     * columns, the series_by column (-1: none) and the setting it came from (for the title and labels).
     */
    record Drawn(ChartType type, int x, List<Integer> y, int seriesBy, ChartSpec spec) implements ChartPlan {
        public Drawn {
            y = List.copyOf(y);
        }

        /** Whether the type was chosen from the column kinds (AUTO) rather than by the clip's owner. */
        public boolean automatic() {
            return spec.type() == ChartType.AUTO;
        }
    }

    /** No chart; the reason is shown in its place ("No chart: the result has no number column to chart"). */
    record Unchartable(String reason) implements ChartPlan {}

    static ChartPlan of(ChartSpec spec, List<Column> columns) {
        if (spec.type() == ChartType.NONE) {
            return new Unchartable("the clip's owner turned the chart off");
        }
        if (spec.type() == ChartType.AUTO) {
            return AutoPlan.choose(columns);
        }
        Optional<String> problem = spec.problem(columns);
        if (problem.isPresent()) {
            return new Unchartable(problem.get());
        }
        return explicit(spec, columns);
    }

    private static Drawn explicit(ChartSpec spec, List<Column> columns) {
        List<Integer> y = new ArrayList<>();
        for (String name : spec.y()) {
            y.add(SpecCheck.indexOf(columns, name));
        }
        int x = spec.type() == ChartType.NUMBER ? -1 : SpecCheck.indexOf(columns, spec.x());
        int seriesBy = spec.seriesBy() == null ? -1 : SpecCheck.indexOf(columns, spec.seriesBy());
        return new Drawn(spec.type(), x, y, seriesBy, spec);
    }
}
