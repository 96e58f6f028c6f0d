package dataclips.run;

import dataclips.UserError;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * Refuses SQL that is not exactly one query, before anything is sent. The split uses pgjdbc's own parser,
 * so "select 1; delete …" is seen exactly as the driver would have sent it: as two statements.
 */
public final class StatementGuard {
    /** Statements that return rows and, on a follower in a read-only transaction, cannot change anything. */
    private static final Set<String> QUERIES = Set.of("select", "with", "values", "table", "explain", "show");
    public static final int MAX_SQL_CHARS = 100_000;

    private StatementGuard() {}

    public static void check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw refuse("empty_sql", "the SQL is empty; write one query, such as: select * from employees limit 10");
        }
        if (sql.length() > MAX_SQL_CHARS) {
            throw refuse("sql_too_long", "the SQL is " + sql.length() + " characters; the limit is " + MAX_SQL_CHARS);
        }
        List<NativeQuery> statements = split(sql);
        long nonEmpty = statements.stream().filter(q -> !q.nativeSql.isBlank()).count();
        if (nonEmpty > 1) {
            throw refuse("multiple_statements", "a clip runs exactly one statement, and this SQL has " + nonEmpty
                    + " (separated by ';'); keep one query and remove the rest");
        }
        String keyword = firstKeyword(sql);
        if (!QUERIES.contains(keyword)) {
            throw refuse("not_a_query", "a clip must be a query (SELECT, WITH, VALUES, TABLE, EXPLAIN or SHOW); this SQL "
                    + (keyword.isEmpty() ? "has no statement" : "starts with " + keyword.toUpperCase(Locale.ROOT)));
        }
        ForbiddenCalls.check(sql);
    }

    private static List<NativeQuery> split(String sql) {
        try {
            return Parser.parseJdbcSql(sql, true, false, true, false, false);
        } catch (SQLException e) {
            throw refuse("unparsable_sql", "the SQL cannot be split into statements: " + e.getMessage());
        }
    }

    /** The first word after whitespace, comments (nested, as PostgreSQL allows) and opening parentheses. */
    static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                i = skipBlockComment(sql, i);
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toLowerCase(Locale.ROOT);
    }

    private static int skipBlockComment(String sql, int from) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static UserError refuse(String code, String message) {
        return new UserError(422, code, message);
    }
}
