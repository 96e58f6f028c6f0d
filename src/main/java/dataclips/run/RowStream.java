package dataclips.run;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Moves one run's rows from its cursor to the writer: a fetch ahead for downloads, inline for the page. */
final class RowStream {
    /** Threads that read download cursors a fetch ahead; one per running download, ended when idle. */
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cursor-reader");
        t.setDaemon(true);
        return t;
    });

    /** How a row of one kind goes to a writer: text from a cursor, bytes from a COPY. */
    interface Give<R> {
        boolean to(ResultWriter writer, R row) throws IOException;
    }

    /** Rows counted as they pass; more is true when the writer stopped before the cursor ended. */
    static final class Streamed {
        boolean begun;
        long rows;
        boolean more;
    }

    /**
     * Passes the rows on; stops without finishing if a cancel was asked for (checked once per fetch, for the
     * rare cancel that reached the follower just before the query did and was ignored there). A writer that
     * reads everything (a download) gets its rows from a {@link CursorReader} a fetch ahead; one that wants
     * only the first rows (the page) reads on this thread, so it never waits for a fetch it will not use.
     */
    void stream(ResultSet rs, ResultWriter writer, ResultInfo info, Streamed streamed, Cancellation cancel,
                RunDeadline deadline) throws SQLException, IOException {
        List<Column> columns = columns(rs.getMetaData());
        if (writer.readsEveryRow()) {
            streamAhead(CursorReader.of(rs, columns.size()), ResultWriter::row, columns, writer, info, streamed, cancel,
                    deadline);
            return;
        }
        if (cancel.requested()) {
            return;
        }
        streamed.begun = true;
        writer.begin(columns, info);
        streamInline(rs, columns.size(), writer, streamed, cancel, deadline);
    }

    /**
     * Passes every row of the source on, read a fetch ahead. The writer begins once the first fetch is in (as a
     * cursor's first fetch comes with its statement), so a failure within the first {@value ClipRunner#FETCH_SIZE}
     * rows is still a failure before the first row: nothing was sent, and a run may start over. A COPY's first fetch
     * ends early when the follower pauses with rows sent ({@link CursorReader#first}).
     */
    <R> void streamAhead(CursorReader.Source<R> source, Give<R> give, List<Column> columns, ResultWriter writer,
                         ResultInfo info, Streamed streamed, Cancellation cancel, RunDeadline deadline)
            throws SQLException, IOException {
        try (CursorReader<R> reader = new CursorReader<>(source, ClipRunner.FETCH_SIZE, readers, deadline)) {
            try {
                CursorReader.Batch<R> batch = reader.first();
                if (cancel.requested()) {
                    return;
                }
                streamed.begun = true;
                writer.begin(columns, info);
                reader.readAhead();
                for (; batch != null; batch = reader.next()) {
                    for (int i = 0; i < batch.size(); i++) {
                        if (!give.to(writer, batch.row(i))) {
                            streamed.more = true;
                            writer.finish(true);
                            return;
                        }
                        streamed.rows++;
                    }
                    if (cancel.requested()) {
                        return;
                    }
                }
            } catch (IOException e) {
                cancel.cancel("the viewer went away"); // before closing the reader: it may be waiting on a fetch
                throw e;
            }
        }
        writer.finish(false);
    }

    private static void streamInline(ResultSet rs, int n, ResultWriter writer, Streamed streamed, Cancellation cancel,
                                     RunDeadline deadline) throws SQLException, IOException {
        while (rs.next()) {
            if (streamed.rows % ClipRunner.FETCH_SIZE == ClipRunner.FETCH_SIZE - 1 && cancel.requested()) {
                return;
            }
            String[] values = new String[n];
            for (int i = 0; i < n; i++) {
                values[i] = rs.getString(i + 1);
            }
            deadline.pause(); // the viewer's time, not the follower's
            boolean wanted;
            try {
                wanted = writer.row(values);
            } finally {
                deadline.resume();
            }
            if (!wanted) {
                streamed.more = true; // the writer has all it wants; the row it refused is not counted
                break;
            }
            streamed.rows++;
        }
        writer.finish(streamed.more);
    }

    static List<Column> columns(ResultSetMetaData meta) throws SQLException {
        List<Column> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(Column.of(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        return columns;
    }
}
