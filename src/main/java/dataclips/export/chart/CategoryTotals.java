package dataclips.export.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-category sums of each series, in a map that stays bounded for a million distinct categories. When it
 * holds {@value #CAPACITY} categories, the half with the smallest totals (by magnitude: a large loss matters
 * as much as a large gain) is summed into "the rest" and forgotten.
 * <p>
 * Exact when each category arrives in one run of rows (a GROUP BY result, sorted or not: a category's total is
 * final when it is pushed out, and a top category is never pushed out while {@value #CAPACITY}/2 ≥ the top N;
 * the category being summed is never pushed out, so rows sorted by category are exact too). Approximate only
 * when a category comes back after it was pushed out: its earlier rows stay in "the rest", and it is counted
 * twice in {@link #distinct}.
 */
final class CategoryTotals {
    static final int CAPACITY = 4000;
    /** The largest first, ties to the first seen: the order the top N is picked in, eviction its reverse. */
    private static final Comparator<Entry> LARGEST_FIRST = Comparator.comparingDouble((Entry e) -> -e.magnitude)
            .thenComparingLong(e -> e.order);
    private final int seriesCount;
    private final Map<String, Entry> entries = new HashMap<>();
    private final double[] rest;
    private long distinct;
    private Entry last;

    CategoryTotals(int seriesCount) {
        this.seriesCount = seriesCount;
        this.rest = new double[seriesCount];
    }

    /** One category's sums; order is when it was first seen, so the chart keeps the query's ORDER BY. */
    static final class Entry {
        final String key;
        final long order;
        final double[] sums;
        double magnitude;

        Entry(String key, long order, int seriesCount) {
            this.key = key;
            this.order = order;
            this.sums = new double[seriesCount];
        }
    }

    void add(String category, int series, double value) {
        Entry entry = last != null && last.key.equals(category) ? last : entries.get(category);
        if (entry == null) {
            if (entries.size() >= CAPACITY) {
                evictSmallerHalf();
            }
            entry = new Entry(category, distinct++, seriesCount);
            entries.put(category, entry);
        }
        entry.sums[series] += value;
        entry.magnitude += Math.abs(value);
        last = entry;
    }

    /** How many categories were seen (see the class comment for when this overcounts). */
    long distinct() {
        return distinct;
    }

    /** The n largest categories, in the order they first came. */
    List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort(LARGEST_FIRST);
        List<Entry> top = new ArrayList<>(all.subList(0, Math.min(n, all.size())));
        top.sort(Comparator.comparingLong(e -> e.order));
        return top;
    }

    /** Per series, the sum of every category not in top. */
    double[] restBesides(List<Entry> top) {
        double[] sums = rest.clone();
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparingLong(e -> e.order)); // a fixed order: double sums depend on it
        for (Entry entry : all) {
            if (!top.contains(entry)) {
                for (int s = 0; s < seriesCount; s++) {
                    sums[s] += entry.sums[s];
                }
            }
        }
        return sums;
    }

    private void evictSmallerHalf() {
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort(LARGEST_FIRST);
        for (Entry entry : all.subList(CAPACITY / 2, all.size())) {
            if (entry != last) {
                entries.remove(entry.key);
                for (int s = 0; s < seriesCount; s++) {
                    rest[s] += entry.sums[s];
                }
            }
        }
    }
}
