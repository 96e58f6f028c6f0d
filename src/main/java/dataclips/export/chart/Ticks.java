package dataclips.export.chart;

import java.text.DateFormat;
import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;

/**
 * How many ticks an axis gets: as many as its length allows with room between them (a tick every 100 pixels
 * across, every 50 up), from the image's size, so a 450-pixel PNG is not crowded and a wide page chart is not
 * sparse. JFreeChart still picks the smallest of the allowed units whose labels fit. Dates are ISO: 2024-01-31,
 * 2024-01, 2024, 2024-01-31 06:00.
 */
final class Ticks {
    private static final int ACROSS = 100;
    private static final int UP = 50;
    /** Roughly what titles, legends, captions and tick labels leave of the image for the plot. */
    private static final int MARGIN_ACROSS = 120;
    private static final int MARGIN_UP = 130;

    private Ticks() {}

    static void fit(Plot plot, ImageSize size) {
        int across = Math.max(ACROSS, size.width() - MARGIN_ACROSS) / ACROSS;
        int up = Math.max(UP, size.height() - MARGIN_UP) / UP;
        if (plot instanceof XYPlot xy) {
            limit(xy.getDomainAxis(), xy.getOrientation() == PlotOrientation.VERTICAL ? across : up);
            limit(xy.getRangeAxis(), xy.getOrientation() == PlotOrientation.VERTICAL ? up : across);
        } else if (plot instanceof CategoryPlot category) {
            limit(category.getRangeAxis(), category.getOrientation() == PlotOrientation.VERTICAL ? up : across);
        }
    }

    /** The ISO date and time units a date axis may use, smallest first. */
    static TickUnits isoDates() {
        TickUnits units = new TickUnits();
        add(units, DateTickUnitType.SECOND, "HH:mm:ss", 1, 5, 10, 30);
        add(units, DateTickUnitType.MINUTE, "HH:mm", 1, 5, 10, 15, 30);
        add(units, DateTickUnitType.HOUR, "yyyy-MM-dd HH:mm", 1, 2, 3, 6, 12);
        add(units, DateTickUnitType.DAY, "yyyy-MM-dd", 1, 2, 7, 14);
        add(units, DateTickUnitType.MONTH, "yyyy-MM", 1, 2, 3, 6);
        add(units, DateTickUnitType.YEAR, "yyyy", 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000);
        return units;
    }

    /** At most about `ticks` ticks over the axis's range: the units smaller than range/ticks are taken away. */
    private static void limit(ValueAxis axis, int ticks) {
        double smallest = axis.getRange().getLength() / Math.max(2, ticks);
        if (axis instanceof DateAxis dates) {
            dates.setStandardTickUnits(atLeast(isoDates(), smallest));
        } else if (axis instanceof NumberAxis numbers) {
            numbers.setStandardTickUnits(atLeast(numberUnits(), smallest));
        }
    }

    /** 1, 2 and 5 times the powers of ten, from a millionth to a quadrillion, in the charts' number format. */
    private static TickUnits numberUnits() {
        TickUnits units = new TickUnits();
        for (int power = -6; power <= 15; power++) {
            for (int step : new int[] {1, 2, 5}) {
                units.add(new NumberTickUnit(step * Math.pow(10, power), ChartLook.numbers()));
            }
        }
        return units;
    }

    /** The units of source no smaller than size; the largest one when all are smaller. */
    private static TickUnits atLeast(TickUnits all, double size) {
        TickUnits kept = new TickUnits();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).getSize() >= size) {
                kept.add(all.get(i));
            }
        }
        if (kept.size() == 0) {
            kept.add(all.get(all.size() - 1));
        }
        return kept;
    }

    private static void add(TickUnits units, DateTickUnitType type, String pattern, int... multiples) {
        for (int n : multiples) {
            units.add(new DateTickUnit(type, n, iso(pattern)));
        }
    }

    private static DateFormat iso(String pattern) {
        SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.US);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format;
    }
}
