package dataclips.web;

import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.clips.ClipVersion;
import dataclips.clips.Clips;
import dataclips.export.PageTable;
import dataclips.results.Kind;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.serving.Ask;
import dataclips.serving.Outcome;
import dataclips.serving.Serving;
import dataclips.serving.Stored;
import dataclips.serving.Viewer;
import dataclips.serving.Want;
import dataclips.sources.FollowerHealth;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A snapshot's page and downloads, and the owner's buttons: take a snapshot, pin, unpin, delete. */
final class SnapshotPages {
    private final Clips clips;
    private final Results results;
    private final Serving serving;
    private final Pages pages;
    private final ExportRoute exports;
    private final AnonymousTraffic anonymous;
    private final ClientWatch clientWatch;

    SnapshotPages(Clips clips, Results results, Serving serving, Pages pages, ExportRoute exports,
                  AnonymousTraffic anonymous, ClientWatch clientWatch) {
        this.anonymous = anonymous;
        this.clientWatch = clientWatch;
        this.clips = clips;
        this.results = results;
        this.serving = serving;
        this.pages = pages;
        this.exports = exports;
    }

    void register(Javalin app) {
        // One path segment serves the page (/snapshots/12) and its downloads (/snapshots/12.csv …).
        app.get("/clips/{slug}/snapshots/{id}", ctx -> {
            if (ctx.pathParam("id").contains(".")) {
                exports.serveSnapshot(ctx, false);
            } else {
                page(ctx);
            }
        });
        app.head("/clips/{slug}/snapshots/{id}", ctx -> {
            if (!ctx.pathParam("id").contains(".")) {
                throw new UserError(405, "method_not_allowed", "HEAD is for the download URLs (.csv, .json, .xml, .xlsx)");
            }
            exports.serveSnapshot(ctx, true);
        });
        app.post("/clips/{slug}/snapshots", ctx -> {
            Clip clip = Asked.of(ctx, editable(ctx));
            StoredResult taken = SnapshotApi.record(ctx, clientWatch, serving, clip, Kind.SNAPSHOT, ctx.formParam("label"));
            ctx.redirect(SnapshotViews.path(clip, taken) + "?notice=taken");
        });
        app.post("/clips/{slug}/snapshots/{id}/pin", ctx -> {
            Clip clip = editable(ctx);
            results.pins().pin(clip, SnapshotApi.snapshotId(ctx.pathParam("id")));
            ctx.redirect(clip.path() + "?notice=pinned");
        });
        app.post("/clips/{slug}/unpin", ctx -> {
            Clip clip = editable(ctx);
            results.pins().unpin(clip);
            ctx.redirect(clip.path() + "?notice=unpinned");
        });
        app.post("/clips/{slug}/snapshots/{id}/delete", ctx -> {
            Clip clip = editable(ctx);
            results.deleteSnapshot(clip, SnapshotApi.snapshotId(ctx.pathParam("id")));
            ctx.redirect(clip.path() + "?notice=snapshot-deleted");
        });
    }

    private void page(Context ctx) throws Exception {
        Clip clip = clips.viewable(ctx.pathParam("slug"), Auth.user(ctx));
        long id = SnapshotApi.snapshotId(ctx.pathParam("id"));
        PageTable table = new PageTable();
        StoredResult snapshot;
        try (Outcome outcome = serving.serve(new Ask(clip, Auth.viewer(ctx), new Want.Snapshot(id), "page"))) {
            Stored stored = (Stored) outcome;
            anonymous.opened(ctx, clip, "html", id);
            stored.replay(table);
            snapshot = stored.result();
        }
        Map<String, Object> model = new HashMap<>(TableModel.stored(table, snapshot, "snapshot"));
        model.put("clip", ClipViews.of(clip, ctx));
        model.put("snapshot", SnapshotViews.of(clip, snapshot, ctx));
        model.put("capturedText", ClipViews.shown(snapshot.startedAt()));
        model.put("sizeText", FollowerHealth.humanBytes(snapshot.byteSize()));
        boolean signedIn = Auth.user(ctx).isPresent();
        if (signedIn) {
            model.put("sql", sqlOf(clip, snapshot.clipVersion()));
        } else {
            ClipTableRoute.forLinkHolder(model);
        }
        model.put("others", SnapshotViews.shown(clip, results.snapshots(clip), Auth.user(ctx)).stream()
                .filter(s -> s.id() != snapshot.id())
                .map(s -> SnapshotViews.of(clip, s, ctx)).toList());
        model.put("signedIn", signedIn);
        model.putAll(ChartViews.model(SnapshotViews.path(clip, snapshot), "", snapshot.chart(),
                Optional.of(snapshot.columns()), clip.editableBy(Auth.user(ctx))));
        Optional.ofNullable(ctx.queryParam("notice")).filter("taken"::equals)
                .ifPresent(n -> model.put("notice", "Snapshot taken. Its URLs below never change."));
        pages.render(ctx, "clips/snapshot", model);
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

    private Clip editable(Context ctx) {
        return clips.editable(ctx.pathParam("slug"), Optional.of(Auth.requireUser(ctx)));
    }
}
