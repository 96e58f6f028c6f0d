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

    /** The four points M4 keeps of one bucket. */
    private static final class Bucket {
        private double firstX, firstY, lastX, lastY, lowX, lowY, highX, highY;

        Bucket(double x, double y) {
            firstX = lastX = lowX = highX = x;
            firstY = lastY = lowY = highY = y;
        }

        void add(double x, double y) {
            if (x < firstX) {
                firstX = x;
                firstY = y;
            }
            if (x > lastX) {
                lastX = x;
                lastY = y;
            }
            if (y < lowY) {
                lowX = x;
                lowY = y;
            }
            if (y > highY) {
                highX = x;
                highY = y;
            }
        }

        static Bucket merge(Bucket a, Bucket b) {
            a.add(b.firstX, b.firstY);
            a.add(b.lastX, b.lastY);
            a.add(b.lowX, b.lowY);
            a.add(b.highX, b.highY);
            return a;
        }

        /** The distinct points in x order. */
        List<double[]> points() {
            List<double[]> points = new ArrayList<>(4);
            double[][] all = {{firstX, firstY}, {lowX, lowY}, {highX, highY}, {lastX, lastY}};
            if (lowX > highX) {
                all = new double[][] {{firstX, firstY}, {highX, highY}, {lowX, lowY}, {lastX, lastY}};
            }
            for (double[] point : all) {
                double[] previous = points.isEmpty() ? null : points.get(points.size() - 1);
                if (previous == null || previous[0] != point[0] || previous[1] != point[1]) {
                    points.add(point);
                }
            }
            return points;
        }
    }
}
