package dataclips.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dataclips.access.ClipRights;
import dataclips.access.Policy;
import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.ClipListing;
import dataclips.clips.ClipQuery;
import dataclips.clips.ListScope;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** What the API and the home page show of a clip list: the query read from the URL, API items and table rows. */
final class ClipListViews {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    /**
     * An API list item: the fields of GET /api/v1/clips/{slug}, last_run_at (null: never run) and example (made by
     * the first embedded start).
     */
    record ItemView(@JsonUnwrapped ClipViews.ClipView clip, OffsetDateTime lastRunAt, boolean example) {}

    /**
     * A row of the home page's table; times as "3 min ago" with the full UTC time for the title attribute.
     * expired: the link no longer opens for anonymous viewers; pinned: its URLs serve one snapshot; scheduled: its
     * URLs serve its schedule's newest snapshot; example: made by the first embedded start, to look at.
     */
    record Row(String title, String path, String source, String owner, String lastRun, String lastRunFull,
               String access, boolean expired, boolean pinned, boolean scheduled, String updated, String updatedFull,
               boolean example) {}

    private ClipListViews() {}

    /**
     * q, sort, page and mine=1 from the URL, within what the user may list; pageSize: the API's per_page as given
     * (null: the default).
     */
    static ClipQuery query(Context ctx, User user, ListScope scope, String pageSize) {
        Optional<Long> owner = "1".equals(ctx.queryParam("mine")) ? Optional.of(user.id()) : Optional.empty();
        return ClipQuery.parse(scope, owner, ctx.queryParam("q"), ctx.queryParam("sort"), ctx.queryParam("page"), pageSize);
    }

    /** The page's items as the API shows them, each with the caller's rights on it. */
    static List<ItemView> items(ClipListing listing, Policy policy, User user, Context ctx) {
        List<ClipRights> rights = policy.clips(Optional.of(user), listing.items().stream().map(ClipListing.Item::clip).toList());
        return IntStream.range(0, rights.size())
                .mapToObj(i -> new ItemView(ClipViews.of(rights.get(i), ctx), listing.items().get(i).lastRunAt(),
                        listing.items().get(i).example())).toList();
    }

    static Row row(ClipListing.Item item, Instant now) {
        var c = item.clip();
        boolean link = c.access() == Access.LINK;
        return new Row(c.title(), c.path(), c.sourceName(), c.ownerEmail(),
                item.lastRunAt() == null ? "never" : ago(item.lastRunAt(), now),
                item.lastRunAt() == null ? "never run" : ClipViews.shown(item.lastRunAt()), c.access().wire(),
                link && item.linkExpired(), c.pinned().isPresent(), c.followsSchedule(), ago(c.updatedAt(), now),
                ClipViews.shown(c.updatedAt()), item.example());
    }

    /** "just now", "5 min ago", "3 h ago", "2 days ago" within a month, the date (UTC) beyond. */
    static String ago(OffsetDateTime time, Instant now) {
        long s = Math.max(0, Duration.between(time.toInstant(), now).toSeconds());
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        long days = s / 86_400;
        if (days < 31) {
            return days == 1 ? "1 day ago" : days + " days ago";
        }
        return DAY.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
