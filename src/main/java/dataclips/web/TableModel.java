package dataclips.web;

import dataclips.export.PageTable;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.run.RunOutcome;
import dataclips.sources.FollowerHealth;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** What the results fragment shows: the rows, and where they came from and how fresh they are. */
final class TableModel {
    /** When the run shown started (by this instance's clock), for a run this page led. */
    static final String RUN_STARTED = "runStarted";
    /** The result's rows (a long): all of them when known, else at least the table's. */
    static final String ROW_COUNT = "rowCount";

    private TableModel() {}

    /** The clip ran for this page. */
    static Map<String, Object> ran(PageTable table, RunOutcome outcome) {
        OptionalLong total = outcome.more() ? OptionalLong.empty() : OptionalLong.of(outcome.rows()); // read to its end
        Map<String, Object> model = model(table, total, "ran now in " + seconds(outcome.duration().toMillis()),
                outcome.asOf(), outcome.follower(), outcome.lagSeconds());
        model.put(RUN_STARTED, Instant.now().minus(outcome.duration()));
        return model;
    }

    /** Served from the store: a fresh live result, the snapshot the clip is pinned to, or its newest scheduled one. */
    static Map<String, Object> stored(PageTable table, StoredResult result, String how) {
        String named = result.name().toLowerCase(java.util.Locale.ROOT) + (result.label() == null ? "" : " \u201c" + result.label() + "\u201d")
                + " taken " + ClipViews.shown(result.startedAt());
        String origin = switch (how) {
            case "pinned" -> "pinned to " + named;
            case "scheduled" -> "follows its schedule: newest scheduled " + named;
            case "snapshot" -> named;
            default -> "stored result of " + ClipViews.shown(result.startedAt()) + " (max age not reached)";
        };
        Map<String, Object> model = model(table, OptionalLong.of(result.rowCount()), origin, result.asOf(), result.follower(),
                result.lagSeconds() == null ? 0 : result.lagSeconds());
        model.put("pinnedSnapshot", "pinned".equals(how) ? result.id() : null);
        return model;
    }

    /** Another request's run of this clip, shared. */
    static Map<String, Object> shared(PageTable table, Results.SharedRunEnd end) {
        OptionalLong total = end.facts().map(f -> OptionalLong.of(f.rowCount())).orElse(OptionalLong.empty());
        return model(table, total, "ran now for several viewers at once", table.info().asOf(), null, -1);
    }

    /** The run of this SQL failed or was cancelled. */
    static Map<String, Object> failed(String sql, RunOutcome outcome) {
        Map<String, Object> model = new HashMap<>();
        outcome.problem().ifPresent(p -> model.put("sqlError", SqlErrorView.of(p, sql)));
        outcome.cancelled().ifPresent(reason -> model.put("cancelled", reason));
        return model;
    }

    private static Map<String, Object> model(PageTable table, OptionalLong total, String origin, OffsetDateTime asOf,
                                             String follower, double lagSeconds) {
        Map<String, Object> model = new HashMap<>();
        model.put("table", table);
        model.put(ROW_COUNT, total.orElse(table.rows().size() + (table.more() ? 1 : 0)));
        model.put("tableBody", TableHtml.body(table));
        model.put("rowsText", rowsText(table, total));
        model.put("originText", origin);
        model.put("asOfText", ClipViews.shown(asOf));
        model.put("followerText", follower == null ? "a follower" : follower);
        model.put("behindText", lagSeconds < 0 ? "" : FollowerHealth.humanSeconds(Math.max(0, lagSeconds)));
        model.put(LagNotice.LAG, lagSeconds); // for the notice when the follower was beyond the source's max lag
        return model;
    }

    private static String rowsText(PageTable table, OptionalLong total) {
        int shown = table.rows().size();
        if (!table.more()) {
            return String.format("%,d %s", shown, shown == 1 ? "row" : "rows");
        }
        return total.isPresent() ? String.format("First %,d of %,d rows shown", shown, total.getAsLong())
                : String.format("First %,d rows shown", shown);
    }

    private static String seconds(long millis) {
        return String.format("%.2f s", millis / 1000.0);
    }

    /**
     * The clip's SQL and the database's address are for those who may see its SQL, not for everyone who may open it
     * (a link holder, a view member, a user with view on its database).
     */
    static void forLinkHolder(Map<String, Object> model) {
        model.remove("followerText");
        model.computeIfPresent("sqlError", (key, error) -> ((SqlErrorView) error).withoutSql());
    }
}
