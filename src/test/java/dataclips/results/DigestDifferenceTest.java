package dataclips.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multiset difference of digests, worked out in place, against a plain count per digest. */
class DigestDifferenceTest {
    @Test
    void countsEachExtraCopyOnce() {
        DigestDifference d = DigestDifference.of(new long[] {5, 1, 2, 2, 9}, new long[] {2, 1, 2, 2, 7, 7, -3});
        assertEquals(2, d.removed().count(), "5 and 9");
        assertEquals(4, d.added().count(), "one more 2, two 7s, -3");
        assertTrue(d.removed().take(5));
        assertFalse(d.removed().take(5), "5 was removed once");
        assertFalse(d.removed().take(1), "1 is on both sides");
        assertTrue(d.added().take(7));
        assertTrue(d.added().take(7));
        assertFalse(d.added().take(7));
        assertTrue(d.added().take(2));
        assertFalse(d.added().take(2));
        assertTrue(d.added().take(-3));
    }

    @Test
    void identicalSidesAndEmptySides() {
        DigestDifference same = DigestDifference.of(new long[] {3, 1, 2}, new long[] {2, 3, 1});
        assertEquals(0, same.removed().count());
        assertEquals(0, same.added().count());
        DigestDifference fromNothing = DigestDifference.of(new long[0], new long[] {4, 4});
        assertEquals(0, fromNothing.removed().count());
        assertEquals(2, fromNothing.added().count());
        assertEquals(1, DigestDifference.of(new long[] {Long.MIN_VALUE}, new long[] {Long.MAX_VALUE}).removed().count());
    }

    @Test
    void agreesWithCountingOnRandomMultisets() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            long[] from = random.longs(random.nextInt(300), 0, 40).toArray();
            long[] to = random.longs(random.nextInt(300), 0, 40).toArray();
            Map<Long, Integer> balance = new HashMap<>();
            Arrays.stream(from).forEach(v -> balance.merge(v, 1, Integer::sum));
            Arrays.stream(to).forEach(v -> balance.merge(v, -1, Integer::sum));
            DigestDifference d = DigestDifference.of(from, to);
            long removed = 0;
            long added = 0;
            for (Map.Entry<Long, Integer> e : balance.entrySet()) {
                int extra = e.getValue();
                removed += Math.max(0, extra);
                added += Math.max(0, -extra);
                for (int k = 0; k < Math.abs(extra); k++) {
                    assertTrue((extra > 0 ? d.removed() : d.added()).take(e.getKey()));
                }
                assertFalse(d.removed().take(e.getKey()));
                assertFalse(d.added().take(e.getKey()));
            }
            assertEquals(removed, d.removed().count());
            assertEquals(added, d.added().count());
        }
    }
}
