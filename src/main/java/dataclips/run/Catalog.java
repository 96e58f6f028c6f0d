package dataclips.run;

import com.zaxxer.hikari.HikariDataSource;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables and columns a source's follower offers, as a reference while writing SQL. */
public final class Catalog {
    static final int MAX_COLUMNS = 5_000;
    private static final String SQL = """
            select n.nspname, c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod)
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where c.relkind in ('r', 'v', 'm', 'p', 'f')
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
              and has_table_privilege(c.oid, 'select')
            order by n.nspname = 'public' desc, n.nspname, c.relname, a.attnum
            limit\s""" + MAX_COLUMNS;
    private final Sources sources;

    public record ColumnInfo(String name, String type) {}

    public record Table(String schema, String name, String kind, List<ColumnInfo> columns) {
        /** "employees" in public, "sales.orders" elsewhere: the name to type in SQL. */
        public String qualifiedName() {
            return schema.equals("public") ? name : schema + "." + name;
        }
    }

    public Catalog(Sources sources) {
        this.sources = sources;
    }

    /** Read on the best follower in a read-only transaction; the session is wiped afterwards like a clip's. */
    public List<Table> tables(Source source) {
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
                Table table = tables.get(schema + "." + name);
                if (table == null) {
                    table = new Table(schema, name, kindName(rs.getString(3)), new ArrayList<>());
                    tables.put(schema + "." + name, table);
                }
                table.columns().add(new ColumnInfo(rs.getString(4), rs.getString(5)));
            }
        }
        return List.copyOf(tables.values());
    }

    private static String kindName(String relkind) {
        return switch (relkind) {
            case "v" -> "view";
            case "m" -> "materialized view";
            case "f" -> "foreign table";
            default -> "table";
        };
    }
}
