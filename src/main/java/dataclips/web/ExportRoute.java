package dataclips.web;

import dataclips.UserError;
import dataclips.access.ClipRights;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.export.Format;
import dataclips.export.chart.ChartFontsMissing;
import dataclips.export.chart.ChartPlan;
import dataclips.export.chart.ChartSettingProblem;
import dataclips.export.chart.ChartWriter;
import dataclips.export.chart.ChartSpec;
import dataclips.export.chart.Drawing;
import dataclips.export.chart.ImageSize;
import dataclips.export.chart.LeadingKey;
import dataclips.results.StoredResult;
import dataclips.serving.Ask;
import dataclips.serving.Joined;
import dataclips.serving.Led;
import dataclips.serving.Outcome;
import dataclips.serving.Serving;
import dataclips.serving.Stored;
import dataclips.serving.Viewer;
import dataclips.serving.Want;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * GET and HEAD /clips/{slug}.{csv,json,xml,xlsx,svg,png}: the clip's current result in the format asked for (or
 * its chart, ?width=&height=), and /clips/{slug}/snapshots/{id}.{ext}: one snapshot. No cookie or script is needed: the URL alone works in
 * spreadsheets, pandas and curl. Serving decides where the result comes from; a stored one is sent with its
 * ETag, Last-Modified, X-Row-Count and X-Truncated (and 304 when the client's copy is current), a run with its
 * counts as trailers. X-Result says which: pinned, scheduled, stored, snapshot, live or shared.
 */
final class ExportRoute {
    private final Serving serving;
    private final ClientWatch clientWatch;
    private final AnonymousTraffic anonymous;
    private final ImageRenders renders;

    ExportRoute(Serving serving, ClientWatch clientWatch, AnonymousTraffic anonymous, ImageRenders renders) {
        this.renders = renders;
        this.serving = serving;
        this.clientWatch = clientWatch;
        this.anonymous = anonymous;
    }

    void serve(Context ctx, ClipRights rights) throws Exception {
        serve(ctx, rights, false);
    }

    /**
     * HEAD /clips/{slug}.{ext}, and HEAD of the page itself (no extension): the page's status and type, as GET would
     * answer them (the gate has found the clip), without rendering it.
     */
    void head(Context ctx, ClipRights rights) throws Exception {
        if (ctx.pathParam("slug").contains(".")) {
            serve(ctx, rights, true);
        } else {
            ctx.contentType("text/html; charset=utf-8");
        }
    }

    /** GET and HEAD /clips/{slug}.{ext}. HEAD runs nothing: a stored result's headers, or "live". */
    private void serve(Context ctx, ClipRights rights, boolean headOnly) throws Exception {
        String segment = ctx.pathParam("slug");
        int dot = segment.lastIndexOf('.');
        AskedClip asked = Asked.of(ctx, rights);
        Clip clip = asked.clip();
        ExportStream.Download download = download(ctx, segment.substring(dot + 1));
        anonymous.opened(ctx, clip, download.format().extension(), null);
        headers(ctx, download, clip.title());
        if (headOnly) {
            Optional<Stored> stored = serving.stored(asked, false, Auth.viewer(ctx));
            if (stored.isEmpty()) {
                ctx.header("X-Result", "live");
            } else {
                ExportStream.Download drawn = download.drawing(ChartViews.chartOf(clip, stored.get()));
                requireChart(drawn, stored.get());
                describe(ctx, drawn, stored.get());
            }
            return;
        }
        respond(ctx, asked, download, new Want.Current(false));
    }

    /** GET and HEAD /clips/{slug}/snapshots/{id}.{ext}: one snapshot, the same bytes for as long as it is kept. */
    void serveSnapshot(Context ctx, ClipRights rights, boolean headOnly) throws Exception {
        String segment = ctx.pathParam("id");
        int dot = segment.lastIndexOf('.');
        Clip clip = rights.clip();
        long id = RequestParts.snapshotId(segment.substring(0, dot));
        ExportStream.Download download = download(ctx, segment.substring(dot + 1));
        try (Stored snapshot = serving.snapshot(clip, Auth.viewer(ctx), id)) {
            ExportStream.Download drawn = download.drawing(snapshot.result().chart());
            anonymous.opened(ctx, clip, download.format().extension(), id);
            requireChart(drawn, snapshot);
            headers(ctx, download, clip.title() + " (" + snapshot.result().name().toLowerCase(java.util.Locale.ROOT) + ")");
            if (!describe(ctx, drawn, snapshot) && !headOnly) {
                ExportStream.replay(ctx, drawn, snapshot);
            }
        }
    }

    /** Streams what serving answers; the viewer leaving is watched throughout (a run may wait for its first row). */
    private void respond(Context ctx, AskedClip asked, ExportStream.Download download, Want want) throws Exception {
        Clip clip = asked.clip();
        Viewer viewer = Auth.viewer(ctx);
        try (AutoCloseable watch = clientWatch.watch(ctx, viewer::left);
             Outcome outcome = serving.serve(new Ask(asked, viewer, want, download.format().extension()))) {
            if (outcome instanceof Stored stored) {
                // Nothing runs on a follower; and the watch reads the connection, so with the response's length known
                // it could take the first bytes of the client's next request on it once the last byte has left.
                watch.close();
                ExportStream.Download drawn = download.drawing(ChartViews.chartOf(clip, stored));
                requireChart(drawn, stored);
                if (!describe(ctx, drawn, stored)) {
                    ExportStream.replay(ctx, drawn, stored);
                }
            } else if (outcome instanceof Led led) {
                ExportStream.live(ctx, download.drawing(clip.chart()), led);
            } else if (outcome instanceof Joined joined) {
                ExportStream.joined(ctx, download.drawing(clip.chart()), joined);
            }
        } catch (IOException gone) {
            // the viewer went away while the shared run had not begun: there is no one to answer
        }
    }

    /**
     * An image of a stored result that gets no chart is a 404 no_chart saying why, before anything is sent (a HEAD
     * too). The columns and the row count decide, or else the leading column's first values: read from the store.
     */
    private static void requireChart(ExportStream.Download download, Stored stored) throws IOException {
        if (!download.format().isImage()) {
            return;
        }
        ChartSpec spec = download.drawing().spec();
        StoredResult result = stored.result();
        LeadingKey leading = new LeadingKey();
        if (ChartPlan.needsLeadingKey(spec, result.columns())) {
            stored.replay(leading); // the first rows only: it asks for no more
        }
        Optional<String> missing = ChartPlan.missing(spec, result.columns(), result.rowCount(), leading);
        if (missing.isPresent()) {
            throw ExportStream.noChart(missing.get());
        }
    }

    private static void headers(Context ctx, ExportStream.Download download, String title) {
        Format format = download.format();
        boolean inline = format.isImage() || format.inlineAllowed() && "1".equals(ctx.queryParam("inline"));
        if (format == Format.SVG) {
            // An SVG opened on its own is a document: nothing in it may run or load, whatever the labels hold. The
            // clip page embeds it (object), so it may be framed by this site only.
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            ctx.header("X-Frame-Options", "SAMEORIGIN");
        }
        ctx.contentType(format.contentType());
        ctx.header("Content-Disposition", Downloads.contentDisposition(title, format.extension(), inline));
        ctx.header("Vary", "Accept-Encoding");
        // Secret URLs: no shared cache keeps a copy, and a browser asks again (cheaply, with its ETag) each time.
        ctx.header("Cache-Control", "private, no-cache");
    }

    /** Sets a stored result's validators and counts; true when the answer is 304 Not Modified. */
    private static boolean describe(Context ctx, ExportStream.Download download, Stored stored) {
        var result = stored.result();
        ctx.header("X-Result", stored.how().wire());
        String etag = Validators.etag(result, download.format(), download.tag(), download.gzip());
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

    /**
     * For an extension; an unknown format is the same 404 as any unknown clip. An image's size comes from
     * ?width=&height= (bounded; out of bounds is a 422 saying the bounds), its chart setting from the result.
     */
    private ExportStream.Download download(Context ctx, String extension) {
        Format format = Format.byExtension(extension).orElseThrow(() -> UserError.notFound("this clip"));
        boolean gzip = format.compressible()
                && Optional.ofNullable(ctx.header("Accept-Encoding")).orElse("").contains("gzip");
        if (format.isImage()) {
            fonts();
        }
        return new ExportStream.Download(format, gzip, format == Format.CSV && "1".equals(ctx.queryParam("bom")),
                new Drawing(ChartSpec.AUTO, format.isImage() ? size(ctx) : ImageSize.DEFAULT), renders);
    }

    /** A JVM without fonts draws no chart: a 503 saying what the server's operator installs, before anything runs. */
    private static void fonts() {
        try {
            ChartWriter.requireFonts();
        } catch (ChartFontsMissing e) {
            throw new UserError(503, "no_fonts", e.getMessage());
        }
    }

    private static ImageSize size(Context ctx) {
        try {
            return ImageSize.parse(ctx.queryParam("width"), ctx.queryParam("height"));
        } catch (ChartSettingProblem e) {
            throw new UserError(422, "bad_size", "the chart image's " + e.getMessage() + " (default "
                    + ImageSize.DEFAULT.width() + "x" + ImageSize.DEFAULT.height() + ")");
        }
    }
}
