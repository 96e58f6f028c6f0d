package dataclips.web;

import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.Kind;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.serving.Serving;
import dataclips.serving.Viewer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** /api/v1/clips/{slug}/snapshots, /pin and /refresh, and the admin's storage total. */
final class SnapshotApi {
    private final Clips clips;
    private final Results results;
    private final Serving serving;
    private final ClientWatch clientWatch;

    record TakeRequest(String label) {}

    record PinRequest(Long snapshot) {}

    SnapshotApi(Clips clips, Results results, Serving serving, ClientWatch clientWatch) {
        this.clientWatch = clientWatch;
        this.clips = clips;
        this.results = results;
        this.serving = serving;
    }

    void register(Javalin app) {
        app.get("/api/v1/clips/{slug}/snapshots", ctx -> {
            Clip clip = viewable(ctx);
            ctx.json(results.snapshots(clip).stream().map(s -> SnapshotViews.of(clip, s, ctx)).toList());
        });
        app.post("/api/v1/clips/{slug}/snapshots", ctx -> {
            Clip clip = Asked.of(ctx, editable(ctx)); // ?name=value: the values the snapshot runs with
            String label = ctx.body().isBlank() ? null : Json.body(ctx, TakeRequest.class).label();
            StoredResult taken = record(ctx, clientWatch, serving, clip, Kind.SNAPSHOT, label);
            ctx.status(201).json(SnapshotViews.of(clip, taken, ctx));
        });
        app.get("/api/v1/clips/{slug}/snapshots/{id}", ctx -> {
            Clip clip = viewable(ctx);
            ctx.json(SnapshotViews.of(clip, results.snapshot(clip, snapshotId(ctx.pathParam("id"))), ctx));
        });
        app.delete("/api/v1/clips/{slug}/snapshots/{id}", ctx -> {
            results.deleteSnapshot(editable(ctx), snapshotId(ctx.pathParam("id")));
            ctx.status(204);
        });
        app.put("/api/v1/clips/{slug}/pin", ctx -> {
            Clip clip = editable(ctx);
            Long id = Json.body(ctx, PinRequest.class).snapshot();
            if (id == null) {
                throw new UserError(422, "no_snapshot", "say which snapshot to pin: {\"snapshot\": <id>}");
            }
            StoredResult pinned = results.pins().pin(clip, id);
            ctx.json(Map.of("clip", ClipViews.of(clips.viewable(clip.slug(), Auth.user(ctx)), ctx),
                    "snapshot", SnapshotViews.of(clip, pinned, ctx)));
        });
        app.delete("/api/v1/clips/{slug}/pin", ctx -> {
            Clip clip = editable(ctx);
            results.pins().unpin(clip);
            ctx.json(ClipViews.of(clips.viewable(clip.slug(), Auth.user(ctx)), ctx));
        });
        app.post("/api/v1/clips/{slug}/refresh", ctx -> {
            Clip clip = Asked.of(ctx, editable(ctx));
            StoredResult fresh = record(ctx, clientWatch, serving, clip, Kind.LIVE, null);
            ctx.json(Map.of("id", fresh.id(), "captured_at", fresh.startedAt(), "row_count", fresh.rowCount()));
        });
        app.get("/api/v1/storage", ctx -> {
            Auth.requireAdmin(ctx);
            ctx.json(results.totalStorage());
        });
    }

    /** Runs the clip for the store while its requester waits: one who leaves stops the run (README, "Security"). */
    static StoredResult record(Context ctx, ClientWatch watch, Serving serving, Clip clip, Kind kind, String label) {
        Viewer viewer = Auth.viewer(ctx);
        return watch.during(ctx, viewer, () -> serving.record(clip, viewer, kind, label));
    }

    /** Snapshot ids in URLs; anything else is the same 404 as an unknown snapshot. */
    static long snapshotId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw UserError.notFound("this snapshot");
        }
    }

    private Clip viewable(Context ctx) {
        return clips.viewable(ctx.pathParam("slug"), Optional.of(Auth.requireUser(ctx)));
    }

    private Clip editable(Context ctx) {
        return clips.editable(ctx.pathParam("slug"), Optional.of(Auth.requireUser(ctx)));
    }
}
