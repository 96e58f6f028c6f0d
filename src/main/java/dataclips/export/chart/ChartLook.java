package dataclips.export.chart;

import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;

/**
 * How every chart looks: one plain theme (no gradients or shadows), and axes that format in US English and
 * UTC whatever the server's locale and zone, because an image is byte-identical for everyone who fetches it.
 * A theme is applied per chart, never installed as JFreeChart's global current theme.
 */
final class ChartLook {
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color TEXT = new Color(0x33, 0x33, 0x33);
    private static final DecimalFormatSymbols US = DecimalFormatSymbols.getInstance(Locale.US);

    private ChartLook() {}

    static JFreeChart styled(JFreeChart chart) {
        theme().apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getPlot().setNoDataMessage("no rows to chart"); // an empty result still says something
        chart.getPlot().setNoDataMessageFont(Fonts.plain(14));
        return chart;
    }

    /** The x axis of a line, area or scatter chart: dates in UTC, or plain numbers. */
    static ValueAxis xAxis(XScale scale, String label) {
        if (scale.temporal()) {
            return new DateAxis(label, TimeZone.getTimeZone("UTC"), Locale.US);
        }
        NumberAxis axis = numberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    static NumberAxis numberAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(numbers());
        return axis;
    }

    /** "1,234.5": grouping and a point, as {@link Numbers#format}. */
    static NumberFormat numbers() {
        return new DecimalFormat("#,##0.######", US);
    }

    static NumberFormat percent() {
        return new DecimalFormat("0.#%", US);
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("dataclips", false);
        theme.setExtraLargeFont(Fonts.bold(16));
        theme.setLargeFont(Fonts.bold(13));
        theme.setRegularFont(Fonts.plain(12));
        theme.setSmallFont(Fonts.plain(10));
        theme.setBarPainter(new StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(GRID);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisLabelPaint(TEXT);
        theme.setTickLabelPaint(TEXT);
        theme.setTitlePaint(TEXT);
        theme.setSubtitlePaint(TEXT);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setLegendItemPaint(TEXT);
        return theme;
    }
}
