package dataclips.web;

import dataclips.UserError;
import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.clips.ClipVersion;
import dataclips.clips.Clips;
import dataclips.export.PageTable;
import dataclips.results.ResultKind;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.serving.Serving;
import dataclips.serving.Stored;
import dataclips.HumanBytes;
import io.javalin.http.Context;
import java.util.List;

/** A snapshot's page and downloads, and the owner's buttons: take a snapshot, pin, unpin, delete. */
final class SnapshotPages {
    /** templates/clips/snapshot.html: sql is for those who may see the clip's SQL (null for others). */
    record SnapshotPage(ClipViews.ClipView clip, SnapshotViews.SnapshotView snapshot, ResultTable result,
                        String capturedText, String sizeText, String sql, List<SnapshotViews.SnapshotView> others,
                        boolean signedIn, String notice) {}

    private final Clips clips;
    private final Results results;
    private final Serving serving;
    private final Pages pages;
    private final ExportRoute exports;
    private final AnonymousTraffic anonymous;

    SnapshotPages(Clips clips, Results results, Serving serving, Pages pages, ExportRoute exports,
                  AnonymousTraffic anonymous) {
        this.anonymous = anonymous;
        this.clips = clips;
        this.results = results;
        this.serving = serving;
        this.pages = pages;
        this.exports = exports;
    }

    /** One path segment serves the page (/snapshots/12) and its downloads (/snapshots/12.csv …). */
    void pageOrDownload(Context ctx, ClipRights rights) throws Exception {
        if (ctx.pathParam("id").contains(".")) {
            exports.serveSnapshot(ctx, rights, false);
        } else {
            page(ctx, rights);
        }
    }

    void head(Context ctx, ClipRights rights) throws Exception {
        if (!ctx.pathParam("id").contains(".")) {
            throw new UserError(405, "method_not_allowed", "HEAD is for the download URLs (.csv, .json, .xml, .xlsx)");
        }
        exports.serveSnapshot(ctx, rights, true);
    }

    void take(Context ctx, ClipRights rights) {
        AskedClip asked = Asked.of(ctx, rights);
        StoredResult taken = Asked.record(ctx, asked, ResultKind.SNAPSHOT, ctx.formParam("label"));
        ctx.redirect(SnapshotViews.path(asked.clip(), taken) + "?notice=taken");
    }

    void pin(Context ctx, ClipRights rights) {
        results.pins().pin(rights.clip(), RequestParts.snapshotId(ctx));
        ctx.redirect(rights.clip().path() + "?notice=pinned");
    }

    void unpin(Context ctx, ClipRights rights) {
        results.pins().unpin(rights.clip());
        ctx.redirect(rights.clip().path() + "?notice=unpinned");
    }

    void delete(Context ctx, ClipRights rights) {
        results.deleteSnapshot(rights.clip(), RequestParts.snapshotId(ctx));
        ctx.redirect(rights.clip().path() + "?notice=snapshot-deleted");
    }

    private void page(Context ctx, ClipRights rights) throws Exception {
        Clip clip = rights.clip();
        long id = RequestParts.snapshotId(ctx);
        PageTable table = new PageTable();
        StoredResult snapshot;
        try (Stored stored = serving.snapshot(clip, Auth.viewer(ctx), id)) {
            anonymous.opened(ctx, clip, "html", id);
            stored.replay(table);
            snapshot = stored.result();
        }
        boolean seesSql = rights.may(ClipAction.SEE_SQL);
        ResultTable result = ResultTable.stored(table, snapshot, "snapshot").withChart(ChartViews.of(
                SnapshotViews.path(clip, snapshot), "", snapshot.chart(), table, snapshot.rowCount(),
                rights.may(ClipAction.EDIT), null));
        pages.render(ctx, "clips/snapshot", new SnapshotPage(ClipViews.of(rights, ctx),
                SnapshotViews.of(clip, snapshot, ctx), seesSql ? result : result.forLinkHolder(),
                ClipViews.shown(snapshot.startedAt()), HumanBytes.of(snapshot.byteSize()),
                seesSql ? sqlOf(clip, snapshot.clipVersion()) : null,
                SnapshotViews.shown(rights, results.snapshots(clip)).stream().filter(s -> s.id() != snapshot.id())
                        .map(s -> SnapshotViews.of(clip, s, ctx)).toList(),
                Auth.user(ctx).isPresent(), "taken".equals(ctx.queryParam("notice"))
                        ? "Snapshot taken. Its URLs below never change." : null));
    }

    /** The SQL the snapshot ran: its version's text, kept with the clip's history. */
    private String sqlOf(Clip clip, int version) {
        try {
            ClipVersion v = clips.version(clip, version);
            return v.sql();
        } catch (UserError e) {
            return "(version " + version + " is no longer kept)";
        }
    }
}
