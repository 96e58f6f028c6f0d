package dataclips.export.chart;

import dataclips.export.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a chart of one result will be: drawn (a resolved type and the column indices it reads) or unchartable with
 * the reason, which the owner's page shows (and the image URLs answer, as a 404).
 * <p>
 * AUTO chooses from the column kinds and names and two facts about the rows ({@link AutoPlan}), in this order:
 * <ol>
 * <li>no rows, or no number column that measures something (identifiers such as {@code emp_no} do not): none;</li>
 * <li>a date, timestamp or timestamptz column: a LINE over the first such column, one series per measure (at most
 * {@value ChartSpec#MAX_Y});</li>
 * <li>a text column: a BAR chart over the first text column;</li>
 * <li>a leading integer key ("year, total"): a LINE over it;</li>
 * <li>two or more measures and nothing else to go by: a SCATTER of the first two;</li>
 * <li>one measure: a NUMBER when there is one row (a query like {@code select count(*)}), none for a list.</li>
 * </ol>
 * An owner's setting that no longer fits the columns (the SQL changed after it was saved) is unchartable with
 * the message of {@link ChartSpec#problem}; NONE is unchartable because the owner turned the chart off; any setting
 * of an empty result is unchartable.
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

    /** The chart of a result with these columns, this many rows and (leadingKey) a key as its leading column. */
    static ChartPlan of(ChartSpec spec, List<Column> columns, long rows, boolean leadingKey) {
        if (spec.type() == ChartType.NONE) {
            return new Unchartable("the clip's owner turned the chart off");
        }
        if (spec.type() == ChartType.AUTO) {
            return AutoPlan.choose(columns, rows, leadingKey);
        }
        Optional<String> problem = spec.problem(columns);
        if (problem.isPresent()) {
            return new Unchartable(problem.get());
        }
        return rows == 0 ? new Unchartable("the query returned no rows") : explicit(spec, columns);
    }

    /**
     * Why a result gets no chart, or empty when it gets one: rows is its row count, firstValues the values of its
     * leading column in its first rows (at least the first {@value LeadingKey#WATCHED}, or all of them). What the
     * clip page and the image URLs both go by.
     */
    public static Optional<String> missing(ChartSpec spec, List<Column> columns, long rows, LeadingKey leading) {
        ChartPlan plan = of(spec, columns, rows, leading.distinct());
        return plan instanceof Unchartable u ? Optional.of(u.reason()) : Optional.empty();
    }

    /** Whether the answer depends on the leading column being a key (else no rows need to be read to know it). */
    public static boolean needsLeadingKey(ChartSpec spec, List<Column> columns) {
        return candidates(spec, columns).size() > 1;
    }

    /**
     * The plans a writer prepares before the first row, when the rows may yet decide between them (the leading
     * column a key or not): one or two, the plan with a non-key leading column first.
     */
    static List<ChartPlan> candidates(ChartSpec spec, List<Column> columns) {
        ChartPlan plain = of(spec, columns, 1, false);
        if (spec.type() != ChartType.AUTO || !AutoPlan.keyCandidate(columns)) {
            return List.of(plain);
        }
        ChartPlan keyed = of(spec, columns, 2, true);
        return plain.equals(keyed) ? List.of(plain) : List.of(plain, keyed);
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
