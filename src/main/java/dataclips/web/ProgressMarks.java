package dataclips.web;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tells the page how a run goes while its table is being made: every quarter second a comment with the rows counted
 * so far ({@code <!--dataclips-progress rows=12000-->}) goes out ahead of the fragment, and dataclips.js shows it
 * beside the timer as the body streams in (the browser ignores comments in the HTML it inserts). Rows past what the
 * page keeps are counted too: the run goes on to the end for the store. The response is sent uncompressed from the
 * first mark on, so each mark reaches the browser when it is written.
 */
final class ProgressMarks implements ResultWriter {
    private static final long EVERY_NANOS = 250_000_000L;
    private final ResultWriter page;
    private final Context ctx;
    private boolean pageTakes = true;
    private long rows;
    private long markedAt = System.nanoTime();

    ProgressMarks(ResultWriter page, Context ctx) {
        this.page = page;
        this.ctx = ctx;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        page.begin(columns, info);
        markIfDue();
    }

    @Override
    public boolean row(String[] values) throws IOException {
        rows++;
        if (pageTakes) {
            pageTakes = page.row(values);
        }
        if ((rows & 0xff) == 0) { // the clock read every 256 rows, not on each: this is the run's row path
            markIfDue();
        }
        return true;
    }

    @Override
    public void finish(boolean truncated) throws IOException {
        page.finish(truncated);
    }

    @Override
    public boolean readsEveryRow() {
        return page.readsEveryRow();
    }

    @Override
    public void abort() {
        page.abort();
    }

    /** A quick run sends no mark at all: its fragment comes whole, compressed as usual. */
    private void markIfDue() throws IOException {
        if (System.nanoTime() - markedAt < EVERY_NANOS) {
            return;
        }
        if (!ctx.res().isCommitted()) {
            ctx.disableCompression();
            ctx.contentType(Pages.HTML);
        }
        ctx.outputStream().write(("<!--dataclips-progress rows=" + rows + "-->\n").getBytes(StandardCharsets.US_ASCII));
        ctx.outputStream().flush();
        markedAt = System.nanoTime();
    }
}
