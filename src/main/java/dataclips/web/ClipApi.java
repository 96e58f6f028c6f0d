package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.access.ClipRights;
import dataclips.access.Policy;
import dataclips.accounts.RunLog;
import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.Clip;
import dataclips.clips.ClipChanges;
import dataclips.clips.ClipListing;
import dataclips.clips.Clips;
import dataclips.parameters.Parameter;
import dataclips.parameters.Parameters;
import dataclips.export.chart.ChartSpec;
import dataclips.results.Results;
import dataclips.sources.Sources;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * /api/v1/clips…: JSON in and out, a bearer token or a session (with its CSRF token) for every call. The route table
 * says what each call needs; a clip comes in with the caller's rights, and goes out as they may see it.
 */
final class ClipApi {
    private final Clips clips;
    private final Sources sources;
    private final Policy policy;
    private final RunLog runLog;
    private final Results results;

    /** parameters: the declarations, as PUT /api/v1/clips/{slug}/parameters takes them (README, "Parameters"). */
    record CreateRequest(String title, String description, String source, String sql, JsonNode parameters) {}

    record PatchRequest(String title, String description, String source, String sql, Integer maxAgeSeconds,
                        JsonNode parameters) {}

    /** expires_at: absent leaves the link expiry as it is, JSON null removes it, an ISO-8601 time sets it. */
    record SharingRequest(String access, JsonNode expiresAt) {}

    ClipApi(Clips clips, Sources sources, Policy policy, RunLog runLog, Results results) {
        this.clips = clips;
        this.sources = sources;
        this.policy = policy;
        this.runLog = runLog;
        this.results = results;
    }

    /** Still a bare array (scripts read it as one); the count of all matches goes in a header. */
    void list(Context ctx, User user) {
        ClipListing listing = clips.list(ClipListViews.query(ctx, user, policy.listScope(user), ctx.queryParam("per_page")));
        ctx.header("X-Total-Count", String.valueOf(listing.total()));
        ctx.json(ClipListViews.items(listing, policy, user, ctx));
    }

    void create(Context ctx, User user) {
        CreateRequest body = Json.body(ctx, CreateRequest.class);
        Queryable.requireNamed(policy, sources, user, body.source());
        List<Parameter> declared = declarations(body.parameters()).orElse(List.of());
        ChoicesAccess.requireDeclarable(policy, clips, user, declared, user.id(), Access.LINK); // a new clip is a link clip
        Clip clip = clips.create(user, new Clips.Draft(body.title(), body.description(), body.source(), body.sql(), declared));
        ctx.status(201).json(view(ctx, clip));
    }

    void one(Context ctx, ClipRights clip) {
        ctx.json(ClipViews.of(clip, ctx));
    }

    void patch(Context ctx, ClipRights clip) {
        User user = Auth.user(ctx).orElseThrow();
        PatchRequest body = Json.body(ctx, PatchRequest.class);
        Optional.ofNullable(body.source()).ifPresent(name -> Queryable.requireNamed(policy, sources, user, name));
        Optional<List<Parameter>> declared = declarations(body.parameters());
        declared.ifPresent(d -> ChoicesAccess.requireDeclarable(policy, clips, user, d, clip.clip().ownerId(),
                clip.clip().access()));
        Clip changed = clips.edit(clip.clip(), user, ClipChanges.none().title(body.title())
                .description(body.description()).source(body.source()).sql(body.sql())
                .maxAgeSeconds(body.maxAgeSeconds()).parameters(declared.orElse(null)));
        ctx.json(view(ctx, changed));
    }

    void parameters(Context ctx, ClipRights clip) {
        ctx.json(ClipViews.parameters(clip.clip().parameters()));
    }

    void declare(Context ctx, ClipRights clip) {
        User user = Auth.user(ctx).orElseThrow();
        List<Parameter> declared = Parameters.fromJson(ctx.body());
        ChoicesAccess.requireDeclarable(policy, clips, user, declared, clip.clip().ownerId(), clip.clip().access());
        ctx.json(ClipViews.parameters(clips.declare(clip.clip(), user, declared).parameters()));
    }

    void chart(Context ctx, ClipRights clip) {
        ctx.json(ClipViews.chart(clip.clip().chart()));
    }

    void setChart(Context ctx, ClipRights clip) {
        ChartSpec chart = ChartSettings.read(ctx.body());
        Clip changed = clips.setChart(clip.clip(), Auth.user(ctx).orElseThrow(), chart, results.newestColumns(clip.clip()));
        ctx.json(ClipViews.chart(changed.chart()));
    }

    void delete(Context ctx, ClipRights clip) {
        clips.delete(clip.clip());
        ctx.status(204);
    }

    void versions(Context ctx, ClipRights clip) {
        ctx.json(clips.versions(clip.clip()).stream().map(ClipViews::version).toList());
    }

    void restore(Context ctx, ClipRights clip) {
        ctx.json(view(ctx, clips.restore(clip.clip(), RequestParts.versionNumber(ctx), Auth.user(ctx).orElseThrow())));
    }

    void fork(Context ctx, ClipRights clip) {
        User user = Auth.user(ctx).orElseThrow();
        ChoicesAccess.requireDeclarable(policy, clips, user, clip.clip().parameters(), user.id(), Access.LINK);
        ctx.status(201).json(view(ctx, clips.fork(clip.clip(), user)));
    }

    /** Narrowing is for editors; widening (to link, a later or no expiry) for the owner and admins. */
    void share(Context ctx, ClipRights clip) {
        SharingRequest body = Json.body(ctx, SharingRequest.class);
        SharingChange change = new SharingChange(
                body.access() != null || body.expiresAt() == null ? Optional.of(Access.parse(body.access())) : Optional.empty(),
                body.expiresAt() == null ? Optional.empty() : Optional.of(RequestParts.expiry(body.expiresAt())));
        ctx.json(view(ctx, change.apply(clips, clip, Auth.user(ctx).orElseThrow())));
    }

    void rotate(Context ctx, ClipRights clip) {
        Clip rotated = clips.rotate(clip.clip(), Auth.user(ctx).orElseThrow());
        ctx.json(Map.of("slug", rotated.slug(), "url", ClipViews.base(ctx) + rotated.path()));
    }

    void runs(Context ctx, ClipRights clip) {
        ctx.json(runLog.forClip(clip.clip().id(), 500));
    }

    /** The clip as the caller may see it now (a change may have changed what they may do). */
    private ClipViews.ClipView view(Context ctx, Clip clip) {
        return ClipViews.of(policy.clip(Auth.user(ctx), clip), ctx);
    }

    private static Optional<List<Parameter>> declarations(JsonNode parameters) {
        return Optional.ofNullable(parameters).filter(p -> !p.isNull()).map(p -> Parameters.fromJson(p.toString()));
    }
}
