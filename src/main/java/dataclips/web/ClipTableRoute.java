package dataclips.web;

import dataclips.UserError;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.export.PageTable;
import dataclips.run.Cancellation;
import dataclips.run.RunOutcome;
import dataclips.run.Runs;
import dataclips.sources.FollowerHealth;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GET /clips/{slug}/table: runs the clip and answers the results table as an HTML fragment, which the clip
 * page loads (showing the elapsed time and a cancel button meanwhile). A SQL error is a 200 with the error
 * shown; only "no follower can run it" is a 503.
 */
final class ClipTableRoute {
    private final Clips clips;
    private final Runs runs;
    private final ClientWatch clientWatch;
    private final Pages pages;

    ClipTableRoute(Clips clips, Runs runs, ClientWatch clientWatch, Pages pages) {
        this.clips = clips;
        this.runs = runs;
        this.clientWatch = clientWatch;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/clips/{slug}/table", this::table);
    }

    private void table(Context ctx) throws Exception {
        Optional<User> viewer = Auth.user(ctx);
        Clip clip = clips.viewable(ctx.pathParam("slug"), viewer);
        PageTable table = new PageTable();
        Cancellation cancel = new Cancellation();
        RunOutcome outcome;
        try (AutoCloseable watch = clientWatch.watch(ctx, () -> cancel.cancel("the viewer went away"))) {
            outcome = runs.run(new Runs.Request(clip, clips.sourceOf(clip), viewer, "page"), table, cancel, table::bytes);
        } catch (UserError e) {
            ctx.status(e.status());
            pages.render(ctx, "clips/table", Map.of("unavailable", e.getMessage()));
            return;
        }
        if (outcome.cancelled().isPresent() && cancel.requested() && "the viewer went away".equals(cancel.reason())) {
            return; // nobody is left to read an answer
        }
        pages.render(ctx, "clips/table", model(clip, table, outcome));
    }

    private static Map<String, Object> model(Clip clip, PageTable table, RunOutcome outcome) {
        Map<String, Object> model = new HashMap<>();
        model.put("table", table);
        model.put("outcome", outcome);
        model.put("tookText", String.format("%.2f s", outcome.duration().toNanos() / 1e9));
        model.put("asOfText", ClipViews.shown(outcome.asOf()));
        model.put("behindText", FollowerHealth.humanSeconds(Math.max(0, outcome.lagSeconds())));
        outcome.problem().ifPresent(p -> model.put("sqlError", SqlErrorView.of(p, clip.sql())));
        outcome.cancelled().ifPresent(reason -> model.put("cancelled", reason));
        return model;
    }
}
