package dataclips.web;

import dataclips.UserError;
import dataclips.run.Catalog;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import io.javalin.Javalin;
import java.util.List;

/**
 * GET /api/v1/sources/{name}/schema: the tables, views and materialized views the clip role may read, with their
 * columns, as the editor's completion and scripts take them. Read on a follower and kept a minute ({@link Catalog});
 * 503 when no follower answers, 404 for a source that does not exist.
 */
final class SchemaApi {
    private final Sources sources;
    private final Catalog catalog;

    record ColumnView(String name, String type, boolean nullable) {}

    record TableView(String schema, String table, String kind, List<ColumnView> columns, Long estimatedRows) {
        static TableView of(Catalog.Table t) {
            return new TableView(t.schema(), t.name(), t.kind(),
                    t.columns().stream().map(c -> new ColumnView(c.name(), c.type(), c.nullable())).toList(),
                    t.estimatedRows());
        }
    }

    SchemaApi(Sources sources, Catalog catalog) {
        this.sources = sources;
        this.catalog = catalog;
    }

    void register(Javalin app) {
        app.get("/api/v1/sources/{name}/schema", ctx -> {
            Auth.requireUser(ctx);
            Source source = source(sources, ctx.pathParam("name"));
            ctx.json(catalog.tables(source).stream().map(TableView::of).toList());
        });
    }

    /** Every signed-in user may use every registered source; one that does not exist is a 404. */
    static Source source(Sources sources, String name) {
        return sources.find(name).orElseThrow(() -> new UserError(404, "not_found",
                "there is no source named \"" + name + "\"; GET /api/v1/sources lists them"));
    }
}
