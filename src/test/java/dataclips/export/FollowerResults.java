package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.TestCluster;
import dataclips.sources.PostgresUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Real results for writer tests: a query on the embedded follower, fed to a writer as a clip run feeds it.
 * Public for the writers in sub-packages (charts).
 */
public final class FollowerResults {
    private FollowerResults() {}

    /**
     * Runs the query (TimeZone UTC, values as pgjdbc's getString gives them) and passes the columns and every
     * row to the writer; finishing is left to the test. Returns the values the writer was given.
     */
    static List<String[]> feed(String sql, String title, ResultWriter writer) throws Exception {
        PostgresUrl url = PostgresUrl.parse(TestCluster.get().readerUrl(TestCluster.get().follower()));
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.properties());
             Statement statement = connection.createStatement()) {
            statement.execute("set TimeZone = 'UTC'");
            try (ResultSet rs = statement.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Column> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(Column.of(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                }
                writer.begin(columns, new ResultInfo(title, null));
                while (rs.next()) {
                    String[] values = new String[columns.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getString(i + 1);
                    }
                    rows.add(values);
                    assertTrue(writer.row(values), "row limits are not the writer's business");
                }
            }
        }
        return rows;
    }

    /**
     * Runs the query as {@link #feed} does and passes every row to each writer in turn, keeping none (a
     * million-row result fits); finishing is left to the test. Returns how many rows there were.
     */
    public static long stream(String sql, ResultInfo info, ResultWriter... writers) throws Exception {
        PostgresUrl url = PostgresUrl.parse(TestCluster.get().readerUrl(TestCluster.get().follower()));
        long count = 0;
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.properties());
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false); // a cursor: pgjdbc fetches in batches only inside a transaction
            statement.setFetchSize(10_000);
            statement.execute("set TimeZone = 'UTC'");
            try (ResultSet rs = statement.executeQuery(sql)) {
                List<Column> columns = columns(rs.getMetaData());
                for (ResultWriter writer : writers) {
                    writer.begin(columns, info);
                }
                while (rs.next()) {
                    String[] values = new String[columns.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getString(i + 1);
                    }
                    count++;
                    for (ResultWriter writer : writers) {
                        assertTrue(writer.row(values), "row limits are not the writer's business");
                    }
                }
            }
        }
        return count;
    }

    private static List<Column> columns(ResultSetMetaData meta) throws java.sql.SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(Column.of(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        return columns;
    }
}
