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

    void finish(boolean truncated) throws IOException;

    /** Frees what the writer holds (XLSX temp files) when it will not finish: an error or a viewer gone. */
    default void abort() {}
}
