package dataclips.results;

import dataclips.export.Column;
import java.util.List;

/**
 * What changed between two snapshots of a clip, by full row: exact counts of removed and added rows, and
 * the first of each (at most {@code shownLimit}, fewer when their values are very long) in the order their
 * snapshot holds them. Values are PostgreSQL's text form, null for SQL NULL.
 */
public record SnapshotComparison(StoredResult from, StoredResult to, List<Column> columns, long removedCount,
                                 long addedCount, List<String[]> removed, List<String[]> added, int shownLimit) {

    /** Removed rows counted but not listed. */
    public long removedNotShown() {
        return removedCount - removed.size();
    }

    /** Added rows counted but not listed. */
    public long addedNotShown() {
        return addedCount - added.size();
    }

    public boolean unchanged() {
        return removedCount == 0 && addedCount == 0;
    }
}
