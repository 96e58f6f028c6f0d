package dataclips.export.chart;

import dataclips.export.Column;
import java.util.List;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Scatter charts: a uniform sample of at most {@value #SIZE} points (reservoir sampling), since a cloud of a
 * million dots is an ink blot. The seed is fixed so the same result always draws the same picture.
 */
final class ScatterSample implements Accumulator {
    static final int SIZE = 2000;
    private static final long SEED = 20240229L;
    private final int x;
    private final List<Integer> y;
    private final SeriesKeys keys;
    private final Notes notes;
    private final Random random = new Random(SEED);
    private final int[] series = new int[SIZE];
    private final double[] xs = new double[SIZE];
    private final double[] ys = new double[SIZE];
    private long seen;

    ScatterSample(ChartPlan.Drawn plan, List<Column> columns, Notes notes) {
        this.x = plan.x();
        this.y = plan.y();
        this.keys = new SeriesKeys(columns, y, plan.seriesBy());
        this.notes = notes;
    }

    @Override
    public void add(String[] row) {
        double at = Numbers.read(row[x]);
        for (int k = 0; k < y.size(); k++) {
            int s = keys.of(row, k);
            if (s == SeriesKeys.CUT) {
                continue;
            }
            double value = Numbers.read(row[y.get(k)]);
            if (Double.isNaN(at) || Double.isNaN(value)) {
                notes.skipValue();
            } else {
                offer(s, at, value);
            }
        }
    }

    /** Algorithm R: the n-th point replaces a random kept one with probability SIZE / n. */
    private void offer(int s, double at, double value) {
        long slot = seen < SIZE ? seen : random.nextLong(seen + 1);
        seen++;
        if (slot < SIZE) {
            int i = (int) slot;
            series[i] = s;
            xs[i] = at;
            ys[i] = value;
        }
    }

    @Override
    public JFreeChart chart(AxisLabels labels) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<String> names = keys.names();
        int kept = (int) Math.min(seen, SIZE);
        for (int s = 0; s < names.size(); s++) {
            XYSeries points = new XYSeries(names.get(s), false, true);
            for (int i = 0; i < kept; i++) {
                if (series[i] == s) {
                    points.add(xs[i], ys[i], false);
                }
            }
            dataset.addSeries(points);
        }
        keys.addNotes(notes);
        if (seen > SIZE) {
            notes.add("a random sample of " + Numbers.count(SIZE) + " of " + Numbers.count(seen) + " points");
        }
        return JFreeCharts.scatter(dataset, labels);
    }
}
