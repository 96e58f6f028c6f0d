package dataclips.web;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ForwardingWriter;
import dataclips.export.ResultWriter;
import dataclips.export.RowBytes;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A live run learns its "as of" time when the follower answers, and its row count and checksum only at
 * the end: Last-Modified is set at the start of the result, before any byte, and the rest announced as
 * trailers, which the response carries after its last chunk. X-Data-Lag-Seconds says how stale the data is
 * (0 from a follower that has caught up).
 */
final class LiveHeaders extends ForwardingWriter {
    private final Context ctx;
    private final Map<String, String> trailers;

    LiveHeaders(Context ctx, Map<String, String> trailers, ResultWriter writer) {
        super(writer);
        this.ctx = ctx;
        this.trailers = trailers;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) throws IOException {
        if (info.asOf() != null) {
            ctx.header("Last-Modified", Validators.httpDate(info.asOf().toInstant()));
            ctx.header("X-Data-As-Of", info.asOf().toInstant().toString());
            // How far behind the follower was: a script can tell stale data (every follower lagging) from fresh.
            ctx.header(LagNotice.HEADER, Long.toString(LagNotice.ageSeconds(info.asOf())));
        }
        ctx.header("Trailer", ExportStream.TRAILERS);
        ctx.res().setTrailerFields(() -> trailers);
        next.begin(columns, info);
    }

    /** Passes a COPY's row on as it is: this writer only adds headers. */
    @Override
    public boolean row(RowBytes row) throws IOException {
        return next.row(row);
    }

    @Override
    public boolean takesRowBytes() {
        return next.takesRowBytes();
    }
}
