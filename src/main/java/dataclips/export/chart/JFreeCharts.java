package dataclips.export.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardPieSectionLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.general.PieDataset;
import org.jfree.data.xy.XYDataset;

/**
 * The JFreeChart objects for each kind of chart, from datasets the accumulators filled. JFreeChart does all
 * the geometry; this only picks plots, renderers and axes. A legend appears only when there is more than one
 * series to tell apart.
 */
final class JFreeCharts {
    private JFreeCharts() {}

    static JFreeChart lines(XYDataset dataset, XScale scale, Accumulator.AxisLabels labels, boolean area) {
        XYItemRenderer renderer;
        if (area) {
            renderer = new XYAreaRenderer(XYAreaRenderer.AREA);
        } else {
            XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
            line.setDrawSeriesLineAsPath(true); // one path per series, not one element per segment
            renderer = line;
        }
        XYPlot plot = new XYPlot(dataset, ChartLook.xAxis(scale, labels.x()), ChartLook.numberAxis(labels.y()), renderer);
        JFreeChart chart = ChartLook.styled(new JFreeChart(null, null, plot, dataset.getSeriesCount() > 1));
        if (area) {
            plot.setForegroundAlpha(0.6f);
        } else {
            for (int s = 0; s < dataset.getSeriesCount(); s++) {
                renderer.setSeriesStroke(s, new BasicStroke(1.5f));
            }
        }
        return chart;
    }

    static JFreeChart scatter(XYDataset dataset, Accumulator.AxisLabels labels) {
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        XYPlot plot = new XYPlot(dataset, ChartLook.xAxis(XScale.NUMBER, labels.x()),
                ChartLook.numberAxis(labels.y()), dots);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        return ChartLook.styled(new JFreeChart(null, null, plot, dataset.getSeriesCount() > 1));
    }

    static JFreeChart bars(CategoryDataset dataset, Accumulator.AxisLabels labels, boolean stacked, boolean sideways) {
        BarRenderer renderer = stacked ? new StackedBarRenderer() : new BarRenderer();
        CategoryAxis categories = new CategoryAxis(labels.x());
        CategoryPlot plot = new CategoryPlot(dataset, categories, ChartLook.numberAxis(labels.y()), renderer);
        plot.setOrientation(sideways ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT); // sideways, values go under the bars
        JFreeChart chart = ChartLook.styled(new JFreeChart(null, null, plot, dataset.getRowCount() > 1));
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        categories.setMaximumCategoryLabelWidthRatio(sideways ? 0.35f : 1f);
        if (!sideways && dataset.getColumnCount() > 8) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return chart;
    }

    static JFreeChart pie(PieDataset<String> dataset) {
        PiePlot<String> plot = new PiePlot<>(dataset);
        JFreeChart chart = ChartLook.styled(new JFreeChart(null, null, plot, false));
        plot.setLabelGenerator(new StandardPieSectionLabelGenerator("{0}: {1} ({2})", ChartLook.numbers(),
                ChartLook.percent()));
        plot.setShadowPaint(null);
        plot.setOutlineVisible(false);
        plot.setLabelBackgroundPaint(Color.WHITE);
        plot.setNoDataMessage("no positive values to draw");
        return chart;
    }

    /** A big figure with its name under it: the NUMBER chart. */
    static JFreeChart figure(String figure, String name) {
        // Long figures get smaller, so that "1,234,567,890.123456" still fits on one line.
        float size = Math.max(20f, Math.min(56f, 560f / Math.max(1, figure.length())));
        JFreeChart chart = message(figure, Fonts.bold(size));
        chart.addSubtitle(new TextTitle(name, Fonts.plain(16), ChartLook.TEXT, RectangleEdge.BOTTOM,
                HorizontalAlignment.CENTER, VerticalAlignment.CENTER, new RectangleInsets(0, 0, 24, 0)));
        return chart;
    }

    /** A chart of text alone, centred and wrapped: a plot with no data shows its no-data message. */
    static JFreeChart message(String text, Font font) {
        PiePlot<String> plot = new PiePlot<>(new DefaultPieDataset<String>());
        JFreeChart chart = ChartLook.styled(new JFreeChart(null, null, plot, false));
        plot.setOutlineVisible(false);
        plot.setNoDataMessage(text);
        plot.setNoDataMessageFont(font);
        plot.setNoDataMessagePaint(ChartLook.TEXT);
        return chart;
    }
}
