package dataclips.web;

import dataclips.access.ClipRights;
import dataclips.access.Policy;
import dataclips.accounts.RunLog;
import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.Results;
import dataclips.results.Storage;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** The actions on a clip from its page (sharing, rotate, fork, delete, restore), the history pages and the run logs. */
final class ClipActionPages {
    private final Clips clips;
    private final Policy policy;
    private final RunLog runLog;
    private final Pages pages;
    private final Results results;

    ClipActionPages(Clips clips, Policy policy, RunLog runLog, Pages pages, Results results) {
        this.clips = clips;
        this.policy = policy;
        this.runLog = runLog;
        this.pages = pages;
        this.results = results;
    }

    void share(Context ctx, ClipRights clip) {
        Clip shared = new SharingChange(Optional.of(Access.parse(ctx.formParam("access"))), Optional.empty())
                .apply(clips, clip, Auth.user(ctx).orElseThrow());
        ctx.redirect(shared.path() + "?notice=shared");
    }

    void rotate(Context ctx, ClipRights clip) {
        ctx.redirect(clips.rotate(clip.clip(), Auth.user(ctx).orElseThrow()).path() + "?notice=rotated");
    }

    void fork(Context ctx, ClipRights clip) {
        User user = Auth.user(ctx).orElseThrow();
        ChoicesAccess.requireDeclarable(policy, clips, user, clip.clip().parameters(), user.id(), Access.LINK);
        ctx.redirect(clips.fork(clip.clip(), user).path() + "?notice=forked");
    }

    void delete(Context ctx, ClipRights clip) {
        clips.delete(clip.clip());
        ctx.redirect("/");
    }

    void versionsPage(Context ctx, ClipRights clip) {
        pages.render(ctx, "clips/versions", new VersionsPage(ClipViews.of(clip, ctx),
                ClipViews.versionRows(clips.versions(clip.clip()))));
    }

    void versionPage(Context ctx, ClipRights clip) {
        pages.render(ctx, "clips/version", new VersionPage(ClipViews.of(clip, ctx),
                ClipViews.version(clips.version(clip.clip(), RequestParts.versionNumber(ctx)))));
    }

    void restore(Context ctx, ClipRights clip) {
        Clip restored = clips.restore(clip.clip(), RequestParts.versionNumber(ctx), Auth.user(ctx).orElseThrow());
        ctx.redirect(restored.path() + "?notice=restored");
    }

    void runsPage(Context ctx, ClipRights clip) {
        pages.render(ctx, "clips/runs", new RunsPage("Runs of " + clip.clip().title(),
                runLog.forClip(clip.clip().id(), 500), ClipViews.of(clip, ctx), null));
    }

    void auditPage(Context ctx, User admin) {
        Storage storage = results.totalStorage();
        pages.render(ctx, "clips/runs", new RunsPage("Audit log: every run", runLog.recent(1000), null,
                StorageText.of("every clip", storage)));
    }

    /** Admins read every run; others the runs of the clips they may edit, and their own previews. */
    void runLog(Context ctx, User user) {
        ctx.json(user.isAdmin() ? runLog.recent(500) : runLog.forUser(user, policy.clipsWithReadableRuns(user), 500));
    }

    record VersionsPage(ClipViews.ClipView clip, List<ClipViews.VersionRow> versions) {}

    record VersionPage(ClipViews.ClipView clip, ClipViews.VersionView version) {}

    /** templates/clips/runs.html: one clip's runs (clip), or every run with what the store holds (storageText). */
    record RunsPage(String heading, List<RunLog.Entry> runs, ClipViews.ClipView clip, String storageText) {}
}
