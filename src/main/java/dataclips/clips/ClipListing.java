package dataclips.clips;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One page of a clip list: its clips, how many match in all, what was asked, and asOf, the instant it was read
 * (what "expired" and "3 min ago" are measured against).
 */
public record ClipListing(List<Item> items, long total, ClipQuery query, Instant asOf) {

    /**
     * A clip as lists show it: lastRunAt is the start of its latest run (null: never run); example: one of the
     * clips the first embedded start made.
     */
    public record Item(Clip clip, OffsetDateTime lastRunAt, boolean linkExpired, boolean example) {}

    /** The position of the page's first clip, counted from 1 (0 when the page is empty). */
    public long first() {
        return items.isEmpty() ? 0 : query.offset() + 1;
    }

    public long last() {
        return query.offset() + items.size();
    }

    public boolean hasNewer() {
        return query.page() > 1;
    }

    public boolean hasOlder() {
        return query.offset() + items.size() < total;
    }

    /** How many pages the matching clips fill (at least 1). */
    public long pages() {
        return Math.max(1, (total + query.pageSize() - 1) / query.pageSize());
    }
}
