package dataclips.web;

import dataclips.export.PageTable;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.run.RunOutcome;
import dataclips.sources.FollowerHealth;
import dataclips.sources.MaxLag;
import dataclips.sources.Source;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalLong;

/**
 * What the results fragment (templates/clips/table.html, as {@code result}) shows: the rows, and where they came from
 * and how fresh they are; or why there are none (unavailable, sqlError, cancelled). table is null without rows.
 * rowCount: the result's rows, all of them when known, else at least the table's; runStartedAt: when the run shown
 * started (by this instance's clock), for a run this page led; lagSeconds: how far behind its follower was (-1:
 * unknown), for lagNotice when that was beyond the source's max lag.
 */
record ResultTable(PageTable table, long rowCount, String tableBody, String rowsText, String originText,
                   String asOfText, String followerText, String behindText, double lagSeconds, Instant runStartedAt,
                   ChartViews.ChartView chart, String lagNotice, SqlErrorView sqlError,
                   String cancelled, String unavailable) {

    /** The results fragment on its own (the clip page's table, a preview): its one input. */
    record Fragment(ResultTable result) {}

    /** The clip ran for this page. */
    static ResultTable ran(PageTable table, RunOutcome outcome) {
        OptionalLong total = outcome.more() ? OptionalLong.empty() : OptionalLong.of(outcome.rows()); // read to its end
        return rows(table, total, "ran now in " + seconds(outcome.duration().toMillis()), outcome.asOf(),
                outcome.follower(), outcome.lagSeconds(), Instant.now().minus(outcome.duration()));
    }

    /** Served from the store: a fresh live result, the snapshot the clip is pinned to, or its newest scheduled one. */
    static ResultTable stored(PageTable table, StoredResult result, String how) {
        String named = result.name().toLowerCase(java.util.Locale.ROOT) + (result.label() == null ? ""
                : " \u201c" + result.label() + "\u201d") + " taken " + ClipViews.shown(result.startedAt());
        String origin = switch (how) {
            case "pinned" -> "pinned to " + named;
            case "scheduled" -> "follows its schedule: newest scheduled " + named;
            case "snapshot" -> named;
            default -> "stored result of " + ClipViews.shown(result.startedAt()) + " (max age not reached)";
        };
        return rows(table, OptionalLong.of(result.rowCount()), origin, result.asOf(), result.follower(),
                result.lagSeconds() == null ? 0 : result.lagSeconds(), null);
    }

    /** Another request's run of this clip, shared. */
    static ResultTable shared(PageTable table, Results.SharedRunEnd end) {
        OptionalLong total = end.facts().map(f -> OptionalLong.of(f.rowCount())).orElse(OptionalLong.empty());
        return rows(table, total, "ran now for several viewers at once", table.info().asOf(), null, -1, null);
    }

    /** The run of this SQL failed or was cancelled. */
    static ResultTable failed(String sql, RunOutcome outcome) {
        return new ResultTable(null, 0, null, null, null, null, null, null, -1, null, null, null,
                outcome.problem().map(p -> SqlErrorView.of(p, sql)).orElse(null), outcome.cancelled().orElse(null), null);
    }

    /** No result to show, and why (the database is busy or down, …). */
    static ResultTable unavailable(String why) {
        return new ResultTable(null, 0, null, null, null, null, null, null, -1, null, null, null, null, null, why);
    }

    /** Whether it shows rows (else an error, a cancelled run, or none at all: the next viewer tries again). */
    boolean hasRows() {
        return table != null;
    }

    ResultTable withChart(ChartViews.ChartView drawn) {
        return new ResultTable(table, rowCount, tableBody, rowsText, originText, asOfText, followerText, behindText,
                lagSeconds, runStartedAt, drawn, lagNotice, sqlError, cancelled, unavailable);
    }

    /** With the notice "Data is 12 min old" when its follower was further behind than the source allows. */
    ResultTable withLagNoticeFor(Source source) {
        if (!MaxLag.exceeded(lagSeconds, source.maxLagSeconds())) {
            return this;
        }
        return new ResultTable(table, rowCount, tableBody, rowsText, originText, asOfText, followerText, behindText,
                lagSeconds, runStartedAt, chart, LagNotice.text(lagSeconds, source.maxLagSeconds()),
                sqlError, cancelled, unavailable);
    }

    /**
     * The clip's SQL and the database's address are for those who may see its SQL, not for everyone who may open it
     * (a link holder, a view member, a user with view on its database).
     */
    ResultTable forLinkHolder() {
        return new ResultTable(table, rowCount, tableBody, rowsText, originText, asOfText, null, behindText,
                lagSeconds, runStartedAt, chart, lagNotice,
                sqlError == null ? null : sqlError.withoutSql(), cancelled, unavailable);
    }

    private static ResultTable rows(PageTable table, OptionalLong total, String origin, OffsetDateTime asOf,
                                    String follower, double lagSeconds, Instant runStartedAt) {
        return new ResultTable(table, total.orElse(table.rows().size() + (table.more() ? 1 : 0)), TableHtml.body(table),
                rowsText(table, total), origin, ClipViews.shown(asOf), follower == null ? "a follower" : follower,
                lagSeconds < 0 ? "" : FollowerHealth.humanSeconds(Math.max(0, lagSeconds)), lagSeconds, runStartedAt,
                null, null, null, null, null);
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
}
