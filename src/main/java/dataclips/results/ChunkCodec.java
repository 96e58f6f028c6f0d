package dataclips.results;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.InflaterInputStream;

/**
 * How a chunk's rows are compressed in the store: zstd at level 1 (zstd-jni). A live run stores every row while it
 * streams, and deflate cost about as much CPU as the query itself; zstd at level 1 is about five times faster and
 * stores fewer bytes, which the metadata database writes (bench/README). A zstd frame says its content size in
 * its header and starts with 0x28; chunks stored before, zlib streams, start with 0x78 and still replay.
 */
final class ChunkCodec {
    private static final int LEVEL = 1;
    private static final byte ZSTD = 0x28;
    private static final byte ZLIB = 0x78;
    /** A chunk holds whole rows, and one row may be as large as a fetch may bring (at most 256 MB). */
    private static final long MAX_RAW = 1L << 30;

    private ChunkCodec() {}

    /** The first size bytes of raw, as stored. */
    static byte[] encode(byte[] raw, int size) {
        byte[] out = new byte[(int) Zstd.compressBound(size)];
        long n = Zstd.compressByteArray(out, 0, out.length, raw, 0, size, LEVEL);
        if (Zstd.isError(n)) {
            throw new IllegalStateException("zstd could not compress a chunk: " + Zstd.getErrorName(n));
        }
        return java.util.Arrays.copyOf(out, (int) n);
    }

    /** The raw rows of a stored chunk (whose check has passed); a malformed one is a {@link CorruptResult}. */
    static byte[] decode(byte[] stored, String which) {
        if (stored.length > 0 && stored[0] == ZSTD) {
            return zstd(stored, which);
        }
        if (stored.length > 0 && stored[0] == ZLIB) {
            return inflate(stored, which);
        }
        throw new CorruptResult(which + " has an unknown encoding");
    }

    private static byte[] zstd(byte[] stored, String which) {
        long size = Zstd.getFrameContentSize(stored);
        if (size < 0 || size > MAX_RAW) {
            throw new CorruptResult(which + " does not say a possible size");
        }
        try {
            byte[] raw = new byte[(int) size];
            long n = Zstd.decompressByteArray(raw, 0, raw.length, stored, 0, stored.length);
            if (Zstd.isError(n) || n != size) {
                throw new CorruptResult(which + " cannot be decompressed: " + Zstd.getErrorName(n));
            }
            return raw;
        } catch (ZstdException e) {
            throw new CorruptResult(which + " cannot be decompressed: " + e.getMessage());
        }
    }

    private static byte[] inflate(byte[] stored, String which) {
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CorruptResult(which + " cannot be inflated: " + e.getMessage());
        }
    }
}
