package dataclips.web;

import dataclips.HumanBytes;
import dataclips.ParameterProblem;
import dataclips.access.ClipAction;
import dataclips.access.ClipMembers;
import dataclips.access.ClipRights;
import dataclips.clips.Access;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.parameters.Parameter;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clip page's model (templates/clips/page.html): the results first, then one section each for Edit (SQL,
 * parameters, chart), Share (who may open it, the link, "Use this clip"), History (versions, snapshots, schedule,
 * runs) and Subscriptions (SubscriptionPages, for editors), each holding what the caller's rights (README, "Teams and
 * access") let them see and do. Every section is shut, so the page is about its results, except the one the viewer
 * just acted in (the notice after a change, or a form that came back with an error), which opens.
 */
final class ClipPageModel {
    /**
     * Share: who may open the clip (the access choices and, for its owner and admins, its members), its link and the
     * lines to use it. can: the caller's actions on the clip, as the API's "can" names them: editors ("edit") narrow
     * who may open it and move the link's expiry earlier, its owner and admins ("manage") also widen it, change its
     * members, rotate the link and read its access log; everyone gets "Use this clip" (help).
     */
    record ShareSection(List<String> can, List<AccessChoice> choices, List<ClipMembers.Member> members, String access,
                        String url, String summary, String lastOpened, String expiresValue, String expiresText,
                        boolean expired, ShareHelp.Panel help) {}

    /** One radio of "Who can open it"; widens: choosing it widens access, which only the owner and admins may do. */
    record AccessChoice(String value, String label, String note, boolean checked, boolean widens) {}

    /**
     * History: the versions (current number; listed for those who may see the SQL, "see_sql"), snapshots with their
     * sizes (taken and pinned by editors, "edit", who also read the runs), and what the clip's results take.
     */
    record HistorySection(List<String> can, String summary, int version, List<SnapshotViews.SnapshotView> snapshots,
                          Map<Long, String> sizes, String storage) {}

    /** Where the page finds the clips' members (Javalin's app data), as it finds {@link Asked}. */
    static final Key<ClipMembers> MEMBERS = new Key<>("dataclips.members");

    private ClipPageModel() {}

    /**
     * templates/clips/page.html. inputs: the parameter form; schedulePanel (in History); edit: for editors only;
     * subscriptions: for signed-in viewers (shown to editors).
     * open: the section the viewer just acted in.
     */
    record ClipPage(ClipViews.ClipView clip, boolean signedIn, String updatedText, String notice, String open,
                    String tableSrc, String pinnedName, LinkState link, ParameterForm.Inputs inputs,
                    ScheduleViews.Panel schedulePanel, ShareSection share, HistorySection history, EditSection edit,
                    SubscriptionsPanel subscriptions) {}

    /**
     * asked: the clip with the URL's checked parameter values; empty when a form came back, or when a value the URL
     * gave was refused (problem): the page then shows the form with the message beside the field, and no results.
     * edit: the Edit section, for editors (empty for everyone else).
     */
    static ClipPage of(Context ctx, ClipRights rights, Optional<AskedClip> asked, Clips clips, Results results,
                       Optional<ParameterProblem> problem, Optional<EditSection> edit) {
        Clip clip = rights.clip();
        boolean signedIn = Auth.user(ctx).isPresent();
        List<Parameter> parameters = asked.map(AskedClip::parameters).orElse(clip.parameters());
        Map<String, String> checked = asked.<Map<String, String>>map(a -> a.arguments().shown()).orElse(Map.of());
        String values = ParameterForm.query(ctx, parameters);
        boolean asksRefresh = "1".equals(ctx.queryParam("refresh")) && rights.may(ClipAction.EDIT);
        boolean refresh = asksRefresh && Csrf.fromOwnPages(ctx);
        String notice = asksRefresh && !refresh // a link from another site
                ? "Run now runs the clip only when clicked on this page: click it below to run it."
                : Optional.ofNullable(ctx.queryParam("notice")).map(ClipPageModel::notice).orElse(null);
        String tableSrc = problem.isPresent() ? null
                : clip.path() + "/table" + values + (refresh ? (values.isEmpty() ? "?" : "&") + "refresh=1" : "");
        LinkState link = LinkState.of(clip, clips);
        ScheduleViews.Panel schedule = ScheduleViews.panel(ctx, rights);
        HistorySection history = signedIn ? history(ctx, rights, results, schedule) : null;
        return new ClipPage(ClipViews.of(rights, ctx), signedIn, ClipViews.shown(clip.updatedAt()), notice,
                edit.filter(EditSection::cameBack).map(e -> "edit").orElse(open(ctx)), tableSrc,
                clip.pinned().map(id -> results.stored(clip, id).name()).orElse(null), link,
                ParameterForm.model(ctx, parameters, checked, !rights.may(ClipAction.SEE_SQL), problem), schedule,
                share(ctx, rights, clips, values, link), history, edit.orElse(null),
                signedIn ? SubscriptionsPanel.of(ctx, rights, history.snapshots()) : null);
    }

    private static ShareSection share(Context ctx, ClipRights rights, Clips clips, String values, LinkState link) {
        Clip clip = rights.clip();
        boolean expired = link.expired();
        String expiresText = link.expiresText();
        boolean signedIn = Auth.user(ctx).isPresent();
        ShareHelp.Panel help = ShareHelp.panel(clip, ClipViews.base(ctx), values, clips.linkExpired(clip),
                signedIn ? expiresText : null, rights.may(ClipAction.MANAGE));
        String who = switch (clip.access()) {
            case LINK -> expired ? "Anyone with the link (expired)" : "Anyone with the link";
            case PRIVATE -> "Signed-in users who may view its database";
            case RESTRICTED -> "Its owner, admins and members only";
        };
        String summary = who + (expiresText != null && !expired && signedIn ? " · until " + expiresText : "");
        return new ShareSection(rights.wire(), choices(clip.access()), members(ctx, rights), clip.access().wire(),
                ClipViews.base(ctx) + clip.path(), summary, link.lastOpenedText(), link.expiresValue(), expiresText,
                expired, help);
    }

    /** The members the Share section lists: for its owner and admins only (none for anyone else). */
    private static List<ClipMembers.Member> members(Context ctx, ClipRights clip) {
        return clip.may(ClipAction.MANAGE) ? ctx.appData(MEMBERS).of(clip.clip()) : List.of();
    }

    /** The three ways to share, widest first, the clip's own checked. */
    private static List<AccessChoice> choices(Access now) {
        return List.of(
                choice(Access.LINK, now, "Anyone with the link", "results and downloads, never the SQL"),
                choice(Access.PRIVATE, now, "Signed-in users who may view or query its database",
                        "the link answers 404 to everyone else"),
                choice(Access.RESTRICTED, now, "Restricted", "its owner, admins and the members below; 404 to anyone else"));
    }

    private static AccessChoice choice(Access access, Access now, String label, String note) {
        return new AccessChoice(access.wire(), label, note, access == now, access.widens(now));
    }

    private static HistorySection history(Context ctx, ClipRights rights, Results results, ScheduleViews.Panel panel) {
        Clip clip = rights.clip();
        List<StoredResult> taken = results.snapshots(clip);
        Map<Long, String> sizes = new HashMap<>();
        taken.forEach(s -> sizes.put(s.id(), HumanBytes.of(s.byteSize())));
        StringBuilder summary = new StringBuilder("Version " + clip.version());
        summary.append(" · ").append(taken.size()).append(taken.size() == 1 ? " snapshot" : " snapshots");
        if (panel.schedule() != null) {
            summary.append(" · ").append(panel.schedule().description());
        }
        return new HistorySection(rights.wire(), summary.toString(), clip.version(),
                taken.stream().map(s -> SnapshotViews.of(clip, s, ctx)).toList(), sizes,
                StorageText.of("this clip", results.storage(clip)));
    }

    /** The section the viewer just acted in: the notice after a change names it. */
    private static String open(Context ctx) {
        return switch (Optional.ofNullable(ctx.queryParam("notice")).orElse("")) {
            case "saved", "chart" -> "edit";
            case "shared", "expiry", "rotated", "members" -> "share";
            case "pinned", "unpinned", "snapshot-deleted", "restored", "scheduled", "unscheduled" -> "history";
            case "subscribed", "unsubscribed-one", "test-sent", "test-failed" -> "subscriptions";
            default -> "";
        };
    }

    private static String notice(String code) {
        return switch (code) {
            case "saved" -> "Saved.";
            case "chart" -> "Chart saved (as a new version; the results stay as they are).";
            case "rotated" -> "The clip has a new URL; every old link to it now answers 404. The link expiry, if any, stays.";
            case "expiry" -> "Link expiry updated.";
            case "shared" -> "Sharing updated.";
            case "members" -> "Members updated.";
            case "restored" -> "The old version's SQL and chart are current again (as a new version).";
            case "forked" -> "This is your copy; change it as you like.";
            case "pinned" -> "Pinned: the clip's page and downloads now serve that snapshot, unchanged.";
            case "unpinned" -> "Unpinned: the clip shows its live result again.";
            case "snapshot-deleted" -> "Snapshot deleted.";
            default -> null;
        };
    }
}
