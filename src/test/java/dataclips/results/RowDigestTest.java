package dataclips.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The row digest: standard SipHash-2-4 underneath, and an encoding where NULL, '' and 'NULL' and column cuts differ. */
class RowDigestTest {
    /** The reference key 00 01 … 0f of the SipHash paper. */
    private final RowDigest reference = new RowDigest(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

    @Test
    void isSipHash24OnTheReferenceVectors() {
        assertEquals(0x726fdb47dd0e0e31L, reference.ofWords());
        assertEquals(0x93f5f5799a932462L, reference.ofWords(0x0706050403020100L));
        assertEquals(0x3f2acc7f57c29bdbL, reference.ofWords(0x0706050403020100L, 0x0f0e0d0c0b0a0908L));
        assertEquals(0xb8ad50c6f649af94L, reference.ofWords(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 0x1716151413121110L));
    }

    @Test
    void nullEmptyAndTheTextNullAreThreeDifferentValues() {
        long nul = reference.of(new String[] {null});
        long empty = reference.of(new String[] {""});
        long text = reference.of(new String[] {"NULL"});
        assertEquals(3, Set.of(nul, empty, text).size());
        assertEquals(nul, reference.of(new String[] {null}), "the same row, the same digest");
    }

    @Test
    void columnBoundariesAndPaddingCannotBeConfused() {
        List<String[]> rows = List.of(new String[] {"ab", "c"}, new String[] {"a", "bc"}, new String[] {"abc", ""},
                new String[] {"", "abc"}, new String[] {"abc", null}, new String[] {null, "abc"},
                new String[] {"abcd", ""}, new String[] {"abcd\u0000", ""}, new String[] {"abc\u0000", ""},
                new String[] {"\uffff\uffff\uffff\uffff", ""}, new String[] {"", ""}, new String[] {null, null},
                new String[] {"", null}, new String[] {null, ""});
        Set<Long> digests = new HashSet<>();
        rows.forEach(r -> digests.add(reference.of(r)));
        assertEquals(rows.size(), digests.size());
    }

    @Test
    void aFreshKeyGivesOtherDigests() {
        String[] row = {"1", "Ada", null};
        assertNotEquals(RowDigest.withRandomKey().of(row), RowDigest.withRandomKey().of(row));
        assertNotEquals(reference.of(row), new RowDigest(1, 2).of(row));
    }

    @Test
    void manyDistinctRowsDoNotCollide() {
        RowDigest digest = RowDigest.withRandomKey();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            seen.add(digest.of(new String[] {Integer.toString(i), i % 3 == 0 ? null : "x"}));
        }
        assertEquals(200_000, seen.size());
    }
}
