package dataclips.run;

import com.zaxxer.hikari.HikariDataSource;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables and columns a source's follower offers to the clip role, as a reference while writing SQL (the schema
 * panel, the editor's completion, {@code GET /api/v1/sources/{name}/schema}). Only what the role may select is
 * listed: a schema it has no USAGE on, a table it may not read, a column outside a column-level grant are left out.
 * Kept for a minute per source, so an editor's every keystroke does not reach the follower.
 */
public final class Catalog {
    static final int MAX_COLUMNS = 5_000;
    static final Duration KEPT = Duration.ofMinutes(1);
    private static final String SQL = """
            select n.nspname, c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   c.reltuples::bigint
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where c.relkind in ('r', 'v', 'm', 'p', 'f')
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
              and has_schema_privilege(n.oid, 'usage')
              and has_column_privilege(c.oid, a.attnum, 'select')
            order by n.nspname = 'public' desc, n.nspname, c.relname, a.attnum
            limit\s""" + MAX_COLUMNS;
    private final Sources sources;
    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();

    /** One column; nullable is false for NOT NULL columns. */
    public record ColumnInfo(String name, String type, boolean nullable) {}

    /**
     * One table, view or materialized view (kind "table", "view", "matview"; partitioned and foreign tables are
     * tables). estimatedRows is the planner's estimate, null when the table was never analysed.
     */
    public record Table(String schema, String name, String kind, List<ColumnInfo> columns, Long estimatedRows) {
        /** "employees" in public, "sales.orders" elsewhere: the name to type in SQL. */
        public String qualifiedName() {
            return schema.equals("public") ? name : schema + "." + name;
        }
    }

    private record Kept(List<Table> tables, long readAt) {
        boolean fresh() {
            return System.nanoTime() - readAt < KEPT.toNanos();
        }
    }

    public Catalog(Sources sources) {
        this.sources = sources;
    }

    /** The tables as read within the last minute, or read now; a 503 UserError when no follower answers. */
    public List<Table> tables(Source source) {
        Kept known = kept.get(source.id());
        if (known != null && known.fresh()) {
            return known.tables();
        }
        List<Table> tables = read(source);
        kept.put(source.id(), new Kept(tables, System.nanoTime()));
        return tables;
    }

    /** Read on the best follower in a read-only transaction; the session is wiped afterwards like a clip's. */
    private List<Table> read(Source source) {
        for (Source.Follower follower : FollowerChoice.candidates(sources, source)) {
            HikariDataSource pool = sources.pool(source, follower);
            try (Connection c = pool.getConnection()) {
                boolean clean = false;
                try {
                    List<Table> tables = read(c);
                    clean = true;
                    return tables;
                } finally {
                    if (!clean) {
                        pool.evictConnection(c);
                    } else {
                        c.rollback();
                    }
                }
            } catch (SQLException e) {
                // try the next follower
            }
        }
        throw FollowerChoice.unavailable(sources, source);
    }

    private static List<Table> read(Connection c) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String name = rs.getString(2);
                String kind = kindName(rs.getString(3));
                long estimate = rs.getLong(7);
                Table table = tables.computeIfAbsent(schema + "." + name, key -> new Table(schema, name, kind,
                        new ArrayList<>(), estimate < 0 ? null : estimate));
                table.columns().add(new ColumnInfo(rs.getString(4), rs.getString(5), !rs.getBoolean(6)));
            }
        }
        return tables.values().stream().map(t -> new Table(t.schema(), t.name(), t.kind(), List.copyOf(t.columns()),
                t.estimatedRows())).toList();
    }

    private static String kindName(String relkind) {
        return switch (relkind) {
            case "v" -> "view";
            case "m" -> "matview";
            default -> "table";
        };
    }
}
