package dataclips.export.chart;

import dataclips.export.Column;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * A NUMBER chart: the first row's y as one big figure, as PostgreSQL wrote it (grouped, decimals kept). AUTO
 * chooses it only for a one-row result; an owner's explicit NUMBER over more rows shows the first, and the caption
 * says rows were left.
 */
final class NumberTile implements Accumulator {
    private final ChartPlan.Drawn plan;
    private final List<Column> columns;
    private final Notes notes;
    private String[] first;
    private long rows;

    NumberTile(ChartPlan.Drawn plan, List<Column> columns, Notes notes) {
        this.plan = plan;
        this.columns = columns;
        this.notes = notes;
    }

    @Override
    public void add(String[] row) {
        rows++;
        if (first == null) {
            first = row.clone();
        }
    }

    @Override
    public JFreeChart chart(AxisLabels labels) {
        if (rows > 1) {
            notes.add("the first of " + Numbers.count(rows) + " rows");
        }
        int y = plan.y().get(0);
        String figure = first == null ? "no rows" : Numbers.figure(first[y]);
        String name = labels.y() != null ? labels.y() : Labels.clean(columns.get(y).name(), Labels.SHORT);
        return JFreeCharts.figure(figure, name);
    }
}
