package dataclips.web;

import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.Results;
import dataclips.results.SnapshotComparison;
import dataclips.results.SnapshotDiff;
import dataclips.results.StoredResult;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Comparing two snapshots of a clip ("what changed between March and April"): the page
 * GET /clips/{slug}/compare?from=&to= for anyone who may view the clip, and the same as JSON at
 * GET /api/v1/clips/{slug}/compare?from=&to= for API callers.
 */
final class CompareRoutes {
    private final Clips clips;
    private final Results results;
    private final SnapshotDiff diff;
    private final Pages pages;

    CompareRoutes(Clips clips, Results results, Pages pages) {
        this.clips = clips;
        this.results = results;
        this.diff = new SnapshotDiff(results);
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/clips/{slug}/compare", this::page);
        app.get("/api/v1/clips/{slug}/compare", ctx -> {
            // The API is for signed-in callers only, as in ClipApi: link sharing does not open it.
            Clip clip = clips.viewable(ctx.pathParam("slug"), Optional.of(Auth.requireUser(ctx)));
            SnapshotComparison comparison = diff.compare(clip, snapshotId(ctx, "from"), snapshotId(ctx, "to"));
            ctx.json(CompareViews.json(clip, comparison, ctx));
        });
    }

    private void page(Context ctx) {
        Clip clip = clips.viewable(ctx.pathParam("slug"), Auth.user(ctx));
        List<StoredResult> snapshots = SnapshotViews.shown(clip, results.snapshots(clip), Auth.user(ctx));
        Map<String, Object> model = new HashMap<>();
        model.put("clip", ClipViews.of(clip, ctx));
        model.put("signedIn", Auth.user(ctx).isPresent());
        model.put("choices", CompareViews.choices(snapshots));
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if (from == null && to == null) {
            // Nothing asked yet: the two newest snapshots are picked, older first, and nothing is compared.
            from = snapshots.size() > 1 ? Long.toString(snapshots.get(1).id()) : null;
            to = snapshots.isEmpty() ? null : Long.toString(snapshots.get(0).id());
        } else {
            try {
                long fromId = shown(ctx, clip, snapshotId(ctx, "from"), "from");
                long toId = shown(ctx, clip, snapshotId(ctx, "to"), "to");
                model.putAll(comparisonModel(clip, diff.compare(clip, fromId, toId)));
            } catch (UserError e) {
                // The page stays, with its pickers, so a wrong pick is one change away from a right one.
                ctx.status(e.status());
                model.put("error", e.getMessage());
            }
        }
        model.put("fromId", from == null ? "" : from.strip());
        model.put("toId", to == null ? "" : to.strip());
        pages.render(ctx, "clips/compare", model);
    }

    private static Map<String, Object> comparisonModel(Clip clip, SnapshotComparison c) {
        Map<String, Object> model = new HashMap<>();
        model.put("comparison", c);
        model.put("from", CompareViews.facts(clip, c.from()));
        model.put("to", CompareViews.facts(clip, c.to()));
        model.put("addedTable", CompareViews.table(c.columns(), c.added()));
        model.put("removedTable", CompareViews.table(c.columns(), c.removed()));
        model.put("addedText", CompareViews.rows(c.addedCount()) + " added");
        model.put("removedText", CompareViews.rows(c.removedCount()) + " removed");
        return model;
    }

    /** The id, unless it names a snapshot this viewer may not see: then the 404 of an unknown one. */
    private long shown(Context ctx, Clip clip, long id, String side) {
        if (Auth.user(ctx).isPresent()) {
            return id;
        }
        List<StoredResult> taken;
        try {
            taken = List.of(results.snapshot(clip, id));
        } catch (UserError unknown) {
            return id; // the comparison says it is unknown, in its own words
        }
        if (SnapshotViews.shown(clip, taken, Auth.user(ctx)).isEmpty()) {
            throw UserError.notFound("snapshot " + id + " (\"" + side + "\") of this clip");
        }
        return id;
    }

    /** A snapshot id from the query: missing is a 422 that says what to send, not a number the same 404 as unknown. */
    private static long snapshotId(Context ctx, String param) {
        String text = ctx.queryParam(param);
        if (text == null || text.isBlank()) {
            throw new UserError(422, "missing_snapshot", "say which two snapshots to compare: ?from=<snapshot id>"
                    + "&to=<snapshot id> (the older first; GET /api/v1/clips/{slug}/snapshots lists them)");
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw UserError.notFound("snapshot '" + text.strip() + "' of this clip");
        }
    }
}
