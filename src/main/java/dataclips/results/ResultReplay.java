package dataclips.results;

import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.zip.CRC32C;

/**
 * Streams a stored result to a writer chunk by chunk. Each chunk is checked against its SHA-256 before any
 * of its rows is written, and the whole against the result's checksum and row count, so damage is an
 * error ({@link CorruptResult}), never wrong data. A writer that wants only the first rows (the page) stops
 * the replay early; what it read was checked chunk by chunk.
 */
final class ResultReplay {
    private ResultReplay() {}

    static void replay(ResultStore store, StoredResult result, ResultWriter writer) throws IOException {
        // The first chunk is checked before the first byte, so the commonest damage is a clean error response.
        ResultStore.Chunk first = result.chunkCount() > 0 ? store.chunk(result.id(), 0) : null;
        byte[] firstRaw = first == null ? null : verified(first, result.id(), 0);
        writer.begin(result.columns(), new ResultInfo(result.title(), result.asOf(), result.parameters()));
        ResultChecksum checksum = new ResultChecksum(result.title(), result.asOf(), result.columns(), result.parameters());
        RowCount rows = new RowCount();
        for (int seq = 0; seq < result.chunkCount(); seq++) {
            ResultStore.Chunk chunk = seq == 0 ? first : store.chunk(result.id(), seq);
            byte[] raw = seq == 0 ? firstRaw : verified(chunk, result.id(), seq);
            checksum.chunk(check(chunk));
            if (!rows(raw, result.columns().size(), writer, rows)) {
                writer.finish(true);
                return;
            }
        }
        if (rows.n != result.rowCount() || !checksum.finish(result.truncated()).equals(result.checksum())) {
            throw new CorruptResult("stored result " + result.id() + " does not match its checksum");
        }
        writer.finish(result.truncated());
    }

    /** Rows passed on so far. */
    static final class RowCount {
        long n;
    }

    /** Passes a chunk's rows on; false when the writer wants no more. */
    static boolean rows(byte[] raw, int columns, ResultWriter writer, RowCount count) throws IOException {
        RowCodec.Reader reader = new RowCodec.Reader(raw, columns);
        while (reader.hasNext()) {
            if (!writer.row(reader.next())) {
                return false;
            }
            count.n++;
        }
        return true;
    }

    /** The chunk's rows, once its stored bytes match their check (before anything is decompressed). */
    static byte[] verified(ResultStore.Chunk chunk, long resultId, int seq) {
        boolean intact = chunk.crc32c() != null ? crc32c(chunk.data()) == chunk.crc32c()
                : MessageDigest.isEqual(ResultChecksum.of(chunk.data()), chunk.sha256());
        if (!intact) {
            throw new CorruptResult("chunk " + seq + " of stored result " + resultId + " does not match its checksum");
        }
        return ChunkCodec.decode(chunk.data(), "chunk " + seq + " of stored result " + resultId);
    }

    /** What the result's checksum takes in for a chunk: its CRC32C and length, or its SHA-256 for older chunks. */
    static byte[] check(ResultStore.Chunk chunk) {
        return chunk.crc32c() != null ? check(chunk.crc32c(), chunk.data().length) : chunk.sha256();
    }

    static byte[] check(int crc32c, int length) {
        return ByteBuffer.allocate(8).putInt(crc32c).putInt(length).array();
    }

    static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return (int) crc.getValue();
    }
}
