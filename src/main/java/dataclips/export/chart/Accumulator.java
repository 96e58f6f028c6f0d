package dataclips.export.chart;

import dataclips.export.Column;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * What a chart keeps of the rows while they stream: a bounded summary (buckets, top categories, a sample, one
 * figure), never the rows themselves, so a million-row result charts in the same memory as a ten-row one.
 */
sealed interface Accumulator permits LineAccumulator, CategoryAccumulator, ScatterSample, NumberTile {
    /** Takes one row (PostgreSQL text, null for NULL); what cannot be drawn is counted in the notes. */
    void add(String[] row);

    /** The chart of every row added, without title or caption; what was left out goes to the notes. */
    JFreeChart chart(AxisLabels labels);

    /** The axis labels, already cleaned; null for none. */
    record AxisLabels(String x, String y) {}

    static Accumulator of(ChartPlan.Drawn plan, List<Column> columns, Notes notes) {
        return switch (plan.type()) {
            case LINE, AREA -> new LineAccumulator(plan, columns, notes);
            case BAR, STACKED_BAR, PIE -> new CategoryAccumulator(plan, columns, notes);
            case SCATTER -> new ScatterSample(plan, columns, notes);
            case NUMBER -> new NumberTile(plan, columns, notes);
            case AUTO, NONE -> throw new IllegalArgumentException("a plan is never drawn as " + plan.type());
        };
    }
}
