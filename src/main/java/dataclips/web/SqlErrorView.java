package dataclips.web;

import dataclips.run.SqlProblem;

/**
 * A SQL error as the clip page shows it: the database's message, detail and hint, and the SQL cut in three
 * around the character the database pointed at, with its line and column.
 */
record SqlErrorView(String message, String detail, String hint, String sqlState, String before, String marked,
                    String after, int line, int column) {

    static SqlErrorView of(SqlProblem problem, String sql) {
        if (problem.position() <= 0) {
            return new SqlErrorView(problem.message(), problem.detail(), problem.hint(), problem.sqlState(), sql, "", "", 0, 0);
        }
        int codePoints = sql.codePointCount(0, sql.length());
        int at = sql.offsetByCodePoints(0, Math.min(problem.position() - 1, codePoints));
        int end = at < sql.length() ? sql.offsetByCodePoints(at, 1) : at;
        String before = sql.substring(0, at);
        int lineStart = before.lastIndexOf('\n') + 1;
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = before.codePointCount(lineStart, before.length()) + 1;
        String marked = at < sql.length() ? sql.substring(at, end) : " ";
        return new SqlErrorView(problem.message(), problem.detail(), problem.hint(), problem.sqlState(), before,
                marked, sql.substring(end), line, column);
    }

    /** For a link holder: what went wrong, not the SQL (which the page never shows them) nor the detail. */
    SqlErrorView withoutSql() {
        return new SqlErrorView(message, null, hint, sqlState, null, null, null, 0, 0);
    }

    public boolean hasSql() {
        return before != null;
    }

    /** Where the editor marks the error: 1-based in the SQL's UTF-16 characters, as a browser counts; 0 for none. */
    public int editorPosition() {
        return hasSql() && hasPosition() ? before.length() + 1 : 0;
    }

    public boolean hasPosition() {
        return line > 0;
    }
}
