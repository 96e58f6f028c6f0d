package dataclips.web;

import dataclips.clips.Clip;
import dataclips.export.Column;
import dataclips.export.PageTable;
import dataclips.export.ResultInfo;
import dataclips.results.SnapshotComparison;
import dataclips.results.StoredResult;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;

/** What the compare page and GET /api/v1/clips/{slug}/compare show of two snapshots and their difference. */
final class CompareViews {
    private CompareViews() {}

    /** One side as the API gives it; captured_at is when the snapshot was taken, as in the snapshots API. */
    record SideView(long id, String url, OffsetDateTime capturedAt, OffsetDateTime asOf, long rowCount, String label,
                    int clipVersion, boolean truncated) {}

    /** The API's answer. Values are PostgreSQL's text form (what rows are compared by), null for SQL NULL. */
    record ComparisonView(SideView from, SideView to, List<String> columns, List<String> types, long addedCount,
                          long removedCount, List<String[]> added, List<String[]> removed, int shownLimit) {}

    /** One side as the page shows it. */
    record SideFacts(long id, String name, String path, String label, String taken, String asOf, String rows,
                     int clipVersion, boolean truncated) {}

    /** A snapshot in the page's pickers. */
    record Choice(String id, String text) {}

    static ComparisonView json(Clip clip, SnapshotComparison c, Context ctx) {
        return new ComparisonView(side(clip, c.from(), ctx), side(clip, c.to(), ctx),
                c.columns().stream().map(Column::name).toList(), c.columns().stream().map(Column::pgType).toList(),
                c.addedCount(), c.removedCount(), c.added(), c.removed(), c.shownLimit());
    }

    static SideFacts facts(Clip clip, StoredResult s) {
        return new SideFacts(s.id(), s.name(), path(clip, s), s.label(), ClipViews.shown(s.startedAt()), ClipViews.shown(s.asOf()),
                rows(s.rowCount()), s.clipVersion(), s.truncated());
    }

    static List<Choice> choices(List<StoredResult> snapshots) {
        return snapshots.stream().map(s -> new Choice(Long.toString(s.id()), s.name() + " · "
                + ClipViews.shown(s.startedAt()) + (s.label() == null ? "" : " · " + s.label()) + " · "
                + rows(s.rowCount()))).toList();
    }

    /** The kept rows as the results table shows cells (long values cut, NULL marked); never more than SHOWN rows. */
    static PageTable table(List<Column> columns, List<String[]> rows) {
        PageTable table = new PageTable();
        table.begin(columns, new ResultInfo("", null));
        rows.forEach(table::row);
        return table;
    }

    static String rows(long count) {
        return String.format("%,d %s", count, count == 1 ? "row" : "rows");
    }

    private static SideView side(Clip clip, StoredResult s, Context ctx) {
        return new SideView(s.id(), ClipViews.base(ctx) + path(clip, s), s.startedAt(), s.asOf(), s.rowCount(), s.label(),
                s.clipVersion(), s.truncated());
    }

    /** The snapshot's own page (docs/DESIGN.md, URL contract). */
    private static String path(Clip clip, StoredResult s) {
        return clip.path() + "/snapshots/" + s.id();
    }
}
