package dataclips.web;

import dataclips.UserError;
import dataclips.access.Policy;
import dataclips.accounts.User;
import dataclips.clips.ClipListing;
import dataclips.clips.ClipQuery;
import dataclips.clips.Clips;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The signed-in home page: one list of the clips the user may open (or only theirs), searched by title, SQL and owner, sorted
 * and paged by a plain GET form, so it works without JavaScript and every state of it is a URL.
 */
final class HomeRoutes {
    /** The sort select's choices, in the order it shows them. */
    record SortOption(String value, String label) {}

    static final List<SortOption> SORTS = List.of(new SortOption("updated", "Recently updated"),
            new SortOption("created", "Recently created"), new SortOption("last_run", "Recently run"));
    private final Clips clips;
    private final Policy policy;
    private final Pages pages;

    HomeRoutes(Clips clips, Policy policy, Pages pages) {
        this.clips = clips;
        this.policy = policy;
        this.pages = pages;
    }

    /** The clips the user may open other than by holding a link (README, "Teams and access"). */
    void home(Context ctx, User user) {
        String q = text(ctx.queryParam("q"));
        boolean mine = "1".equals(ctx.queryParam("mine"));
        ClipQuery query;
        try {
            query = ClipListViews.query(ctx, user, policy.listScope(user), null);
        } catch (UserError e) { // the form again, with what to fix, rather than an error page that loses it
            ctx.status(e.status());
            pages.render(ctx, "home", new HomePage(q, text(ctx.queryParam("sort")), mine, SORTS, e.getMessage(), null,
                    null, null));
            return;
        }
        ClipListing listing = clips.list(query);
        pages.render(ctx, "home", new HomePage(q, query.sort().wire(), mine, SORTS, null,
                listing.items().stream().map(i -> ClipListViews.row(i, listing.asOf())).toList(), pager(listing),
                empty(listing).orElse(null)));
    }

    /**
     * templates/home.html: the search form (q, sort, mine; problem: why the query was refused), the rows, the pager
     * and what an empty list means (empty).
     */
    record HomePage(String q, String sort, boolean mine, List<SortOption> sorts, String problem,
                    List<ClipListViews.Row> rows, Pager pager, String empty) {}

    /** "Showing 51–100 of 230" and the links to the pages either side (null at the ends). */
    record Pager(String showing, String newer, String older) implements Pages.Section {}

    private static Pager pager(ClipListing listing) {
        ClipQuery q = listing.query();
        String showing = listing.items().isEmpty() ? null : listing.first() == listing.last()
                ? "Showing " + listing.first() + " of " + listing.total()
                : "Showing " + listing.first() + "–" + listing.last() + " of " + listing.total();
        // from past the end, straight back to the last page
        String newer = !listing.hasNewer() ? null
                : link(q, listing.items().isEmpty() ? listing.pages() : q.page() - 1);
        return new Pager(showing, newer, listing.hasOlder() ? link(q, q.page() + 1) : null);
    }

    private static Optional<String> empty(ClipListing listing) {
        ClipQuery q = listing.query();
        if (!listing.items().isEmpty()) {
            return Optional.empty();
        }
        if (listing.total() > 0) {
            return Optional.of("Page " + q.page() + " is past the end: " + listing.total() + " clips fill "
                    + listing.pages() + (listing.pages() == 1 ? " page." : " pages."));
        }
        if (q.text().isEmpty()) {
            return Optional.of(q.mine() ? "You have no clips yet. Start with New clip."
                    : "The team has no clips yet. Start with New clip.");
        }
        return Optional.of((q.mine() ? "None of your clips matches \"" : "No clip matches \"") + q.text() + "\".");
    }

    /** The home page's URL for this query at that page, leaving out what is the default ("/" for the first page). */
    static String link(ClipQuery q, long page) {
        StringBuilder url = new StringBuilder();
        if (!q.text().isEmpty()) {
            url.append("&q=").append(URLEncoder.encode(q.text(), StandardCharsets.UTF_8));
        }
        if (q.sort() != ClipQuery.Sort.UPDATED) {
            url.append("&sort=").append(q.sort().wire());
        }
        if (q.mine()) {
            url.append("&mine=1");
        }
        if (page > 1) {
            url.append("&page=").append(page);
        }
        return url.isEmpty() ? "/" : "/?" + url.substring(1);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
