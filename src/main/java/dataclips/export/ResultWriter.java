package dataclips.export;

import java.io.IOException;
import java.util.List;

/**
 * Receives one result as it streams from the cursor: the columns once, then each row, then the end.
 * Values are PostgreSQL's text form (null for SQL NULL), so no precision is lost on the way; each format
 * turns them into its own types. {@link #row} answers false, without taking the row, when the writer
 * wants no more (a page shows only so many, a download stops at the row limit); {@link #finish} follows
 * either way and says whether rows were left out, so every format can say so.
 */
public interface ResultWriter {
    void begin(List<Column> columns, ResultInfo info) throws IOException;

    boolean row(String[] values) throws IOException;

    /**
     * A row as the follower's COPY sent it (issue 32). Writers that can use the bytes as they are override this, and
     * so do writers that only pass rows on; every other writer gets the row's text, exactly as from a cursor.
     */
    default boolean row(RowBytes row) throws IOException {
        return row(row.strings());
    }

    /**
     * Whether {@link #row(RowBytes)} works from the bytes alone. When it does not (the default), a COPY's rows are
     * decoded to text on the thread that reads them, a fetch ahead, rather than on the writer's.
     */
    default boolean takesRowBytes() {
        return false;
    }

    void finish(boolean truncated) throws IOException;

    /**
     * True when the writer takes every row it is given (a download, up to a limit far beyond one fetch):
     * the runner then reads the cursor a fetch ahead. False for one that wants only the first rows.
     */
    default boolean readsEveryRow() {
        return true;
    }

    /**
     * True when the rows go whole to every writer on the way (a download, a snapshot), false when one of them shows
     * only the first rows (the page's table, even while the store takes the rest): only the former read the follower's
     * COPY (issue 32). Pass-through writers ask the writers they pass rows to.
     */
    default boolean takesEveryRow() {
        return readsEveryRow();
    }

    /** Frees what the writer holds (XLSX temp files) when it will not finish: an error or a viewer gone. */
    default void abort() {}
}
