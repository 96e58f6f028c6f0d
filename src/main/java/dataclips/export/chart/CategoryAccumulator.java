package dataclips.export.chart;

import dataclips.export.Column;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;

/**
 * Bar, stacked bar and pie charts: one category per x text, summed per series in {@link CategoryTotals}; the top 20 (pie: 8) are drawn and the rest summed as
 * "other", since more bars than that cannot be read. Pies skip zero and negative values: they have no slice.
 */
final class CategoryAccumulator implements Accumulator {
    static final int TOP_BARS = 20;
    static final int TOP_SLICES = 8;
    /** Labels longer than this turn the bars sideways, so the labels can be read. */
    private static final int HORIZONTAL_LABELS = 12;
    private final ChartType type;
    private final int x;
    private final List<Integer> y;
    private final SeriesKeys keys;
    private final CategoryTotals totals;
    private final Notes notes;
    private long notPositive;

    CategoryAccumulator(ChartPlan.Drawn plan, List<Column> columns, Notes notes) {
        this.type = plan.type();
        this.x = plan.x();
        this.y = type == ChartType.PIE ? plan.y().subList(0, 1) : plan.y();
        int seriesBy = type == ChartType.PIE ? -1 : plan.seriesBy();
        this.keys = new SeriesKeys(columns, y, seriesBy);
        this.totals = new CategoryTotals(seriesBy < 0 ? y.size() : SeriesKeys.MAX_SERIES);
        this.notes = notes;
    }

    @Override
    public void add(String[] row) {
        String category = Labels.clean(row[x] == null ? "NULL" : row[x], Labels.SHORT);
        for (int k = 0; k < y.size(); k++) {
            int series = keys.of(row, k);
            if (series == SeriesKeys.CUT) {
                continue;
            }
            double value = Numbers.read(row[y.get(k)]);
            if (Double.isNaN(value)) {
                notes.skipValue();
            } else if (type == ChartType.PIE && value <= 0) {
                notPositive++;
            } else {
                totals.add(category, series, value);
            }
        }
    }

    @Override
    public JFreeChart chart(AxisLabels labels) {
        List<CategoryTotals.Entry> top = totals.top(type == ChartType.PIE ? TOP_SLICES : TOP_BARS);
        boolean hasRest = totals.distinct() > top.size();
        String other = other(top);
        keys.addNotes(notes);
        if (notPositive > 0) {
            notes.add(Numbers.count(notPositive) + (notPositive == 1 ? " zero or negative value" : " zero or negative values")
                    + " left out of the pie");
        }
        if (hasRest) {
            notes.add("top " + top.size() + " of " + Numbers.count(totals.distinct()) + " categories; the rest summed as '"
                    + other + "'");
        }
        double[] rest = hasRest ? totals.restBesides(top) : null;
        return type == ChartType.PIE ? pie(top, other, rest) : bars(top, other, rest, labels);
    }

    private JFreeChart bars(List<CategoryTotals.Entry> top, String other, double[] rest, AxisLabels labels) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<String> names = keys.names();
        boolean longLabels = false;
        for (CategoryTotals.Entry entry : top) {
            longLabels |= entry.key.codePointCount(0, entry.key.length()) > HORIZONTAL_LABELS;
            for (int s = 0; s < names.size(); s++) {
                dataset.addValue(entry.sums[s], names.get(s), entry.key);
            }
        }
        for (int s = 0; rest != null && s < names.size(); s++) {
            dataset.addValue(rest[s], names.get(s), other);
        }
        return JFreeCharts.bars(dataset, labels, type == ChartType.STACKED_BAR, longLabels);
    }

    private static JFreeChart pie(List<CategoryTotals.Entry> top, String other, double[] rest) {
        DefaultPieDataset<String> dataset = new DefaultPieDataset<>();
        for (CategoryTotals.Entry entry : top) {
            dataset.setValue(entry.key, entry.sums[0]);
        }
        if (rest != null) {
            dataset.setValue(other, rest[0]);
        }
        return JFreeCharts.pie(dataset);
    }

    /** "other", unless a real category has that name. */
    private static String other(List<CategoryTotals.Entry> top) {
        for (CategoryTotals.Entry entry : top) {
            if (entry.key.equals("other")) {
                return "all other";
            }
        }
        return "other";
    }
}
