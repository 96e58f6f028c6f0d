package dataclips.export.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.PieSectionEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.svg.SVGHints;

/**
 * Hover values in an SVG: after JFreeChart has drawn, each data item's hot spot (which JFreeChart records as
 * an entity) is drawn again as an invisible shape in a group with an SVG {@code <title>}, which browsers show
 * on hover ("2024-01-03: revenue = 1,234.5"). At most {@value #MOST} items, spread evenly, keep a big chart's
 * file small.
 */
final class HoverTitles {
    static final int MOST = 2000;
    private static final Color INVISIBLE = new Color(0, 0, 0, 0);

    private HoverTitles() {}

    static void draw(Graphics2D g2, EntityCollection entities, XScale x) {
        List<ChartEntity> items = new ArrayList<>();
        for (Object each : entities.getEntities()) {
            ChartEntity entity = (ChartEntity) each;
            if (text(entity, x) != null) {
                items.add(entity);
            }
        }
        int step = (items.size() + MOST - 1) / MOST;
        g2.setClip(null);
        g2.setPaint(INVISIBLE);
        for (int i = 0; i < items.size(); i += Math.max(1, step)) {
            ChartEntity item = items.get(i);
            titled(g2, item.getArea(), Labels.clean(text(item, x), Labels.LONG));
        }
    }

    private static void titled(Graphics2D g2, Shape area, String title) {
        g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, null);
        g2.setRenderingHint(SVGHints.KEY_ELEMENT_TITLE, title);
        g2.fill(area);
        g2.setRenderingHint(SVGHints.KEY_END_GROUP, null);
    }

    /** What the item shows on hover; null for entities that are not data (axes, legend, the plot). */
    private static String text(ChartEntity entity, XScale x) {
        if (entity instanceof XYItemEntity item) {
            var data = item.getDataset();
            int s = item.getSeriesIndex();
            return x.format(data.getXValue(s, item.getItem())) + ": " + data.getSeriesKey(s) + " = "
                    + Numbers.format(data.getYValue(s, item.getItem()));
        }
        if (entity instanceof CategoryItemEntity item) {
            Number value = item.getDataset().getValue(item.getRowKey(), item.getColumnKey());
            return item.getColumnKey() + ": " + item.getRowKey() + " = " + (value == null ? "" : Numbers.format(value.doubleValue()));
        }
        if (entity instanceof PieSectionEntity slice) {
            Number value = slice.getDataset().getValue(slice.getSectionKey());
            return slice.getSectionKey() + " = " + (value == null ? "" : Numbers.format(value.doubleValue()));
        }
        return null;
    }
}
