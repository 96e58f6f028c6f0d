package dataclips.export;

import java.io.IOException;
import java.util.List;

/** Passes at most maxRows rows to a download's writer; the next one is refused, so the writer hears "truncated". */
public final class RowLimit implements ResultWriter {
    private final ResultWriter writer;
    private final long maxRows;
    private long rows;

    public RowLimit(ResultWriter writer, long maxRows) {
        this.writer = writer;
        this.maxRows = maxRows;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        writer.begin(columns, info);
    }

    @Override
    public boolean row(String[] values) throws IOException {
        if (rows == maxRows) {
            return false;
        }
        rows++;
        return writer.row(values);
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        writer.finish(truncated);
    }

    @Override
    public void abort() {
        writer.abort();
    }
}
