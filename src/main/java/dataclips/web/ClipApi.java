package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import dataclips.accounts.RunLog;
import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.Clip;
import dataclips.clips.ClipListing;
import dataclips.clips.Clips;
import dataclips.clips.Parameter;
import dataclips.clips.ParameterJson;
import dataclips.export.chart.ChartSpec;
import dataclips.results.Results;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** /api/v1/clips…: JSON in and out, a bearer token or a session (with its CSRF token) for every call. */
final class ClipApi {
    private final Clips clips;
    private final RunLog runLog;
    private final Results results;

    /** parameters: the declarations, as PUT /api/v1/clips/{slug}/parameters takes them (README, "Parameters"). */
    record CreateRequest(String title, String description, String source, String sql, JsonNode parameters) {}

    record PatchRequest(String title, String description, String source, String sql, Integer maxAgeSeconds,
                        JsonNode parameters) {}

    /** expires_at: absent leaves the link expiry as it is, JSON null removes it, an ISO-8601 time sets it. */
    record SharingRequest(String access, JsonNode expiresAt) {}

    ClipApi(Clips clips, RunLog runLog, Results results) {
        this.clips = clips;
        this.runLog = runLog;
        this.results = results;
    }

    void register(Javalin app) {
        app.get("/api/v1/clips", ctx -> {
            // Still a bare array (scripts read it as one); the count of all matches goes in a header.
            ClipListing listing = clips.list(ClipListViews.query(ctx, Auth.requireUser(ctx), ctx.queryParam("per_page")));
            ctx.header("X-Total-Count", String.valueOf(listing.total()));
            ctx.json(listing.items().stream().map(item -> ClipListViews.item(item, ctx)).toList());
        });
        app.post("/api/v1/clips", ctx -> {
            User user = Auth.requireUser(ctx);
            CreateRequest body = Json.body(ctx, CreateRequest.class);
            Clip clip = clips.create(user, new Clips.Draft(body.title(), body.description(), body.source(), body.sql(),
                    declarations(body.parameters()).orElse(List.of())));
            ctx.status(201).json(ClipViews.of(clip, ctx));
        });
        app.get("/api/v1/clips/{slug}", ctx -> ctx.json(ClipViews.of(viewable(ctx), ctx)));
        app.patch("/api/v1/clips/{slug}", this::patch);
        app.get("/api/v1/clips/{slug}/parameters", ctx -> ctx.json(ClipViews.parameters(viewable(ctx).parameters())));
        app.put("/api/v1/clips/{slug}/parameters", ctx -> {
            Clip clip = clips.declare(editable(ctx), Auth.requireUser(ctx), ParameterJson.fromJson(ctx.body()));
            ctx.json(ClipViews.parameters(clip.parameters()));
        });
        app.get("/api/v1/clips/{slug}/chart", ctx -> ctx.json(ClipViews.chart(viewable(ctx).chart())));
        app.put("/api/v1/clips/{slug}/chart", ctx -> {
            Clip clip = editable(ctx);
            ChartSpec chart = ChartSettings.read(ctx.body());
            Clip changed = clips.setChart(clip, Auth.requireUser(ctx), chart, results.newestColumns(clip));
            ctx.json(ClipViews.chart(changed.chart()));
        });
        app.delete("/api/v1/clips/{slug}", ctx -> {
            clips.delete(editable(ctx));
            ctx.status(204);
        });
        app.get("/api/v1/clips/{slug}/versions", ctx ->
                ctx.json(clips.versions(viewable(ctx)).stream().map(ClipViews::version).toList()));
        app.post("/api/v1/clips/{slug}/versions/{version}/restore", ctx -> {
            Clip clip = clips.restore(editable(ctx), versionNumber(ctx), Auth.requireUser(ctx));
            ctx.json(ClipViews.of(clip, ctx));
        });
        app.post("/api/v1/clips/{slug}/fork", ctx ->
                ctx.status(201).json(ClipViews.of(clips.fork(viewable(ctx), Auth.requireUser(ctx)), ctx)));
        app.put("/api/v1/clips/{slug}/sharing", ctx -> {
            Clip clip = editable(ctx);
            SharingRequest body = Json.body(ctx, SharingRequest.class);
            Optional<Access> access = body.access() != null || body.expiresAt() == null
                    ? Optional.of(Access.parse(body.access())) : Optional.empty();
            if (body.expiresAt() != null) { // first: a refused expiry changes nothing
                clip = clips.expireLink(clip, LinkRoutes.expiry(body.expiresAt()));
            }
            if (access.isPresent()) {
                clip = clips.share(clip, access.get());
            }
            ctx.json(ClipViews.of(clip, ctx));
        });
        app.post("/api/v1/clips/{slug}/rotate", ctx -> {
            Clip clip = clips.rotate(editable(ctx));
            ctx.json(Map.of("slug", clip.slug(), "url", ClipViews.base(ctx) + clip.path()));
        });
        app.get("/api/v1/clips/{slug}/runs", ctx -> ctx.json(runLog.forClip(editable(ctx).id(), 500)));
        app.get("/api/v1/runs", ctx -> {
            Auth.requireAdmin(ctx);
            ctx.json(runLog.recent(500));
        });
    }

    private void patch(Context ctx) {
        Clip clip = editable(ctx);
        PatchRequest body = Json.body(ctx, PatchRequest.class);
        Clip changed = clips.edit(clip, Auth.requireUser(ctx), new Clips.Changes(Optional.ofNullable(body.title()),
                Optional.ofNullable(body.description()), Optional.ofNullable(body.source()),
                Optional.ofNullable(body.sql()), Optional.ofNullable(body.maxAgeSeconds()), declarations(body.parameters())));
        ctx.json(ClipViews.of(changed, ctx));
    }

    private static Optional<List<Parameter>> declarations(JsonNode parameters) {
        return Optional.ofNullable(parameters).filter(p -> !p.isNull()).map(p -> ParameterJson.fromJson(p.toString()));
    }

    /** The API is for signed-in callers only, so link sharing does not open it. */
    private Clip viewable(Context ctx) {
        return clips.viewable(ctx.pathParam("slug"), Optional.of(Auth.requireUser(ctx)));
    }

    private Clip editable(Context ctx) {
        return clips.editable(ctx.pathParam("slug"), Optional.of(Auth.requireUser(ctx)));
    }

    static int versionNumber(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw UserError.notFound("version " + ctx.pathParam("version") + " of this clip");
        }
    }
}
