package dataclips.export.chart;

import dataclips.export.Column;
import dataclips.export.Kind;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Line and area charts: x read as time or number, each series downsampled on its own ({@link Downsample}). */
final class LineAccumulator implements Accumulator {
    private final boolean area;
    private final int x;
    private final Kind xKind;
    private final XScale scale;
    private final List<Integer> y;
    private final SeriesKeys keys;
    private final List<Downsample> lines = new ArrayList<>();
    private final Notes notes;

    LineAccumulator(ChartPlan.Drawn plan, List<Column> columns, Notes notes) {
        this.area = plan.type() == ChartType.AREA;
        this.x = plan.x();
        this.xKind = columns.get(x).kind();
        this.scale = XScale.of(columns.get(x));
        this.y = plan.y();
        this.keys = new SeriesKeys(columns, y, plan.seriesBy());
        this.notes = notes;
    }

    @Override
    public void add(String[] row) {
        double at = scale.read(row[x], xKind);
        for (int k = 0; k < y.size(); k++) {
            int series = keys.of(row, k);
            if (series == SeriesKeys.CUT) {
                continue;
            }
            double value = Numbers.read(row[y.get(k)]);
            if (Double.isNaN(at) || Double.isNaN(value) || !line(series).add(at, value)) {
                notes.skipValue();
            }
        }
    }

    @Override
    public JFreeChart chart(AxisLabels labels) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<String> names = keys.names();
        for (int i = 0; i < names.size(); i++) {
            XYSeries series = new XYSeries(names.get(i), true, true);
            line(i).addTo(series);
            dataset.addSeries(series);
        }
        keys.addNotes(notes);
        return JFreeCharts.lines(dataset, scale, labels, area);
    }

    private Downsample line(int series) {
        while (lines.size() <= series) {
            lines.add(new Downsample());
        }
        return lines.get(series);
    }
}
