package dataclips.results;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The multiset difference of two snapshots' row digests: which rows of "from" the "to" side does not have
 * (removed) and the other way round (added). A row twice in "to" and once in "from" is added once.
 * It works in place: both arrays are sorted, then each is overwritten from the start with its own unmatched
 * digests (a side never writes past what it has read), so no memory is needed beyond the two arrays.
 */
final class DigestDifference {
    private final Unmatched removed;
    private final Unmatched added;

    private DigestDifference(Unmatched removed, Unmatched added) {
        this.removed = removed;
        this.added = added;
    }

    /** Sorts and then overwrites both arrays: the caller hands them over. */
    static DigestDifference of(long[] from, long[] to) {
        Arrays.sort(from);
        Arrays.sort(to);
        int i = 0;
        int j = 0;
        int removedSize = 0;
        int addedSize = 0;
        while (i < from.length || j < to.length) {
            long digest = j == to.length || (i < from.length && from[i] <= to[j]) ? from[i] : to[j];
            int inFrom = run(from, i, digest);
            int inTo = run(to, j, digest);
            i += inFrom;
            j += inTo;
            // Runs are read before they are overwritten, and the write index never passes the read index.
            for (int k = inTo; k < inFrom; k++) {
                from[removedSize++] = digest;
            }
            for (int k = inFrom; k < inTo; k++) {
                to[addedSize++] = digest;
            }
        }
        return new DigestDifference(new Unmatched(from, removedSize), new Unmatched(to, addedSize));
    }

    /** Rows of "from" that "to" does not have. */
    Unmatched removed() {
        return removed;
    }

    /** Rows of "to" that "from" does not have. */
    Unmatched added() {
        return added;
    }

    /** How many times the digest repeats from index start on (0 when it is not there). */
    private static int run(long[] sorted, int start, long digest) {
        int end = start;
        while (end < sorted.length && sorted[end] == digest) {
            end++;
        }
        return end - start;
    }

    /** One side's unmatched digests, sorted, each as often as it is unmatched; rows are taken against them. */
    static final class Unmatched {
        private final long[] digests;
        private final int size;
        /** Per digest, how many rows were taken: only as many entries as rows shown, never one per row. */
        private final Map<Long, Integer> taken = new HashMap<>();

        Unmatched(long[] digests, int size) {
            this.digests = digests;
            this.size = size;
        }

        /** The exact number of unmatched rows on this side. */
        long count() {
            return size;
        }

        /** True, and counted, when a row with this digest is one of the unmatched ones not taken yet. */
        boolean take(long digest) {
            int first = bound(digest, false);
            int multiplicity = bound(digest, true) - first;
            int used = taken.getOrDefault(digest, 0);
            if (used >= multiplicity) {
                return false;
            }
            taken.put(digest, used + 1);
            return true;
        }

        /** The first index holding a digest at least (or, with after, greater than) the given one. */
        private int bound(long digest, boolean after) {
            int low = 0;
            int high = size;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (digests[mid] < digest || (after && digests[mid] == digest)) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
