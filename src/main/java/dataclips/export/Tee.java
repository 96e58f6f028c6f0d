package dataclips.export;

import java.io.IOException;
import java.util.List;

/** Sends one result to two writers (a download and the result store): the first decides when to stop. */
public final class Tee implements ResultWriter {
    private final ResultWriter first;
    private final ResultWriter second;

    public Tee(ResultWriter first, ResultWriter second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        first.begin(columns, info);
        second.begin(columns, info);
    }

    @Override
    public boolean row(String[] values) throws IOException {
        if (!first.row(values)) {
            return false;
        }
        second.row(values);
        return true;
    }

    @Override
    public boolean row(RowBytes row) throws IOException {
        if (!first.row(row)) {
            return false;
        }
        second.row(row);
        return true;
    }

    @Override
    public boolean takesEveryRow() {
        return first.takesEveryRow() && second.takesEveryRow();
    }

    @Override
    public boolean takesRowBytes() {
        return first.takesRowBytes() && second.takesRowBytes();
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        first.finish(truncated);
        second.finish(truncated);
    }

    @Override
    public void abort() {
        first.abort();
        second.abort();
    }
}
