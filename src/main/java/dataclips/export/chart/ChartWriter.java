package dataclips.export.chart;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.VerticalAlignment;

/**
 * A result as a chart image (SVG or PNG). The plans are made from the columns (two when the rows may yet decide
 * between them: {@link ChartPlan#candidates}); rows are summarised as they stream, in bounded memory
 * ({@link Accumulator}); nothing is written until {@link #finish}, which draws with JFreeChart. A result that gets
 * no chart (no rows, nothing to measure, the owner's setting does not fit) writes nothing: {@link #missing} says
 * why, and the caller answers that instead of an image. Identical input gives identical bytes, so images can be
 * cached and compared.
 */
public final class ChartWriter implements ResultWriter {
    private static final int CAPTION_LINES = 3;
    private final OutputStream out;
    private final ImageFormat format;
    private final ChartSpec spec;
    private final ImageSize size;
    private final LeadingKey leading = new LeadingKey();
    private final Map<ChartPlan, Drafted> drafts = new LinkedHashMap<>();
    private ResultInfo info;
    private List<Column> columns;
    private long rows;
    private String missing;

    /** One candidate plan's summary of the rows and the notes its caption would carry. */
    private record Drafted(Accumulator accumulator, Notes notes) {}

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
        for (ChartPlan plan : ChartPlan.candidates(spec, this.columns)) {
            if (plan instanceof ChartPlan.Drawn drawn) {
                Notes notes = new Notes();
                drafts.put(plan, new Drafted(Accumulator.of(drawn, this.columns, notes), notes));
            }
        }
    }

    @Override
    public boolean row(String[] values) {
        rows++;
        leading.add(values.length == 0 ? null : values[0]);
        for (Drafted draft : drafts.values()) {
            draft.accumulator().add(values);
        }
        return true;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        ChartPlan plan = ChartPlan.of(spec, columns, rows, leading.distinct());
        if (plan instanceof ChartPlan.Unchartable none) {
            missing = none.reason();
            return;
        }
        ChartPlan.Drawn drawn = (ChartPlan.Drawn) plan;
        Drafted draft = drafts.get(plan);
        JFreeChart chart = draft.accumulator().chart(labels(drawn));
        noteNumbersLeftOut(drawn, draft.notes());
        if (truncated) {
            draft.notes().add("only the first " + Numbers.count(rows) + (rows == 1 ? " row" : " rows"));
        }
        titles(chart, draft.notes());
        ChartLook.fit(chart, size);
        if (format == ImageFormat.SVG) {
            SvgOut.write(chart, size, xScale(drawn), out);
        } else {
            PngOut.write(chart, size, out);
        }
    }

    /** After {@link #finish}: why nothing was drawn (the result gets no chart), or empty when the image was written. */
    public Optional<String> missing() {
        return Optional.ofNullable(missing);
    }

    @Override
    public boolean readsEveryRow() {
        return true;
    }

    @Override
    public void abort() {
        drafts.clear(); // nothing outside the heap is held; let the summaries go early
    }

    private void titles(JFreeChart chart, Notes notes) {
        String title = Labels.clean(spec.title() != null ? spec.title() : info.title(), Labels.LONG);
        if (!title.isEmpty()) {
            chart.setTitle(new TextTitle(title, Fonts.bold(16)));
            chart.getTitle().setPaint(ChartLook.TEXT);
        }
        String caption = Caption.of(info, notes.all());
        if (!caption.isEmpty()) {
            TextTitle line = new TextTitle(caption, Fonts.plain(11), ChartLook.MUTED, RectangleEdge.BOTTOM,
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

    private XScale xScale(ChartPlan.Drawn drawn) {
        return drawn.x() >= 0 ? XScale.of(columns.get(drawn.x())) : XScale.NUMBER;
    }

    /** AUTO draws at most {@value ChartSpec#MAX_Y} number columns; the caption says when there were more. */
    private void noteNumbersLeftOut(ChartPlan.Drawn drawn, Notes notes) {
        long numbers = columns.stream().filter(c -> c.kind().isNumeric()).count();
        long used = drawn.y().size() + (drawn.x() >= 0 && columns.get(drawn.x()).kind().isNumeric() ? 1 : 0);
        if (drawn.automatic() && numbers > used && numbers > ChartSpec.MAX_Y) {
            notes.add("only the first " + ChartSpec.MAX_Y + " number columns drawn");
        }
    }
}
