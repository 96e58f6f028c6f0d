package dataclips.export.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.data.xy.XYSeries;

/**
 * One line's points in bounded memory, however many rows arrive. Up to {@value #EXACT} points are kept as
 * they are; past that, x is cut into at most {@value #MAX_BUCKETS} equal buckets and each keeps four points
 * (M4: the first and last by x, the lowest and highest by y), which draw the same pixels as every point would
 * at chart widths. The x range is not known in advance, so when a point falls outside the buckets' reach the
 * bucket width doubles and neighbours merge; merging M4 buckets is exact, so order of arrival does not matter.
 */
final class Downsample {
    static final int EXACT = 2000;
    static final int MAX_BUCKETS = 500;
    private double[] xs = new double[64];
    private double[] ys = new double[64];
    private int exact;
    private TreeMap<Long, Bucket> buckets;
    private double origin;
    private double width;
    private Bucket recent;
    private long recentKey;

    /** Takes a point; false (and nothing kept) when x is too far from the others to bucket. */
    boolean add(double x, double y) {
        if (buckets == null) {
            keepExact(x, y);
            return true;
        }
        double at = (x - origin) / width;
        if (!Double.isFinite(at)) {
            return false;
        }
        while (span(at) >= MAX_BUCKETS) {
            doubleWidth();
            at = (x - origin) / width;
        }
        long key = (long) Math.floor(at);
        if (recent == null || key != recentKey) { // rows usually come in x order: mostly the same bucket again
            recent = buckets.computeIfAbsent(key, k -> new Bucket(x, y));
            recentKey = key;
        }
        recent.add(x, y);
        return true;
    }

    /** The points to draw, into the series (which sorts them by x). */
    void addTo(XYSeries series) {
        if (buckets == null) {
            for (int i = 0; i < exact; i++) {
                series.add(xs[i], ys[i], false);
            }
            return;
        }
        for (Bucket bucket : buckets.values()) {
            for (double[] point : bucket.points()) {
                series.add(point[0], point[1], false);
            }
        }
    }

    private void keepExact(double x, double y) {
        if (exact == xs.length) {
            if (exact == EXACT) {
                startBuckets();
                add(x, y);
                return;
            }
            xs = Arrays.copyOf(xs, Math.min(EXACT, exact * 2));
            ys = Arrays.copyOf(ys, xs.length);
        }
        xs[exact] = x;
        ys[exact++] = y;
    }

    /** Buckets sized so the exact points fill half of them, leaving room to grow before the first merge. */
    private void startBuckets() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < exact; i++) {
            min = Math.min(min, xs[i]);
            max = Math.max(max, xs[i]);
        }
        origin = min;
        double span = max - min;
        width = span > 0 && Double.isFinite(span) ? span / (MAX_BUCKETS / 2.0) : 1;
        buckets = new TreeMap<>();
        double[] oldX = xs;
        double[] oldY = ys;
        int count = exact;
        xs = null;
        ys = null;
        for (int i = 0; i < count; i++) {
            add(oldX[i], oldY[i]);
        }
    }

    /** How many buckets the range would cover with a point at this position. */
    private double span(double at) {
        if (buckets.isEmpty()) {
            return 0;
        }
        double low = Math.min(Math.floor(at), buckets.firstKey());
        double high = Math.max(Math.floor(at), buckets.lastKey());
        return high - low + 1;
    }

    private void doubleWidth() {
        TreeMap<Long, Bucket> merged = new TreeMap<>();
        for (Map.Entry<Long, Bucket> entry : buckets.entrySet()) {
            merged.merge(Math.floorDiv(entry.getKey(), 2L), entry.getValue(), Bucket::merge);
        }
        buckets = merged;
        width *= 2;
        recent = null;
    }

    /** One kept point. */
    private record Point(double x, double y) {}

    /** The four points M4 keeps of one bucket. */
    private static final class Bucket {
        private Point first, last, low, high;

        Bucket(double x, double y) {
            first = last = low = high = new Point(x, y);
        }

        void add(double x, double y) {
            add(new Point(x, y));
        }

        private void add(Point point) {
            first = point.x() < first.x() ? point : first;
            last = point.x() > last.x() ? point : last;
            low = point.y() < low.y() ? point : low;
            high = point.y() > high.y() ? point : high;
        }

        static Bucket merge(Bucket a, Bucket b) {
            for (Point point : List.of(b.first, b.last, b.low, b.high)) {
                a.add(point);
            }
            return a;
        }

        /** The distinct points in x order. */
        List<double[]> points() {
            List<Point> ordered = low.x() > high.x() ? List.of(first, high, low, last) : List.of(first, low, high, last);
            List<double[]> points = new ArrayList<>(4);
            Point previous = null;
            for (Point point : ordered) {
                if (!point.equals(previous)) {
                    points.add(new double[] {point.x(), point.y()});
                }
                previous = point;
            }
            return points;
        }
    }
}
