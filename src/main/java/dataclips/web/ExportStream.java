package dataclips.web;

import dataclips.UserError;
import dataclips.export.Format;
import dataclips.export.ResultWriter;
import dataclips.export.chart.ChartSpec;
import dataclips.export.chart.ChartWriter;
import dataclips.export.chart.Drawing;
import dataclips.results.RenderedCopies;
import dataclips.results.Results;
import dataclips.serving.Joined;
import dataclips.serving.Led;
import dataclips.serving.Ran;
import dataclips.serving.Stored;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.HttpOutput;
import org.eclipse.jetty.server.Request;

/**
 * Writes a download's body from the outcome serving chose: a stored result replayed, a live run streamed from the
 * cursor to the socket (and into the store at once), or another viewer's run joined as it is stored. An error
 * before the first byte becomes a proper error response; a failure after it aborts the connection, so the client
 * sees a broken download, never a short complete one.
 */
final class ExportStream {
    /** Not known until the last row: sent after the body as HTTP trailers on a live or shared run. */
    static final String TRAILERS = "X-Row-Count, X-Truncated, X-Result-Checksum";

    /**
     * What one download asks for: the format, gzip (the client accepts it and the format is worth it), a BOM, and
     * for an image the chart drawn (its setting is known once serving has chosen the result: {@link #drawing}) and
     * the heap its drawing may take.
     */
    record Download(Format format, boolean gzip, boolean bom, Drawing drawing, ImageRenders renders) {
        /** How its bytes are kept once rendered: "csv", "csv-bom", "json.gz", "svg-800x400-1a2b3c4d5e6f.gz", … */
        String variant() {
            return tag() + (gzip ? ".gz" : "");
        }

        /** What tells its bytes apart from other downloads of one result, gzip aside: "csv-bom", "png-800x400-…". */
        String tag() {
            return format.extension() + (bom ? "-bom" : "") + (format.isImage() ? "-" + drawing.tag() : "");
        }

        /** The same download drawing this chart setting. */
        Download drawing(ChartSpec chart) {
            return new Download(format, gzip, bom, drawing.with(chart), renders);
        }

        /** The format's writer; a PNG's drawing takes its share of the heap first ({@link ImageRenders}). */
        ResultWriter writer(OutputStream out) throws IOException {
            ResultWriter writer = format.writer(out, bom, drawing);
            return format == Format.PNG ? renders.guarded(writer, drawing.size()) : writer;
        }
    }

    private ExportStream() {}

    /** A stored result: the bytes kept when it was last rendered in this variant, or rendered now (and kept). */
    static void replay(Context ctx, Download download, Stored stored) throws IOException {
        Optional<RenderedCopies.Copy> copy = stored.rendered(download.variant());
        if (copy.isPresent()) {
            send(ctx, download, copy.get());
            return;
        }
        Body body = Body.of(ctx, download, out -> stored.keeping(download.variant(), out));
        ResultWriter writer = download.writer(body.out());
        boolean completed = false;
        try {
            stored.replay(writer);
            requireChart(writer);
            body.out().close();
            completed = true;
        } catch (UserError e) {
            failed(ctx, e);
        } catch (IOException e) {
            writer.abort(); // the viewer went away; nothing was running on a follower
        } finally {
            stored.finished(body.kept(), completed);
        }
    }

    /** Kept bytes go out in one call, straight from the mapped file, with their length known up front. */
    private static void send(Context ctx, Download download, RenderedCopies.Copy copy) {
        if (download.gzip()) {
            ctx.header("Content-Encoding", "gzip");
        }
        ctx.header("Content-Length", Long.toString(copy.size()));
        try {
            ((HttpOutput) ctx.res().getOutputStream()).sendContent(copy.bytes());
        } catch (IOException e) {
            // the viewer went away
        }
    }

    /** Leads the run: the rows stream to this viewer and, for any followers, into the store. */
    static void live(Context ctx, Download download, Led led) throws IOException {
        ctx.header("X-Result", "live");
        Body body = Body.of(ctx, download, out -> led.keeping(download.variant(), out));
        Map<String, String> trailers = new ConcurrentHashMap<>();
        ResultWriter format = download.writer(body.out());
        ResultWriter writer = new LiveHeaders(ctx, trailers, format);
        Ran ran;
        try {
            ran = led.run(writer, body.counted()::count);
            if (ran.ok() && !ran.viewerGone()) {
                requireChart(format); // the run is stored all the same: the table formats serve it
            }
        } catch (UserError e) { // e.g. no follower answers: a 503 with its message, not a download
            led.finished(body.kept(), Optional.empty());
            failed(ctx, e);
            return;
        }
        if (ran.ok() && !ran.viewerGone()) {
            ended(trailers, ran.outcome().rows(), ran.outcome().more(), ran.checksum());
            try {
                body.out().close(); // ends the gzip stream; the response completes normally, trailers last
            } finally {
                led.finished(body.kept(), ran.checksum());
            }
            return;
        }
        led.finished(body.kept(), Optional.empty());
        if (ran.ok()) {
            return; // the viewer left while others joined: the run went on for them
        }
        boolean sqlError = ran.outcome().problem().isPresent();
        failed(ctx, new UserError(sqlError ? 422 : 503, sqlError ? "sql_error" : "cancelled", ran.outcome().problem()
                .map(p -> "the clip's SQL failed: " + p.message())
                .orElse("the run was cancelled: " + ran.outcome().cancelled().orElse(""))));
    }

    /** Streams another request's run of this clip as it is stored (single flight). */
    static void joined(Context ctx, Download download, Joined joined) throws IOException {
        ctx.header("X-Result", "shared");
        Body body = Body.of(ctx, download, UnaryOperator.identity());
        Map<String, String> trailers = new ConcurrentHashMap<>();
        ResultWriter format = download.writer(body.out());
        ResultWriter writer = new LiveHeaders(ctx, trailers, format);
        Results.SharedRunEnd result;
        try {
            result = joined.stream(writer);
            if (result.ending() == Results.SharedRunEnd.Ending.COMPLETE) {
                requireChart(format);
            }
        } catch (UserError e) {
            failed(ctx, e);
            return;
        } catch (IOException e) {
            writer.abort(); // the viewer went away; the run goes on for its leader
            return;
        }
        if (result.ending() == Results.SharedRunEnd.Ending.COMPLETE) {
            result.facts().ifPresent(f -> ended(trailers, f.rowCount(), f.truncated(), Optional.of(f.checksum())));
            body.out().close();
            return;
        }
        writer.abort();
        failed(ctx, new UserError(503, "run_failed", "the run this download shared stopped before its end (it failed, "
                + "or its app instance stopped); download again"));
    }

    /** The response body: counted (for the audit log), kept (a copy for the next download), gzipped when asked. */
    private record Body(ResponseStreams.Counting counted, OutputStream kept, OutputStream out) {
        static Body of(Context ctx, Download download, UnaryOperator<OutputStream> keep) throws IOException {
            if (download.gzip()) {
                ctx.header("Content-Encoding", "gzip");
            }
            ResponseStreams.Counting counted = new ResponseStreams.Counting(ctx.res().getOutputStream());
            OutputStream kept = keep.apply(counted);
            return new Body(counted, kept, download.gzip() ? new ResponseStreams.FastGzip(kept) : kept);
        }
    }

    private static void ended(Map<String, String> trailers, long rows, boolean truncated, Optional<String> checksum) {
        trailers.put("X-Row-Count", Long.toString(rows));
        trailers.put("X-Truncated", Boolean.toString(truncated));
        checksum.ifPresent(sum -> trailers.put("X-Result-Checksum", sum));
    }

    /** A chart image that drew nothing (the result gets no chart): 404 no_chart with the reason, nothing sent. */
    private static void requireChart(ResultWriter writer) {
        if (writer instanceof ChartWriter chart) {
            chart.missing().ifPresent(reason -> {
                throw noChart(reason);
            });
        }
    }

    static UserError noChart(String reason) {
        return new UserError(404, "no_chart", "this result has no chart: " + reason + ". Its rows are at the same "
                + "URL with .csv, .json, .xml or .xlsx; whoever may edit the clip chooses a chart on its page (Edit, Chart)");
    }

    /** Before the first byte: a proper error response. After it: a broken connection, never a short file. */
    static void failed(Context ctx, UserError e) {
        if (ctx.res().isCommitted()) {
            Request.getBaseRequest(ctx.req()).getHttpChannel().abort(new IOException(e.getMessage()));
            return;
        }
        // Drops what the download had set (type, file name, gzip) and keeps the headers every response carries.
        ctx.res().reset();
        SecurityHeaders.apply(ctx);
        throw e;
    }
}
