package dataclips.web;

import dataclips.UserError;
import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.clips.Clip;
import dataclips.results.Results;
import dataclips.results.SnapshotComparison;
import dataclips.results.SnapshotDiff;
import dataclips.results.StoredResult;
import dataclips.export.PageTable;
import io.javalin.http.Context;
import java.util.List;

/**
 * Comparing two snapshots of a clip ("what changed between March and April"): the page
 * GET /clips/{slug}/compare?from=&to= for anyone who may open the clip, and the same as JSON at
 * GET /api/v1/clips/{slug}/compare?from=&to= for API callers.
 */
final class CompareRoutes {
    private final Results results;
    private final SnapshotDiff diff;
    private final Pages pages;

    CompareRoutes(Results results, Pages pages) {
        this.results = results;
        this.diff = new SnapshotDiff(results);
        this.pages = pages;
    }

    void api(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        SnapshotComparison comparison = diff.compare(clip, shown(rights, snapshotId(ctx, "from"), "from"),
                shown(rights, snapshotId(ctx, "to"), "to"));
        ctx.json(CompareViews.json(clip, comparison, ctx));
    }

    void page(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        List<StoredResult> snapshots = SnapshotViews.shown(rights, results.snapshots(clip));
        Compared compared = null;
        String error = null;
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if (from == null && to == null) {
            // Nothing asked yet: the two newest snapshots are picked, older first, and nothing is compared.
            from = snapshots.size() > 1 ? Long.toString(snapshots.get(1).id()) : null;
            to = snapshots.isEmpty() ? null : Long.toString(snapshots.get(0).id());
        } else {
            try {
                long fromId = shown(rights, snapshotId(ctx, "from"), "from");
                compared = Compared.of(clip, diff.compare(clip, fromId, shown(rights, snapshotId(ctx, "to"), "to")));
            } catch (UserError e) {
                // The page stays, with its pickers, so a wrong pick is one change away from a right one.
                ctx.status(e.status());
                error = e.getMessage();
            }
        }
        pages.render(ctx, "clips/compare", new ComparePage(ClipViews.of(rights, ctx), Auth.user(ctx).isPresent(),
                CompareViews.choices(snapshots), from == null ? "" : from.strip(), to == null ? "" : to.strip(), error,
                compared));
    }

    /** templates/clips/compare.html: the pickers, and the comparison once two snapshots are picked (or the error). */
    record ComparePage(ClipViews.ClipView clip, boolean signedIn, List<CompareViews.Choice> choices, String fromId,
                       String toId, String error, Compared compared) {}

    /** The comparison of two snapshots: each side's facts, the rows added and removed. */
    record Compared(SnapshotComparison comparison, CompareViews.SideFacts from, CompareViews.SideFacts to,
                    PageTable addedTable, PageTable removedTable, String addedText,
                    String removedText) implements Pages.Section {
        static Compared of(Clip clip, SnapshotComparison c) {
            return new Compared(c, CompareViews.facts(clip, c.from()), CompareViews.facts(clip, c.to()),
                    CompareViews.table(c.columns(), c.added()), CompareViews.table(c.columns(), c.removed()),
                    CompareViews.rows(c.addedCount()) + " added", CompareViews.rows(c.removedCount()) + " removed");
        }
    }

    /** The id, unless it names a snapshot this caller may not see ({@link SnapshotViews#shown}): then an unknown one's 404. */
    private long shown(ClipRights rights, long id, String side) {
        if (rights.may(ClipAction.SEE_SQL)) {
            return id;
        }
        List<StoredResult> taken;
        try {
            taken = List.of(results.snapshot(rights.clip(), id));
        } catch (UserError unknown) {
            return id; // the comparison says it is unknown, in its own words
        }
        if (SnapshotViews.shown(rights, taken).isEmpty()) {
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
