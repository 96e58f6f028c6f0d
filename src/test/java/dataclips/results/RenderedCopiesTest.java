package dataclips.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendered downloads kept on disk: kept only when the download completed, found again after a restart, checked
 * before a byte is sent (a damaged file is removed, never sent), and the least recently used go past the limit.
 */
class RenderedCopiesTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aCompletedDownloadIsKeptAndSentBackByteForByteAfterARestartToo() throws Exception {
        RenderedCopies copies = new RenderedCopies(dir, 1 << 20);
        byte[] body = "id,name\r\n1,a\r\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        OutputStream keeper = copies.keeper("csv", client);
        keeper.write(body);
        keeper.close();
        copies.finish(keeper, Optional.of(A));
        assertArrayEquals(body, client.toByteArray(), "the client got every byte as it was written");
        assertArrayEquals(body, bytes(copies.find(A, "csv").orElseThrow()));
        assertTrue(copies.find(A, "json").isEmpty() && copies.find(B, "csv").isEmpty(), "keyed by checksum and variant");
        assertArrayEquals(body, bytes(new RenderedCopies(dir, 1 << 20).find(A, "csv").orElseThrow()), "after a restart");
    }

    @Test
    void aDownloadThatDidNotCompleteLeavesNothing() throws Exception {
        RenderedCopies copies = new RenderedCopies(dir, 1 << 20);
        OutputStream keeper = copies.keeper("csv", new ByteArrayOutputStream());
        keeper.write(new byte[1000]);
        copies.finish(keeper, Optional.empty());
        assertTrue(copies.find(A, "csv").isEmpty());
        assertEquals(List.of(), files(), "its half-written file is gone");
    }

    @Test
    void aDamagedCopyIsRemovedNotSent() throws Exception {
        RenderedCopies copies = new RenderedCopies(dir, 1 << 20);
        keep(copies, A, "csv", 500);
        Path file = files().get(0);
        byte[] damaged = Files.readAllBytes(file);
        damaged[100] ^= 1;
        Files.write(file, damaged);
        assertTrue(copies.find(A, "csv").isEmpty(), "a copy that fails its CRC32C is not offered");
        assertEquals(List.of(), files(), "and removed, so the result is rendered again");
    }

    @Test
    void theLeastRecentlyUsedCopiesGoPastTheLimit() throws Exception {
        RenderedCopies copies = new RenderedCopies(dir, 2500);
        keep(copies, A, "csv", 1000);
        keep(copies, B, "csv", 1000);
        assertTrue(copies.find(A, "csv").isPresent()); // A is now used more recently than B
        keep(copies, C, "csv", 1000);
        assertTrue(copies.find(A, "csv").isPresent() && copies.find(C, "csv").isPresent());
        assertTrue(copies.find(B, "csv").isEmpty(), "B, the least recently used, went");
        assertEquals(2, files().size());
        assertTrue(new RenderedCopies(dir, 0).find(A, "csv").isEmpty(), "a limit of 0 keeps nothing");
    }

    private static void keep(RenderedCopies copies, String checksum, String variant, int size) throws Exception {
        OutputStream keeper = copies.keeper(variant, OutputStream.nullOutputStream());
        keeper.write(new byte[size]);
        keeper.close();
        copies.finish(keeper, Optional.of(checksum));
    }

    private static byte[] bytes(RenderedCopies.Copy copy) {
        ByteBuffer buffer = copy.bytes().duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
