package dataclips.export;

import java.io.IOException;

/**
 * Lets a run go on after its first writer (the page's table) has all it shows, so the second writer of a
 * {@link Tee} (the result store) still gets every row: the page leads a run that is stored whole.
 */
public final class EveryRow extends ForwardingWriter {
    private boolean full;
    private boolean more;

    public EveryRow(ResultWriter writer) {
        super(writer);
    }

    @Override
    public boolean row(String[] values) throws IOException {
        if (!full && !next.row(values)) {
            full = true;
        }
        more |= full;
        return true;
    }

    @Override
    public boolean takesRowBytes() {
        return next.takesRowBytes();
    }

    @Override
    public boolean row(RowBytes row) throws IOException {
        if (!full && !next.row(row)) {
            full = true;
        }
        more |= full;
        return true;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        next.finish(truncated || more);
    }
}
