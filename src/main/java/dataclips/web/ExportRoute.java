package dataclips.web;

import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.export.Format;
import dataclips.accounts.User;
import dataclips.results.ResultRecorder;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.UserError;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;

/**
 * GET and HEAD /clips/{slug}.{csv,json,xml,xlsx}: the clip's current result in the format asked for, and
 * /clips/{slug}/snapshots/{id}.{ext}: one snapshot. No cookie or script is needed: the URL alone works in
 * spreadsheets, pandas and curl. A stored result (the pinned snapshot, or one younger than the clip's max
 * age) is served from the store with its ETag, Last-Modified, X-Row-Count and X-Truncated (and 304 when the
 * client's copy is current); otherwise the clip runs live, or this download follows the run another
 * viewer started ({@link CurrentResult}). X-Result says which: pinned, stored, snapshot, live or shared.
 */
final class ExportRoute {
    private final Clips clips;
    private final Results results;
    private final ExportStream stream;
    private final CurrentResult current;
    private final AnonymousTraffic anonymous;

    ExportRoute(Clips clips, Results results, ExportStream stream, AnonymousTraffic anonymous) {
        this.anonymous = anonymous;
        this.clips = clips;
        this.results = results;
        this.stream = stream;
        this.current = new CurrentResult(results);
    }

    /** GET and HEAD /clips/{slug}/snapshots/{id}.{ext}: one snapshot, the same bytes for as long as it is kept. */
    void serveSnapshot(Context ctx, boolean headOnly) throws Exception {
        String segment = ctx.pathParam("id");
        int dot = segment.lastIndexOf('.');
        Clip clip = clips.viewable(ctx.pathParam("slug"), Auth.user(ctx));
        StoredResult snapshot = results.snapshot(clip, SnapshotApi.snapshotId(segment.substring(0, dot)));
        ExportStream.Ask ask = ask(ctx, clip, segment.substring(dot + 1));
        anonymous.opened(ctx, clip, ask.format().extension(), snapshot.id());
        String title = clip.title() + " (snapshot " + snapshot.id() + ")";
        headers(ctx, ask, title);
        if (!describe(ctx, ask, snapshot, "snapshot") && !headOnly) {
            gzipHeader(ctx, ask);
            stream.replay(ctx, ask, snapshot);
        }
    }

    private static void headers(Context ctx, ExportStream.Ask ask, String title) {
        Format format = ask.format();
        boolean inline = format.inlineAllowed() && "1".equals(ctx.queryParam("inline"));
        ctx.contentType(format.contentType());
        ctx.header("Content-Disposition", Downloads.contentDisposition(title, format.extension(), inline));
        ctx.header("Vary", "Accept-Encoding");
        // Secret URLs: no shared cache keeps a copy, and a browser asks again (cheaply, with its ETag) each time.
        ctx.header("Cache-Control", "private, no-cache");
    }

    void serve(Context ctx, boolean headOnly) throws Exception {
        ExportStream.Ask ask = ask(ctx);
        anonymous.opened(ctx, ask.clip(), ask.format().extension(), null);
        headers(ctx, ask, ask.clip().title());
        if (headOnly) {
            head(ctx, ask);
            return;
        }
        String madeBy = Auth.user(ctx).map(User::email).orElse("link");
        current.serve(ask.clip(), madeBy, false, new CurrentResult.Handler<Boolean>() {
            @Override
            public Boolean stored(StoredResult result, String how) throws Exception {
                if (!describe(ctx, ask, result, how)) {
                    gzipHeader(ctx, ask);
                    stream.replay(ctx, ask, result);
                }
                return true;
            }

            @Override
            public Boolean lead(ResultRecorder recorder) throws Exception {
                gzipHeader(ctx, ask);
                stream.live(ctx, ask, recorder);
                return true;
            }

            @Override
            public Optional<Boolean> follow(long resultId) throws Exception {
                gzipHeader(ctx, ask);
                return stream.follow(ctx, ask, resultId) ? Optional.of(true) : Optional.empty();
            }
        });
    }

    /** HEAD runs nothing: a stored result's headers, or "live" when a GET would run the clip. */
    private void head(Context ctx, ExportStream.Ask ask) {
        Optional<CurrentResult.Chosen> stored = current.stored(ask.clip(), false);
        if (stored.isEmpty()) {
            ctx.header("X-Result", "live");
        } else {
            describe(ctx, ask, stored.get().result(), stored.get().how());
        }
    }

    private static void gzipHeader(Context ctx, ExportStream.Ask ask) {
        if (ask.gzip()) {
            ctx.header("Content-Encoding", "gzip");
        }
    }

    /** Sets a stored result's validators and counts; true when the answer is 304 Not Modified. */
    private static boolean describe(Context ctx, ExportStream.Ask ask, StoredResult result, String how) {
        ctx.header("X-Result", how);
        String etag = Validators.etag(result, ask.format(), ask.bom(), ask.gzip());
        Instant lastModified = Validators.lastModified(result);
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", Validators.httpDate(lastModified));
        ctx.header("X-Row-Count", Long.toString(result.rowCount()));
        ctx.header("X-Truncated", Boolean.toString(result.truncated()));
        ctx.header("X-Data-As-Of", lastModified.toString());
        if (result.kind().isSnapshot()) {
            ctx.header("X-Snapshot", Long.toString(result.id()));
        }
        if (Validators.notModified(ctx, etag, lastModified)) {
            ctx.status(304);
            return true;
        }
        return false;
    }

    /** For a path segment "slug.ext"; an unknown format is the same 404 as any unknown clip. */
    private ExportStream.Ask ask(Context ctx) {
        String segment = ctx.pathParam("slug");
        int dot = segment.lastIndexOf('.');
        return ask(ctx, clips.viewable(segment.substring(0, dot), Auth.user(ctx)), segment.substring(dot + 1));
    }

    private static ExportStream.Ask ask(Context ctx, Clip clip, String extension) {
        Format format = Format.byExtension(extension).orElseThrow(() -> UserError.notFound("this clip"));
        boolean gzip = format.compressible()
                && Optional.ofNullable(ctx.header("Accept-Encoding")).orElse("").contains("gzip");
        return new ExportStream.Ask(clip, format, gzip, format == Format.CSV && "1".equals(ctx.queryParam("bom")));
    }
}
