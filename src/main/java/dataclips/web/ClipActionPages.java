package dataclips.web;

import dataclips.accounts.RunLog;
import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.Results;
import dataclips.results.Storage;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** The owner's actions on a clip (sharing, rotate, fork, delete, restore) and the history pages. */
final class ClipActionPages {
    private final Clips clips;
    private final RunLog runLog;
    private final Pages pages;
    private final Results results;

    ClipActionPages(Clips clips, RunLog runLog, Pages pages, Results results) {
        this.results = results;
        this.clips = clips;
        this.runLog = runLog;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.post("/clips/{slug}/sharing", ctx -> {
            Clip clip = clips.share(editable(ctx), Access.parse(ctx.formParam("access")));
            ctx.redirect(clip.path() + "?notice=shared");
        });
        app.post("/clips/{slug}/rotate", ctx -> ctx.redirect(clips.rotate(editable(ctx)).path() + "?notice=rotated"));
        app.post("/clips/{slug}/fork", ctx -> {
            User user = Auth.requireUser(ctx);
            ctx.redirect(clips.fork(viewable(ctx), user).path() + "?notice=forked");
        });
        app.post("/clips/{slug}/delete", ctx -> {
            clips.delete(editable(ctx));
            ctx.redirect("/");
        });
        app.get("/clips/{slug}/versions", ctx -> {
            Clip clip = viewable(ctx);
            pages.render(ctx, "clips/versions", Map.of("clip", ClipViews.of(clip, ctx),
                    "versions", ClipViews.versionRows(clips.versions(clip))));
        });
        app.get("/clips/{slug}/versions/{version}", ctx -> {
            Clip clip = viewable(ctx);
            pages.render(ctx, "clips/version", Map.of("clip", ClipViews.of(clip, ctx),
                    "version", ClipViews.version(clips.version(clip, ClipApi.versionNumber(ctx)))));
        });
        app.post("/clips/{slug}/versions/{version}/restore", ctx -> {
            Clip clip = clips.restore(editable(ctx), ClipApi.versionNumber(ctx), Auth.requireUser(ctx));
            ctx.redirect(clip.path() + "?notice=restored");
        });
        app.get("/clips/{slug}/runs", ctx -> {
            Clip clip = editable(ctx);
            pages.render(ctx, "clips/runs", Map.of("heading", "Runs of " + clip.title(), "runs", runLog.forClip(clip.id(), 500),
                    "clip", ClipViews.of(clip, ctx)));
        });
        app.get("/admin/runs", ctx -> {
            Auth.requireAdmin(ctx);
            Storage storage = results.totalStorage();
            pages.render(ctx, "clips/runs", Map.of("heading", "Audit log: every run", "runs", runLog.recent(1000),
                    "storageText", "Stored results of every clip (live results and snapshots): "
                            + ClipPageModel.storage(storage) + "."));
        });
    }

    /** History and forks are for signed-in users; anonymous link holders see results only. */
    private Clip viewable(Context ctx) {
        return clips.viewable(ctx.pathParam("slug"), Optional.of(Auth.requireUser(ctx)));
    }

    private Clip editable(Context ctx) {
        return clips.editable(ctx.pathParam("slug"), Optional.of(Auth.requireUser(ctx)));
    }
}
