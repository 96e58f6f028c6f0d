package dataclips.web;

import dataclips.UserError;
import dataclips.access.ClipRights;
import dataclips.access.Policy;
import dataclips.accounts.User;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.ResultKind;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import io.javalin.http.Context;
import java.util.Map;

/** /api/v1/clips/{slug}/snapshots, /pin and /refresh, and the admin's storage total. */
final class SnapshotApi {
    private final Clips clips;
    private final Policy policy;
    private final Results results;

    record TakeRequest(String label) {}

    record PinRequest(Long snapshot) {}

    SnapshotApi(Clips clips, Policy policy, Results results) {
        this.clips = clips;
        this.policy = policy;
        this.results = results;
    }

    void list(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        ctx.json(SnapshotViews.shown(rights, results.snapshots(clip)).stream().map(s -> SnapshotViews.of(clip, s, ctx))
                .toList());
    }

    /** ?name=value: the values the snapshot runs with. */
    void take(Context ctx, ClipRights rights) {
        AskedClip asked = Asked.of(ctx, rights);
        String label = ctx.body().isBlank() ? null : Json.body(ctx, TakeRequest.class).label();
        StoredResult taken = Asked.record(ctx, asked, ResultKind.SNAPSHOT, label);
        ctx.status(201).json(SnapshotViews.of(asked.clip(), taken, ctx));
    }

    void one(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        StoredResult snapshot = results.snapshot(clip, RequestParts.snapshotId(ctx));
        if (!SnapshotViews.shown(rights, snapshot)) {
            throw UserError.notFound("this snapshot"); // taken with values fixed otherwise for this caller
        }
        ctx.json(SnapshotViews.of(clip, snapshot, ctx));
    }

    void delete(Context ctx, ClipRights rights) {
        results.deleteSnapshot(rights.clip(), RequestParts.snapshotId(ctx));
        ctx.status(204);
    }

    void pin(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        Long id = Json.body(ctx, PinRequest.class).snapshot();
        if (id == null) {
            throw new UserError(422, "no_snapshot", "say which snapshot to pin: {\"snapshot\": <id>}");
        }
        StoredResult pinned = results.pins().pin(clip, id);
        ctx.json(Map.of("clip", current(ctx, clip), "snapshot", SnapshotViews.of(clip, pinned, ctx)));
    }

    void unpin(Context ctx, ClipRights rights) {
        results.pins().unpin(rights.clip());
        ctx.json(current(ctx, rights.clip()));
    }

    void refresh(Context ctx, ClipRights rights) {
        StoredResult fresh = Asked.record(ctx, Asked.of(ctx, rights), ResultKind.LIVE, null);
        ctx.json(Map.of("id", fresh.id(), "captured_at", fresh.startedAt(), "row_count", fresh.rowCount()));
    }

    void storage(Context ctx, User admin) {
        ctx.json(results.totalStorage());
    }

    /** The clip as it is now, as the caller may see it. */
    private ClipViews.ClipView current(Context ctx, Clip clip) {
        return ClipViews.of(policy.clip(Auth.user(ctx), clips.byId(clip.id()).orElseThrow()), ctx);
    }
}
