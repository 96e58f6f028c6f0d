package dataclips.export;

import java.io.IOException;
import java.util.List;

/** A writer that passes the result on to another one; each subclass changes only what it is about. */
public abstract class ForwardingWriter implements ResultWriter {
    protected final ResultWriter next;

    protected ForwardingWriter(ResultWriter next) {
        this.next = next;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        next.begin(columns, info);
    }

    @Override
    public boolean row(String[] values) throws IOException {
        return next.row(values);
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        next.finish(truncated);
    }

    @Override
    public boolean takesEveryRow() {
        return next.takesEveryRow();
    }

    @Override
    public void abort() {
        next.abort();
    }
}
