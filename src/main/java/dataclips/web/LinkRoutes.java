package dataclips.web;

import dataclips.UserError;
import dataclips.access.ClipRights;
import dataclips.clips.AccessLog;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The shared link's lifecycle: the expiry form (editors move it earlier, the owner and admins also later), and who
 * opened the link (the access log page and its API, for the owner and admins).
 */
final class LinkRoutes {
    static final int SHOWN_ENTRIES = 200;
    private final Clips clips;
    private final AccessLog log;
    private final Pages pages;

    record AccessView(Instant at, String format, String client, String userAgent, Long snapshotId) {}

    /** One row of the access log page: the time as every page shows times. */
    record AccessRow(String at, String format, String client, String userAgent, Long snapshotId) {}

    LinkRoutes(Clips clips, AccessLog log, Pages pages) {
        this.clips = clips;
        this.log = log;
        this.pages = pages;
    }

    /** The expiry form: an earlier expiry is an editor's to set, a later one or none the owner's (widening). */
    void expiry(Context ctx, ClipRights clip) {
        Optional<OffsetDateTime> expiry = ctx.formParam("clear") != null ? Optional.empty()
                : Optional.of(formTime(Optional.ofNullable(ctx.formParam("expires_at")).orElse("")));
        Clip changed = new SharingChange(Optional.empty(), Optional.of(expiry)).apply(clips, clip, Auth.user(ctx).orElseThrow());
        ctx.redirect(changed.path() + "?notice=expiry");
    }

    void accessPage(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        pages.render(ctx, "clips/access", new AccessPage(LinkState.of(clip, clips), ClipViews.of(rights, ctx),
                entries(clip).stream().map(e -> new AccessRow(ClipViews.shown(e.at().atOffset(ZoneOffset.UTC)),
                        e.format(), e.client(), e.userAgent(), e.snapshotId())).toList(), SHOWN_ENTRIES));
    }

    /** templates/clips/access.html: the link's state and its newest anonymous opens (at most limit). */
    record AccessPage(LinkState link, ClipViews.ClipView clip, List<AccessRow> entries, int limit) {}

    void accessLog(Context ctx, ClipRights clip) {
        ctx.json(entries(clip.clip()));
    }

    /** The page's datetime-local field, read as UTC (the page shows every time in UTC). */
    private static OffsetDateTime formTime(String text) {
        try {
            return LocalDateTime.parse(text.strip()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UserError(422, "bad_expiry", "the link expiry must be a date and time such as 2030-01-31T18:00 "
                    + "(UTC), not '" + text + "'; use \"Remove expiry\" to let the link work without an end");
        }
    }

    private List<AccessView> entries(Clip clip) {
        return log.newest(clip, SHOWN_ENTRIES).stream()
                .map(e -> new AccessView(e.at(), e.format(), e.client(), e.userAgent(), e.snapshotId())).toList();
    }
}
