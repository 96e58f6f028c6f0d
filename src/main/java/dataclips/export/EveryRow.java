package dataclips.export;

import java.io.IOException;
import java.util.List;

/**
 * Lets a run go on after its first writer (the page's table) has all it shows, so the second writer of a
 * {@link Tee} (the result store) still gets every row: the page leads a run that is stored whole.
 */
public final class EveryRow implements ResultWriter {
    private final ResultWriter writer;
    private boolean full;
    private boolean more;

    public EveryRow(ResultWriter writer) {
        this.writer = writer;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        writer.begin(columns, info);
    }

    @Override
    public boolean row(String[] values) throws IOException {
        if (!full && !writer.row(values)) {
            full = true;
        }
        more |= full;
        return true;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        writer.finish(truncated || more);
    }

    @Override
    public void abort() {
        writer.abort();
    }
}
