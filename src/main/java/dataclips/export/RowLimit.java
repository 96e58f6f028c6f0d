package dataclips.export;

import java.io.IOException;

/** Passes at most maxRows rows to a download's writer; the next one is refused, so the writer hears "truncated". */
public final class RowLimit extends ForwardingWriter {
    private final long maxRows;
    private long rows;

    public RowLimit(ResultWriter writer, long maxRows) {
        super(writer);
        this.maxRows = maxRows;
    }

    @Override
    public boolean row(String[] values) throws IOException {
        if (rows == maxRows) {
            return false;
        }
        rows++;
        return next.row(values);
    }

    @Override
    public boolean row(RowBytes row) throws IOException {
        if (rows == maxRows) {
            return false;
        }
        rows++;
        return next.row(row);
    }

    @Override
    public boolean takesRowBytes() {
        return next.takesRowBytes();
    }
}
