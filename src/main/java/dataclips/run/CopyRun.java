package dataclips.run;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.CachedQuery;
import org.postgresql.core.Field;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;
import org.postgresql.jdbc.PgResultSetMetaData;

/**
 * A download of a clip without parameters, read from the follower's own {@code COPY (<the clip's SQL>) TO STDOUT}:
 * PostgreSQL then formats the rows as for psql's \copy, and the app splits lines ({@link CopyRows}) instead of
 * parsing the protocol's rows value by value (bench/README, issue 32). It runs in the run's read-only transaction,
 * after its preamble, with its tag, deadline and cancel; the columns come from a describe of the statement (nothing
 * runs), exactly as a cursor's metadata would name and type them. Statements COPY cannot take (EXPLAIN, SHOW,
 * SELECT INTO), clips with bound values and runs for the page (which shows the first rows) keep the cursor.
 */
final class CopyRun {
    /** The statements COPY takes as its query (StatementGuard has already refused everything but queries). */
    private static final Set<String> COPYABLE = Set.of("select", "with", "values", "table");
    private final RowStream rows;

    CopyRun(RowStream rows) {
        this.rows = rows;
    }

    /**
     * How the run will read its rows, from what can be known without asking the follower: COPY unless the clip has bound
     * values, the writer wants only some rows (the page) or the statement is not a query COPY takes. The describe in
     * {@link #columns} has the last word.
     */
    static Preamble.Reading reading(ClipRunner.RunSpec spec, ResultWriter writer) {
        boolean copy = spec.bound().isEmpty() && writer.readsEveryRow() && writer.takesEveryRow() && CopyRows.available()
                && COPYABLE.contains(StatementGuard.firstKeyword(spec.sql()));
        return copy ? Preamble.Reading.COPY : Preamble.Reading.CURSOR;
    }

    /**
     * The clip's columns when this run can be a COPY, after a describe of its statement; else empty, and the run reads
     * by cursor.
     */
    static Optional<List<Column>> columns(Connection c, ClipRunner.RunSpec spec, ResultWriter writer) throws SQLException {
        if (reading(spec, writer) != Preamble.Reading.COPY) {
            return Optional.empty();
        }
        BaseConnection base = c.unwrap(BaseConnection.class);
        QueryExecutor executor = base.getQueryExecutor();
        // as a plain Statement would send it: no escape processing, no ? placeholders
        CachedQuery query = executor.createQuery(spec.tag() + spec.sql(), false, false);
        Described described = new Described();
        executor.execute(query.query, query.query.createParameterList(), described, 0, 0,
                QueryExecutor.QUERY_ONESHOT | QueryExecutor.QUERY_DESCRIBE_ONLY | QueryExecutor.QUERY_SUPPRESS_BEGIN);
        if (described.fields == null) { // no rows to describe (SELECT INTO): the cursor gives today's error
            Preamble.readByCursor(c, spec.source()); // with the cursor's statement timeout, not the COPY's
            return Optional.empty();
        }
        return Optional.of(RowStream.columns(new PgResultSetMetaData(base, described.fields)));
    }

    /**
     * Streams the COPY's rows to the writer, in a transaction whose preamble set a COPY's timeouts
     * ({@link Preamble.Reading#COPY}). A COPY left in the middle (the row limit, a viewer gone, a fetch too large) is
     * dropped with its connection, which the caller then cannot wipe and evicts.
     */
    void stream(Connection c, ClipRunner.RunSpec spec, List<Column> columns, ResultWriter writer, ResultInfo info,
                   RowStream.Streamed streamed, Cancellation cancel, RunDeadline deadline)
            throws SQLException, IOException {
        CopyRows source = CopyRows.start(c, spec.tag() + "COPY (" + statementOf(spec.sql()) + "\n) TO STDOUT",
                columns.size(), !writer.takesRowBytes());
        try {
            rows.streamAhead(source, ResultWriter::row, columns, writer, info, streamed, cancel, deadline);
        } finally {
            if (!source.settled()) {
                // pgjdbc's ROLLBACK would wait for the rest of the COPY: the connection is dropped at the network level
                c.unwrap(BaseConnection.class).getQueryExecutor().abort();
            }
        }
    }

    /**
     * The one statement of the SQL as pgjdbc would send it, without a trailing semicolon (which COPY's parentheses
     * cannot hold). The describe proved it a complete query, so the parentheses around it close where they should;
     * the newline before the closing one ends a trailing -- comment.
     */
    private static String statementOf(String sql) throws SQLException {
        List<NativeQuery> statements = Parser.parseJdbcSql(sql, true, false, true, false, false);
        return statements.stream().map(q -> q.nativeSql).filter(s -> !s.isBlank()).findFirst().orElse(sql);
    }

    /** What a describe says: the row's fields, or null for a statement that returns no rows. */
    private static final class Described extends ResultHandlerBase {
        Field[] fields;

        @Override
        public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
            this.fields = fields;
        }

        @Override
        public void handleWarning(java.sql.SQLWarning warning) {
            // a describe's notices are of no use to the run
        }
    }
}
