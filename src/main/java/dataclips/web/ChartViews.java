package dataclips.web;

import dataclips.export.Column;
import dataclips.export.chart.ChartPlan;
import dataclips.export.chart.ChartSpec;
import dataclips.export.chart.ChartType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a page shows of a chart: the image (an SVG object, so its hover titles work) above the table, or, when
 * the result cannot be charted, the reason (for the clip's owner only: others simply see no chart). The image
 * is the same URL anyone can embed; the page draws nothing itself.
 */
final class ChartViews {
    /** src: the SVG's URL; reason: why there is no chart, else null; png: the PNG's URL, for the link beside it. */
    record ChartView(String src, String png, boolean shown, String reason) {}

    /** The settings form: the current values, the chart types and the columns of the newest result to pick from. */
    record ChartForm(String type, String x, String y, String seriesBy, String title, String xLabel, String yLabel,
                     List<String> types, List<String> columns) {}

    private ChartViews() {}

    /**
     * base: the clip's or snapshot's URL without extension; query: its parameter values ("?region=north" or "");
     * columns: the result the chart draws, if one is stored; owner: whether the viewer may change the chart (and
     * so is told why there is none).
     */
    static Map<String, Object> model(String base, String query, ChartSpec chart, Optional<List<Column>> columns,
                                     boolean owner) {
        Optional<String> reason = columns.map(c -> ChartPlan.of(chart, c))
                .filter(ChartPlan.Unchartable.class::isInstance).map(p -> ((ChartPlan.Unchartable) p).reason());
        ChartView view = new ChartView(base + ".svg" + query, base + ".png" + query, reason.isEmpty(),
                reason.filter(r -> owner).orElse(null));
        return Map.of("chart", view);
    }

    /** The owner's settings form, filled with the current setting. */
    static Map<String, Object> form(ChartSpec chart, List<Column> columns) {
        return Map.of("chartForm", new ChartForm(chart.type().wire(), orEmpty(chart.x()), String.join(", ", chart.y()),
                orEmpty(chart.seriesBy()), orEmpty(chart.title()), orEmpty(chart.xLabel()), orEmpty(chart.yLabel()),
                Arrays.stream(ChartType.values()).map(ChartType::wire).toList(),
                columns.stream().map(Column::name).toList()));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
