package dataclips.results;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.util.List;

/** Pass 1 of a comparison: one digest per row of a replayed snapshot, 8 bytes a row and nothing else kept. */
final class RowDigests implements ResultWriter {
    private final StoredResult result;
    private final RowDigest digest;
    private final long[] digests;
    private int count;

    RowDigests(StoredResult result, RowDigest digest) {
        this.result = result;
        this.digest = digest;
        // The stored row count is exact (the replay checks it), so the array is sized once.
        this.digests = new long[Math.toIntExact(result.rowCount())];
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) {}

    @Override
    public boolean row(String[] values) {
        if (count == digests.length) {
            throw new CorruptResult("stored result " + result.id() + " holds more rows than its row count");
        }
        digests[count++] = digest.of(values);
        return true;
    }

    @Override
    public void finish(boolean truncated) {}

    /** Every row's digest, once the replay has finished (and checked the row count and checksum). */
    long[] digests() {
        return digests;
    }
}
