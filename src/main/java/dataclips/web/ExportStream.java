package dataclips.web;

import dataclips.UserError;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.export.Format;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** Runs the clip, streaming to the viewer and, through the recorder, into the store (for followers too). */
    void live(Context ctx, Ask ask, ResultRecorder recorder) throws Exception {
        ctx.header("X-Result", "live");
        ResponseStreams.Counting counted = new ResponseStreams.Counting(ctx.res().getOutputStream());
        OutputStream out = ask.gzip() ? new ResponseStreams.FastGzip(counted) : counted;
        Map<String, String> trailers = new ConcurrentHashMap<>();
        Optional<User> viewer = Auth.user(ctx);
        LeaderWriter download = new LeaderWriter(ask.format().writer(out, ask.bom()), recorder::followed);
        ResultWriter writer = new RowLimit(new LiveHeaders(ctx, trailers, new Tee(download, recorder)), maxRows);
        Cancellation cancel = new Cancellation();
        RunOutcome outcome;
        try (AutoCloseable watch = clientWatch.watch(ctx, () -> leaderLeft(recorder, download, cancel))) {
            outcome = runs.run(new Runs.Request(ask.clip(), clips.sourceOf(ask.clip()), viewer, ask.format().extension()),
                    writer, cancel, counted::count);
        } catch (RuntimeException e) {
            writer.abort();
            if (e instanceof UserError) {
                resetForError(ctx); // e.g. no follower answers: a 503 with its message, not a download
            }
            throw e;
        }
        if (outcome.ok()) {
            Optional<String> checksum = recorder.complete(new ResultRecorder.RunFacts(outcome.runId(), outcome.follower(),
                    outcome.lagSeconds(), outcome.duration().toMillis()));
            ended(trailers, outcome.rows(), outcome.more(), checksum);
            if (!download.gone()) {
                out.close(); // ends the gzip stream; the response completes normally, trailers last
            }
            return;
        }
        writer.abort();
        String message = outcome.problem().map(p -> "the clip's SQL failed: " + p.message())
                .orElse("the run was cancelled: " + outcome.cancelled().orElse(""));
        failed(ctx, outcome.problem().isPresent() ? 422 : 503, outcome.problem().isPresent() ? "sql_error" : "cancelled",
                message);
    }

    /**
     * The leading viewer went away: the run stops, unless other viewers follow it; then it goes on for them
     * (asked again every 200 ms), and stops once the last of them has gone too. True when done watching.
     */
    static boolean leaderLeft(ResultRecorder recorder, LeaderWriter download, Cancellation cancel) {
        if (recorder.followed()) {
            download.left();
            return false;
        }
        cancel.cancel("the viewer went away");
        return true;
    }

    /**
     * Streams another request's run of this clip as it is stored (single flight). False when that run
     * vanished before this viewer got a byte, so the caller can try again; a run that fails later aborts.
     */
    boolean follow(Context ctx, Ask ask, long resultId) throws Exception {
        ctx.header("X-Result", "shared");
        ResponseStreams.Counting counted = new ResponseStreams.Counting(ctx.res().getOutputStream());
        OutputStream out = ask.gzip() ? new ResponseStreams.FastGzip(counted) : counted;
        Map<String, String> trailers = new ConcurrentHashMap<>();
        ResultWriter writer = new LiveHeaders(ctx, trailers, ask.format().writer(out, ask.bom()));
        Results.Followed followed;
        AtomicBoolean gone = new AtomicBoolean();
        try (AutoCloseable watch = clientWatch.watch(ctx, () -> {
            gone.set(true);
            return true;
        })) {
            followed = results.follow(resultId, writer, gone::get);
        } catch (CorruptResult e) {
            writer.abort();
            failed(ctx, 500, "result_damaged", "the shared run's stored rows are damaged (" + e.getMessage() + ")");
            return true;
        } catch (IOException e) {
            writer.abort(); // the viewer went away; the run goes on for its leader
            return true;
        }
        switch (followed.ending()) {
            case COMPLETE -> {
                followed.facts().ifPresent(f -> ended(trailers, f.rowCount(), f.truncated(), Optional.of(f.checksum())));
                out.close();
                return true;
            }
            case VANISHED_BEFORE_BEGIN -> {
                writer.abort();
                ctx.res().resetBuffer(); // only the gzip header was buffered: the retry starts clean
                return false;
            }
            default -> {
                writer.abort();
                failed(ctx, 503, "run_failed", "the run this download shared stopped before its end (it failed, "
                        + "or its app instance stopped); download again");
                return true;
            }
        }
    }

    private static void ended(Map<String, String> trailers, long rows, boolean truncated, Optional<String> checksum) {
        trailers.put("X-Row-Count", Long.toString(rows));
        trailers.put("X-Truncated", Boolean.toString(truncated));
        checksum.ifPresent(sum -> trailers.put("X-Result-Checksum", sum));
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
            LOG.error("stored result {} of clip {} is damaged and was not served: {}", result.id(), ask.clip().id(),
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
}
