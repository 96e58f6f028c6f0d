package dataclips.web;

import dataclips.UserError;
import dataclips.run.Catalog;
import dataclips.sources.Source;
import java.util.List;

/**
 * The reference panel beside the SQL (templates/clips/schema.html): the follower's tables; a follower that is down
 * leaves a note (schemaError), not an error page.
 */
record SchemaPanel(String schemaSource, List<Catalog.Table> tables, String schemaError) implements Pages.Section {
    static SchemaPanel of(Catalog catalog, Source source) {
        try {
            return new SchemaPanel(source.name(), catalog.tables(source), null);
        } catch (UserError e) {
            return new SchemaPanel(source.name(), List.of(), e.getMessage());
        }
    }
}
