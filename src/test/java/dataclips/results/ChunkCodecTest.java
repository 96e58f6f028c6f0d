package dataclips.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Chunks round-trip through zstd, chunks stored with deflate before still read back, and damage is a CorruptResult. */
class ChunkCodecTest {
    private static final byte[] ROWS = "1,a\n2,b\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);

    @Test
    void zstdRoundTripsAndStoresLess() {
        byte[] padded = Arrays.copyOf(ROWS, ROWS.length + 100); // encode takes the first size bytes only
        byte[] stored = ChunkCodec.encode(padded, ROWS.length);
        assertEquals(0x28, stored[0], "a zstd frame");
        assertTrue(stored.length < ROWS.length / 10, "compressed: " + stored.length);
        assertArrayEquals(ROWS, ChunkCodec.decode(stored, "chunk"));
        assertArrayEquals(new byte[0], ChunkCodec.decode(ChunkCodec.encode(new byte[0], 0), "empty chunk"));
    }

    @Test
    void aChunkDeflatedByAnEarlierVersionStillReadsBack() throws Exception {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(ROWS);
        }
        assertEquals(0x78, deflated.toByteArray()[0]);
        assertArrayEquals(ROWS, ChunkCodec.decode(deflated.toByteArray(), "old chunk"));
    }

    @Test
    void damageIsACorruptResultNeverWrongRows() {
        byte[] stored = ChunkCodec.encode(ROWS, ROWS.length);
        assertThrows(CorruptResult.class, () -> ChunkCodec.decode(Arrays.copyOf(stored, stored.length / 2), "cut"));
        assertThrows(CorruptResult.class, () -> ChunkCodec.decode(new byte[] {1, 2, 3}, "unknown"));
        assertThrows(CorruptResult.class, () -> ChunkCodec.decode(new byte[] {0x78, 1, 2}, "bad zlib"));
    }
}
