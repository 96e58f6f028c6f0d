package dataclips.export.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * What the caption must admit about one chart: values skipped, categories summed as "other", series or points
 * left out. A chart that silently drops data would mislead; each accumulator says here what it did.
 */
final class Notes {
    private final List<String> notes = new ArrayList<>();
    private long skipped;

    /** One NULL, NaN, ±Infinity or unreadable value that could not be drawn. */
    void skipValue() {
        skipped++;
    }

    void add(String note) {
        notes.add(note);
    }

    /** The notes in the order they were made, the skipped values first. */
    List<String> all() {
        List<String> all = new ArrayList<>();
        if (skipped > 0) {
            all.add(Numbers.count(skipped) + (skipped == 1 ? " empty or non-finite value" : " empty or non-finite values")
                    + " skipped");
        }
        all.addAll(notes);
        return all;
    }
}
