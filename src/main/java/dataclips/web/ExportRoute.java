package dataclips.web;

import dataclips.UserError;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.export.Format;
import dataclips.export.ResultWriter;
import dataclips.export.RowLimit;
import dataclips.run.Cancellation;
import dataclips.run.RunOutcome;
import dataclips.run.Runs;
import io.javalin.http.Context;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.server.Request;

/**
 * GET /clips/{slug}.{csv,json,xml,xlsx}: the clip's rows streamed from the cursor to the socket in the
 * format asked for. No cookie or script is needed: the URL alone works in spreadsheets, pandas and curl.
 * An error before the first byte is a 4xx/5xx with the database's message; a failure after it aborts
 * the connection, so the client sees a broken download, never a short file that looks complete.
 */
final class ExportRoute {
    private final Clips clips;
    private final Runs runs;
    private final ClientWatch clientWatch;
    private final long maxRows;

    ExportRoute(Clips clips, Runs runs, ClientWatch clientWatch, long maxRows) {
        this.clips = clips;
        this.runs = runs;
        this.clientWatch = clientWatch;
        this.maxRows = maxRows;
    }

    /** For a path segment "slug.ext"; answers the clip and format, or the same 404 as any unknown clip. */
    private record Target(Clip clip, Format format) {}

    void serve(Context ctx, boolean headOnly) throws Exception {
        Target target = target(ctx);
        Format format = target.format();
        boolean inline = format.inlineAllowed() && "1".equals(ctx.queryParam("inline"));
        ctx.contentType(format.contentType());
        ctx.header("Content-Disposition", Downloads.contentDisposition(target.clip().title(), format.extension(), inline));
        boolean gzip = format.compressible() && Optional.ofNullable(ctx.header("Accept-Encoding")).orElse("").contains("gzip");
        ctx.header("Vary", "Accept-Encoding");
        if (headOnly) {
            return;
        }
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
        }
        stream(ctx, target, gzip);
    }

    private void stream(Context ctx, Target target, boolean gzip) throws Exception {
        Counting counted = new Counting(ctx.res().getOutputStream());
        OutputStream out = gzip ? new FastGzip(counted) : counted;
        ResultWriter writer = target.format().writer(out, "1".equals(ctx.queryParam("bom")));
        Cancellation cancel = new Cancellation();
        Optional<User> viewer = Auth.user(ctx);
        RunOutcome outcome;
        try (AutoCloseable watch = clientWatch.watch(ctx, () -> cancel.cancel("the viewer went away"))) {
            outcome = runs.run(new Runs.Request(target.clip(), clips.sourceOf(target.clip()), viewer,
                    target.format().extension()), new RowLimit(writer, maxRows), cancel, counted::count);
        } catch (UserError e) {
            writer.abort();
            resetForError(ctx); // e.g. no follower answers: a 503 with its message, not a download
            throw e;
        }
        if (outcome.ok()) {
            out.close(); // ends the gzip stream; the response completes normally
            return;
        }
        writer.abort();
        String message = outcome.problem().map(p -> "the clip's SQL failed: " + p.message())
                .orElse("the run was cancelled: " + outcome.cancelled().orElse(""));
        if (ctx.res().isCommitted()) {
            abort(ctx, message);
            return;
        }
        resetForError(ctx); // nothing has left yet: answer a proper error instead
        throw new UserError(outcome.problem().isPresent() ? 422 : 503, outcome.problem().isPresent() ? "sql_error" : "cancelled",
                message);
    }

    private Target target(Context ctx) {
        String segment = ctx.pathParam("slug");
        int dot = segment.lastIndexOf('.');
        Format format = Format.byExtension(segment.substring(dot + 1)).orElseThrow(() -> UserError.notFound("this clip"));
        Clip clip = clips.viewable(segment.substring(0, dot), Auth.user(ctx));
        return new Target(clip, format);
    }

    /** Drops what the download had set (type, file name, gzip) and keeps the headers every response carries. */
    private static void resetForError(Context ctx) {
        ctx.res().reset();
        SecurityHeaders.apply(ctx);
    }

    /** Closes the connection without the final chunk: curl, pandas and browsers report a failed download. */
    private static void abort(Context ctx, String why) {
        Request.getBaseRequest(ctx.req()).getHttpChannel().abort(new IOException(why));
    }

    /** Counts the bytes the format wrote, for the audit log. */
    private static final class Counting extends FilterOutputStream {
        private volatile long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        long count() {
            return count;
        }
    }

    /** gzip at level 1: most of the saving for a fraction of the CPU, so compression never bounds a download. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
