package dataclips.results;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 2 of a comparison: replays a snapshot and keeps the first rows whose digest is unmatched on the
 * other side (each unmatched copy once), then stops the replay. It keeps at most {@code limit} rows and
 * stops early once they hold {@code maxChars} characters, so a few huge values cannot fill the memory.
 */
final class UnmatchedRows implements ResultWriter {
    private final DigestDifference.Unmatched unmatched;
    private final RowDigest digest;
    private final int wanted;
    private final long maxChars;
    private final List<String[]> kept = new ArrayList<>();
    private long chars;

    UnmatchedRows(DigestDifference.Unmatched unmatched, RowDigest digest, int limit, long maxChars) {
        this.unmatched = unmatched;
        this.digest = digest;
        this.wanted = (int) Math.min(limit, unmatched.count());
        this.maxChars = maxChars;
    }

    /** True when there is nothing to look for: the replay can be skipped. */
    boolean done() {
        return kept.size() >= wanted || chars >= maxChars;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) {}

    @Override
    public boolean row(String[] values) {
        if (done()) {
            return false;
        }
        if (unmatched.take(digest.of(values))) {
            kept.add(values);
            for (String value : values) {
                chars += value == null ? 0 : value.length();
            }
        }
        return true;
    }

    @Override
    public void finish(boolean truncated) {}

    @Override
    public boolean readsEveryRow() {
        return false;
    }

    List<String[]> kept() {
        return kept;
    }
}
