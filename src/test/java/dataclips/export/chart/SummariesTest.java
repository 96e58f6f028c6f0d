package dataclips.export.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

/** The bounded summaries on their own, with inputs too big or too shuffled to send through a database. */
class SummariesTest {
    @Test
    void downsamplingKeepsFewPointsAndTheExtremes() {
        Downsample line = new Downsample();
        Random random = new Random(1);
        for (int i = 0; i < 1_000_000; i++) {
            double y = i == 654_321 ? 1e9 : i == 123_456 ? -1e9 : random.nextDouble();
            line.add(i, y);
        }
        XYSeries series = new XYSeries("y", true, true);
        line.addTo(series);
        assertTrue(series.getItemCount() <= 4 * Downsample.MAX_BUCKETS, "points kept: " + series.getItemCount());
        assertEquals(1e9, series.getMaxY());
        assertEquals(-1e9, series.getMinY());
        assertEquals(0, series.getMinX());
        assertEquals(999_999, series.getMaxX());
    }

    @Test
    void downsamplingIsExactForFewPointsAndCopesWithOutliers() {
        Downsample line = new Downsample();
        line.add(3, 1);
        line.add(1, 2);
        XYSeries series = new XYSeries("y", true, true);
        line.addTo(series);
        assertEquals(2, series.getItemCount());
        Downsample wild = new Downsample();
        for (int i = 0; i < 5000; i++) {
            wild.add(i == 4000 ? 1e300 : i == 4001 ? -1e300 : i, i);
        }
        XYSeries wide = new XYSeries("y", true, true);
        wild.addTo(wide);
        assertTrue(wide.getItemCount() <= 4 * Downsample.MAX_BUCKETS);
        assertEquals(1e300, wide.getMaxX());
        assertEquals(-1e300, wide.getMinX());
        Downsample extreme = new Downsample();
        for (int i = 0; i <= Downsample.EXACT; i++) {
            assertTrue(extreme.add(i == 0 ? -Double.MAX_VALUE : i, i));
        }
        assertFalse(extreme.add(Double.MAX_VALUE, 0), "an x too far to bucket is refused, not looped on");
    }

    @Test
    void topCategoriesAreExactForAShuffledGroupByResult() {
        List<Integer> keys = new ArrayList<>();
        for (int i = 1; i <= 200_000; i++) {
            keys.add(i);
        }
        Collections.shuffle(keys, new Random(7));
        CategoryTotals totals = new CategoryTotals(1);
        double sum = 0;
        for (int key : keys) {
            totals.add("k" + key, 0, key);
            sum += key;
        }
        List<CategoryTotals.Entry> top = totals.top(20);
        List<String> names = top.stream().map(e -> e.key).sorted().toList();
        List<String> expected = new ArrayList<>();
        for (int i = 199_981; i <= 200_000; i++) {
            expected.add("k" + i);
        }
        assertEquals(expected, names);
        double shown = top.stream().mapToDouble(e -> e.sums[0]).sum();
        assertEquals(sum - shown, totals.restBesides(top)[0], 1e-3);
        assertEquals(200_000, totals.distinct());
    }

    @Test
    void sortedRowsOfOneCategoryAreSummedExactly() {
        CategoryTotals totals = new CategoryTotals(1);
        for (int category = 0; category < 10_000; category++) {
            for (int row = 0; row < 3; row++) {
                totals.add("c" + category, 0, category == 5_000 ? 1_000 : 1);
            }
        }
        assertEquals(3_000, totals.top(1).get(0).sums[0]);
    }
}
