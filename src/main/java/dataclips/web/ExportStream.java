package dataclips.web;

import dataclips.UserError;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.export.Column;
import dataclips.export.Format;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.export.RowLimit;
import dataclips.export.Tee;
import dataclips.results.CorruptResult;
import dataclips.results.ResultRecorder;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.run.Cancellation;
import dataclips.run.RunOutcome;
import dataclips.run.Runs;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a download's body: a live run streamed from the cursor to the socket (and into the result store at
 * once), or a stored result replayed. An error before the first byte becomes a proper error response; a
 * failure after it aborts the connection, so the client sees a broken download, never a short complete one.
 */
final class ExportStream {
    private static final Logger LOG = LoggerFactory.getLogger(ExportStream.class);
    /** Not known until the last row: sent after the body as HTTP trailers on a live run. */
    static final String TRAILERS = "X-Row-Count, X-Truncated, X-Result-Checksum";
    private final Clips clips;
    private final Runs runs;
    private final Results results;
    private final ClientWatch clientWatch;
    private final long maxRows;

    /** What one download asks for. */
    record Ask(Clip clip, Format format, boolean gzip, boolean bom) {}

    ExportStream(Clips clips, Runs runs, Results results, ClientWatch clientWatch, long maxRows) {
        this.clips = clips;
        this.runs = runs;
        this.results = results;
        this.clientWatch = clientWatch;
        this.maxRows = maxRows;
    }

    void live(Context ctx, Ask ask) throws Exception {
        ResponseStreams.Counting counted = new ResponseStreams.Counting(ctx.res().getOutputStream());
        OutputStream out = ask.gzip() ? new ResponseStreams.FastGzip(counted) : counted;
        Map<String, String> trailers = new ConcurrentHashMap<>();
        Optional<User> viewer = Auth.user(ctx);
        ResultRecorder recorder = results.recorder(ask.clip(), viewer.map(User::email).orElse("link"));
        ResultWriter writer = new RowLimit(new LiveHeaders(ctx, trailers,
                new Tee(ask.format().writer(out, ask.bom()), recorder)), maxRows);
        Cancellation cancel = new Cancellation();
        RunOutcome outcome;
        try (AutoCloseable watch = clientWatch.watch(ctx, () -> cancel.cancel("the viewer went away"))) {
            outcome = runs.run(new Runs.Request(ask.clip(), clips.sourceOf(ask.clip()), viewer, ask.format().extension()),
                    writer, cancel, counted::count);
        } catch (UserError e) {
            writer.abort();
            resetForError(ctx); // e.g. no follower answers: a 503 with its message, not a download
            throw e;
        }
        if (outcome.ok()) {
            Optional<String> checksum = recorder.complete(new ResultRecorder.RunFacts(outcome.runId(), outcome.follower(),
                    outcome.lagSeconds(), outcome.duration().toMillis()));
            trailers.put("X-Row-Count", Long.toString(outcome.rows()));
            trailers.put("X-Truncated", Boolean.toString(outcome.more()));
            checksum.ifPresent(sum -> trailers.put("X-Result-Checksum", sum));
            out.close(); // ends the gzip stream; the response completes normally, trailers last
            return;
        }
        writer.abort();
        String message = outcome.problem().map(p -> "the clip's SQL failed: " + p.message())
                .orElse("the run was cancelled: " + outcome.cancelled().orElse(""));
        failed(ctx, outcome.problem().isPresent() ? 422 : 503, outcome.problem().isPresent() ? "sql_error" : "cancelled",
                message);
    }

    /** Streams a stored result; a damaged one is an error (and dropped, so the next request runs the clip). */
    void replay(Context ctx, Ask ask, StoredResult result) throws Exception {
        ResponseStreams.Counting counted = new ResponseStreams.Counting(ctx.res().getOutputStream());
        OutputStream out = ask.gzip() ? new ResponseStreams.FastGzip(counted) : counted;
        ResultWriter writer = ask.format().writer(out, ask.bom());
        try {
            results.replay(result, writer);
            out.close();
        } catch (CorruptResult e) {
            writer.abort();
            LOG.error("stored result {} of clip {} is damaged and was not served: {}", result.id(), ask.clip().slug(),
                    e.getMessage());
            results.drop(result);
            failed(ctx, 500, "result_damaged", "the stored result is damaged (" + e.getMessage()
                    + "); it was not served and has been removed, so the next request runs the clip again");
        } catch (IOException e) {
            writer.abort(); // the viewer went away; nothing was running on a follower
        }
    }

    /** Before the first byte: a proper error response. After it: a broken connection, never a short file. */
    private static void failed(Context ctx, int status, String code, String message) {
        if (ctx.res().isCommitted()) {
            Request.getBaseRequest(ctx.req()).getHttpChannel().abort(new IOException(message));
            return;
        }
        resetForError(ctx);
        throw new UserError(status, code, message);
    }

    /** Drops what the download had set (type, file name, gzip) and keeps the headers every response carries. */
    private static void resetForError(Context ctx) {
        ctx.res().reset();
        SecurityHeaders.apply(ctx);
    }

    /**
     * A live run learns its "as of" time when the follower answers, and its row count and checksum only at
     * the end: Last-Modified is set at the start of the result, before any byte, and the rest announced as
     * trailers, which the response carries after its last chunk.
     */
    private static final class LiveHeaders implements ResultWriter {
        private final Context ctx;
        private final Map<String, String> trailers;
        private final ResultWriter writer;

        LiveHeaders(Context ctx, Map<String, String> trailers, ResultWriter writer) {
            this.ctx = ctx;
            this.trailers = trailers;
            this.writer = writer;
        }

        @Override
        public void begin(List<Column> columns, ResultInfo info) throws IOException {
            if (info.asOf() != null) {
                ctx.header("Last-Modified", Validators.httpDate(info.asOf().toInstant()));
            }
            ctx.header("Trailer", TRAILERS);
            ctx.res().setTrailerFields(() -> trailers);
            writer.begin(columns, info);
        }

        @Override
        public boolean row(String[] values) throws IOException {
            return writer.row(values);
        }

        @Override
        public void finish(boolean truncated) throws IOException {
            writer.finish(truncated);
        }

        @Override
        public void abort() {
            writer.abort();
        }
    }
}
