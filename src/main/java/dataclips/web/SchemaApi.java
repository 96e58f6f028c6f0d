package dataclips.web;

import dataclips.access.SourceRights;
import dataclips.run.Catalog;
import io.javalin.http.Context;
import java.util.List;

/**
 * GET /api/v1/sources/{name}/schema: the tables, views and materialized views the clip role may read, with their
 * columns, as the editor's completion and scripts take them. Read on a follower and kept a minute ({@link Catalog});
 * 503 when no follower answers, 404 for a source that does not exist or the caller may not see, 403 needs_query for
 * one they may only view.
 */
final class SchemaApi {
    private final Catalog catalog;

    record ColumnView(String name, String type, boolean nullable) {}

    record TableView(String schema, String table, String kind, List<ColumnView> columns, Long estimatedRows) {
        static TableView of(Catalog.Table t) {
            return new TableView(t.schema(), t.name(), t.kind(),
                    t.columns().stream().map(c -> new ColumnView(c.name(), c.type(), c.nullable())).toList(),
                    t.estimatedRows());
        }
    }

    SchemaApi(Catalog catalog) {
        this.catalog = catalog;
    }

    /** For those who may query the database (the route says so). */
    void api(Context ctx, SourceRights source) {
        ctx.json(catalog.tables(source.source()).stream().map(TableView::of).toList());
    }
}
