package dataclips.web;

import dataclips.clips.Clip;
import dataclips.export.Column;
import dataclips.export.PageTable;
import dataclips.export.chart.ChartPlan;
import dataclips.export.chart.ChartSpec;
import dataclips.export.chart.ChartType;
import dataclips.export.chart.LeadingKey;
import dataclips.serving.Stored;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a page shows of a chart: the image above the table (an SVG object, so its hover titles work; dataclips.js asks
 * for it as wide as the table), or, when the result gets no chart, the reason (for the clip's owner only: others
 * simply see no chart). The image is the same URL anyone can embed; the page draws nothing itself, and asks for no
 * image of a result that has none (a failed run, no rows, a list of rows).
 */
final class ChartViews {
    /**
     * src: the SVG's URL; png: the PNG's (without JavaScript); reason: why there is no chart, told to the owner only
     * (else null); settings: where the owner chooses the chart, or null (a snapshot keeps the one it was taken with).
     */
    record ChartView(String src, String png, boolean shown, String reason, String settings) {}

    /** The settings form: the current values, the chart types and the columns of the newest result to pick from. */
    record ChartForm(String type, String x, String y, String seriesBy, String title, String xLabel, String yLabel,
                     List<String> types, List<String> columns) {}

    private ChartViews() {}

    /**
     * The chart of the result a page's table holds. base: the clip's or snapshot's URL without extension; query: its
     * parameter values ("?region=north" or ""); rows: the result's row count (at least the table's); owner: whether
     * the viewer may change the chart (and so is told why there is none). The table holds the result's first rows,
     * which is all the image's rules read beyond the columns and the count.
     */
    static ChartView of(String base, String query, ChartSpec chart, PageTable table, long rows, boolean owner,
                        String settings) {
        List<String> leading = table.rows().stream()
                .map(row -> row.isEmpty() || row.get(0).isNull() ? null : row.get(0).shown() + row.get(0).rest())
                .toList();
        Optional<String> reason = ChartPlan.missing(chart, table.columns(), rows, LeadingKey.of(leading));
        return new ChartView(base + ".svg" + query, base + ".png" + query, reason.isEmpty(),
                reason.filter(r -> owner).orElse(null), owner ? settings : null);
    }

    /** The owner's settings form, filled with the current setting. */
    static ChartForm form(ChartSpec chart, List<Column> columns) {
        return new ChartForm(chart.type().wire(), orEmpty(chart.x()), String.join(", ", chart.y()),
                orEmpty(chart.seriesBy()), orEmpty(chart.title()), orEmpty(chart.xLabel()), orEmpty(chart.yLabel()),
                Arrays.stream(ChartType.values()).map(ChartType::wire).toList(),
                columns.stream().map(Column::name).toList());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /**
     * The chart a stored result is drawn with: a snapshot's (pinned, scheduled or taken by hand) is the setting
     * of the clip when it was taken, forever; a stored "now" result takes the clip's current setting.
     */
    static ChartSpec chartOf(Clip clip, Stored stored) {
        return stored.result().kind().isSnapshot() ? stored.result().chart() : clip.chart();
    }
}
