package dataclips.export;

import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import java.util.List;

/**
 * A table whose columns have the names exports trip over, made on the primary and awaited on the follower.
 * PostgreSQL refuses a zero-length identifier in SQL, yet a column can still reach a client with an empty
 * name (a catalog edited by hand, an extension, a foreign server): so one column is renamed to '' straight
 * in pg_attribute, as a superuser may, to send a real empty name down the wire.
 */
final class OddNames {
    static final List<String> NAMES = List.of("", "a b", "<b>&amp;", "say \"hi\"", "it's", "Grüße 日本 🙂",
            "dup", "dup", "1st", "=1+1", "two\nlines");
    /** (s.o).* expands the row type itself: o.* would skip '', which the parser uses to mark dropped columns. */
    static final String SQL = "select (s.o).*, 'd1' as dup, 'd2' as dup, 7 as \"1st\", 8 as \"=1+1\", 9 as \"two\nlines\" "
            + "from (select o from export_http.odd_names o) s";

    private OddNames() {}

    static void create() {
        TestDatabase.onPrimary("employees", "create schema if not exists export_http",
                "drop table if exists export_http.odd_names",
                "create table export_http.odd_names (blank int, \"a b\" int, \"<b>&amp;\" int, \"say \"\"hi\"\"\" int, "
                        + "\"it's\" int, \"Grüße 日本 🙂\" int)",
                "insert into export_http.odd_names values (1, 2, 3, 4, 5, 6)",
                "update pg_attribute set attname = '' where attrelid = 'export_http.odd_names'::regclass and attname = 'blank'",
                // The clip role reads what it is granted (the sample's public schema), not every schema.
                "grant usage on schema export_http to " + EmbeddedCluster.READER_ROLE,
                "grant select on export_http.odd_names to " + EmbeddedCluster.READER_ROLE);
        TestDatabase.awaitOnFollower(TestCluster.get().follower(), "employees",
                "select 1 from pg_attribute where attrelid = 'export_http.odd_names'::regclass and attname = ''");
    }

    static void drop() {
        TestDatabase.onPrimary("employees", "drop schema if exists export_http cascade");
    }
}
