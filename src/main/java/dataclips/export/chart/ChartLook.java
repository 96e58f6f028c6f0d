package dataclips.export.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
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
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.ui.RectangleInsets;

/**
 * How every chart looks, on the clip page and wherever its image is embedded: the interface's colours (its blue
 * first, then the Okabe-Ito colours, which people with the common colour-vision deficiencies tell apart), no
 * gradients or shadows, ISO dates, and axes that format in US English and UTC whatever the server's locale and
 * zone, because an image is byte-identical for everyone who fetches it. A theme is applied per chart, never
 * installed as JFreeChart's global current theme.
 */
final class ChartLook {
    static final Color TEXT = new Color(0x1D, 0x24, 0x30);
    static final Color MUTED = new Color(0x6B, 0x73, 0x80);
    static final Color GRID = new Color(0xE6, 0xE9, 0xEF);
    /** The page's accent blue, then Okabe and Ito's orange, bluish green, reddish purple, sky blue, vermillion, … */
    static final Color[] PALETTE = {new Color(0x3A, 0x5C, 0xCC), new Color(0xE6, 0x9F, 0x00),
            new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9),
            new Color(0xD5, 0x5E, 0x00), new Color(0x1D, 0x24, 0x30), new Color(0xF0, 0xE4, 0x42)};
    private static final DecimalFormatSymbols US = DecimalFormatSymbols.getInstance(Locale.US);

    private ChartLook() {}

    static JFreeChart styled(JFreeChart chart) {
        theme().apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getPlot().setOutlineVisible(false);
        chart.setPadding(new RectangleInsets(6, 8, 4, 24)); // the last tick label of an axis is not cut at the edge
        return chart;
    }

    /** Tick marks as dense as the image's size allows, dates in ISO form ({@link Ticks}). */
    static void fit(JFreeChart chart, ImageSize size) {
        Ticks.fit(chart.getPlot(), size);
    }

    /** The x axis of a line, area or scatter chart: dates in UTC, or plain numbers. */
    static ValueAxis xAxis(XScale scale, String label) {
        if (scale.temporal()) {
            DateAxis axis = new DateAxis(label, TimeZone.getTimeZone("UTC"), Locale.US);
            axis.setStandardTickUnits(Ticks.isoDates());
            return quiet(axis);
        }
        NumberAxis axis = numberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        if (scale == XScale.YEAR) {
            axis.setNumberFormatOverride(wholeNumbers());
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.US));
        }
        return axis;
    }

    /** "2024": years read without a thousands separator. */
    static NumberFormat wholeNumbers() {
        return new DecimalFormat("0", US);
    }

    static NumberAxis numberAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(numbers());
        return quiet(axis);
    }

    /** "1,234.5": grouping and a point, as {@link Numbers#format}. */
    static NumberFormat numbers() {
        return new DecimalFormat("#,##0.######", US);
    }

    static NumberFormat percent() {
        return new DecimalFormat("0.#%", US);
    }

    /** Axis lines and tick marks in the grid's colour: the data, not the frame, should catch the eye. */
    private static <A extends ValueAxis> A quiet(A axis) {
        axis.setAxisLinePaint(GRID);
        axis.setTickMarkPaint(GRID);
        return axis;
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("dataclips", false);
        theme.setExtraLargeFont(Fonts.bold(16));
        theme.setLargeFont(Fonts.bold(13));
        theme.setRegularFont(Fonts.plain(12));
        theme.setSmallFont(Fonts.plain(11));
        theme.setBarPainter(new StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setShadowVisible(false);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisOffset(RectangleInsets.ZERO_INSETS);
        theme.setAxisLabelPaint(MUTED);
        theme.setTickLabelPaint(MUTED);
        theme.setTitlePaint(TEXT);
        theme.setSubtitlePaint(MUTED);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setLegendItemPaint(TEXT);
        theme.setItemLabelPaint(TEXT);
        theme.setLabelLinkPaint(MUTED);
        theme.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE, PALETTE, new Paint[] {Color.WHITE},
                new Stroke[] {new BasicStroke(2f)}, new Stroke[] {new BasicStroke(1f)},
                new Shape[] {new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6)}));
        return theme;
    }
}
