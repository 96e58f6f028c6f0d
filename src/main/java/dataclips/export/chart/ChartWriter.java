package dataclips.export.chart;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.VerticalAlignment;

/**
 * A result as a chart image (SVG or PNG). The plan is made from the columns; rows are summarised as they
 * stream, in bounded memory ({@link Accumulator}); nothing is written until {@link #finish}, which draws with
 * JFreeChart. A result that cannot be charted still gives an image of the requested size saying why.
 * Identical input gives identical bytes, so images can be cached and compared.
 */
public final class ChartWriter implements ResultWriter {
    private static final int CAPTION_LINES = 3;
    private final OutputStream out;
    private final ImageFormat format;
    private final ChartSpec spec;
    private final ImageSize size;
    private final Notes notes = new Notes();
    private ResultInfo info;
    private List<Column> columns;
    private ChartPlan plan;
    private Accumulator accumulator;
    private long rows;

    /** Throws {@link ChartFontsMissing} at once when this JVM cannot draw text. */
    public ChartWriter(OutputStream out, ImageFormat format, ChartSpec spec, ImageSize size) {
        Fonts.require();
        this.out = Objects.requireNonNull(out);
        this.format = Objects.requireNonNull(format);
        this.spec = Objects.requireNonNull(spec);
        this.size = Objects.requireNonNull(size);
    }

    /**
     * Throws {@link ChartFontsMissing} when this JVM cannot draw text: for a caller that answers before it has
     * a result to draw (a download checks before anything runs or is sent).
     */
    public static void requireFonts() {
        Fonts.require();
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) {
        this.columns = List.copyOf(columns);
        this.info = info;
        this.plan = ChartPlan.of(spec, this.columns);
        if (plan instanceof ChartPlan.Drawn drawn) {
            accumulator = Accumulator.of(drawn, this.columns, notes);
            noteNumbersLeftOut(drawn);
        }
    }

    @Override
    public boolean row(String[] values) {
        rows++;
        if (accumulator != null) {
            accumulator.add(values);
        }
        return true;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        JFreeChart chart = plan instanceof ChartPlan.Drawn drawn ? accumulator.chart(labels(drawn))
                : JFreeCharts.message("No chart: " + Labels.clean(((ChartPlan.Unchartable) plan).reason(), Labels.LONG),
                        Fonts.plain(15));
        if (truncated) {
            notes.add("only the first " + Numbers.count(rows) + (rows == 1 ? " row" : " rows"));
        }
        titles(chart);
        if (format == ImageFormat.SVG) {
            SvgOut.write(chart, size, xScale(), out);
        } else {
            PngOut.write(chart, size, out);
        }
    }

    @Override
    public boolean readsEveryRow() {
        return true;
    }

    @Override
    public void abort() {
        accumulator = null; // nothing outside the heap is held; let the summary go early
    }

    private void titles(JFreeChart chart) {
        String title = Labels.clean(spec.title() != null ? spec.title() : info.title(), Labels.LONG);
        if (!title.isEmpty()) {
            chart.setTitle(new TextTitle(title, Fonts.bold(16)));
            chart.getTitle().setPaint(ChartLook.TEXT);
        }
        String caption = Caption.of(info, notes.all());
        if (!caption.isEmpty()) {
            TextTitle line = new TextTitle(caption, Fonts.plain(11), ChartLook.TEXT, RectangleEdge.BOTTOM,
                    HorizontalAlignment.CENTER, VerticalAlignment.CENTER, new RectangleInsets(4, 4, 2, 4));
            line.setMaximumLinesToDisplay(CAPTION_LINES);
            chart.addSubtitle(0, line); // first is outermost: the caption goes under the legend and figure name
        }
    }

    /** The owner's labels, else the column names; a y label only when there is one y column. */
    private Accumulator.AxisLabels labels(ChartPlan.Drawn drawn) {
        String x = drawn.spec().xLabel() != null ? drawn.spec().xLabel()
                : drawn.x() < 0 ? null : columns.get(drawn.x()).name();
        String y = drawn.spec().yLabel() != null ? drawn.spec().yLabel()
                : drawn.y().size() == 1 ? columns.get(drawn.y().get(0)).name() : null;
        return new Accumulator.AxisLabels(x == null ? null : Labels.clean(x, Labels.SHORT),
                y == null ? null : Labels.clean(y, Labels.SHORT));
    }

    private XScale xScale() {
        return plan instanceof ChartPlan.Drawn drawn && drawn.x() >= 0 ? XScale.of(columns.get(drawn.x()).kind())
                : XScale.NUMBER;
    }

    /** AUTO draws at most {@value ChartSpec#MAX_Y} number columns; the caption says when there were more. */
    private void noteNumbersLeftOut(ChartPlan.Drawn drawn) {
        long numbers = columns.stream().filter(c -> c.kind().isNumeric()).count();
        long used = drawn.y().size() + (drawn.x() >= 0 && columns.get(drawn.x()).kind().isNumeric() ? 1 : 0);
        if (drawn.automatic() && numbers > used && numbers > ChartSpec.MAX_Y) {
            notes.add("only the first " + ChartSpec.MAX_Y + " number columns drawn");
        }
    }
}
