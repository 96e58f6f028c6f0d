package dataclips.serving;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.export.RowBytes;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The download writer of the viewer who leads a shared run. When that viewer goes away while others joined
 * the run, the run goes on for them (it is being stored for them): what would have been sent to the gone
 * viewer is dropped instead of failing the run. With no one joined, a write failure ends the run as before.
 */
final class LeaderWriter implements ResultWriter {
    private final ResultWriter viewer;
    private final BooleanSupplier joined;
    private final Viewer who;
    private volatile boolean gone;

    LeaderWriter(ResultWriter viewer, BooleanSupplier joined, Viewer who) {
        this.viewer = viewer;
        this.joined = joined;
        this.who = who;
    }

    /** The client watch saw the viewer leave while others joined the run. */
    void left() {
        gone = true;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        if (!gone) {
            try {
                viewer.begin(columns, info);
            } catch (IOException e) {
                leaveOrThrow(e);
            }
        }
    }

    @Override
    public boolean row(String[] values) throws IOException {
        if (!gone) {
            try {
                return viewer.row(values);
            } catch (IOException e) {
                leaveOrThrow(e);
            }
        }
        return true;
    }

    @Override
    public boolean row(RowBytes row) throws IOException {
        if (!gone) {
            try {
                return viewer.row(row);
            } catch (IOException e) {
                leaveOrThrow(e);
            }
        }
        return true;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        if (!gone) {
            try {
                viewer.finish(truncated);
            } catch (IOException e) {
                leaveOrThrow(e);
            }
        }
    }

    @Override
    public boolean takesEveryRow() {
        return viewer.takesEveryRow();
    }

    @Override
    public boolean takesRowBytes() {
        return viewer.takesRowBytes();
    }

    @Override
    public boolean readsEveryRow() {
        return viewer.readsEveryRow();
    }

    @Override
    public void abort() {
        viewer.abort();
    }

    private void leaveOrThrow(IOException e) throws IOException {
        if (!joined.getAsBoolean()) {
            throw e;
        }
        gone = true;
        who.left(); // a write failed before the client watch noticed: the viewer has gone all the same
    }
}
