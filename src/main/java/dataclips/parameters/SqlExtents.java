package dataclips.parameters;

/**
 * Where the parts of SQL that can hold no parameter end, by PostgreSQL's own lexer rules: string literals (plain, E'…'
 * with backslash escapes), quoted identifiers, dollar quotes and comments (-- to the line's end, nested /* *{@literal /}). Each
 * takes the index of the part's opening character and answers the index after its end; an unterminated part runs to the
 * end of the text, which PostgreSQL reports. {@link ParameterLexer} copies these parts exactly.
 */
final class SqlExtents {
    private SqlExtents() {}

    /** The index after "$tag$" (or "$$") starting at from, or -1 when no dollar quote starts there. */
    static int endOfDollarTag(String sql, int from) {
        int j = from + 1;
        if (j < sql.length() && isIdentifierStart(sql.charAt(j))) {
            j++;
            while (j < sql.length() && isIdentifierPart(sql.charAt(j)) && sql.charAt(j) != '$') {
                j++;
            }
        }
        return at(sql, j, '$') ? j + 1 : -1;
    }

    static int endOfQuoted(String sql, int open, char quote) {
        int j = open + 1;
        while (j < sql.length()) {
            if (sql.charAt(j) == quote) {
                if (!at(sql, j + 1, quote)) {
                    return j + 1;
                }
                j++; // a doubled quote stands for itself
            }
            j++;
        }
        return sql.length(); // unterminated: PostgreSQL reports it; nothing after it is ours to read
    }

    static int endOfEscapeString(String sql, int open) {
        int j = open + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (c == '\\') {
                j++; // the escaped character, which may be a quote
            } else if (c == '\'') {
                if (!at(sql, j + 1, '\'')) {
                    return j + 1;
                }
                j++;
            }
            j++;
        }
        return sql.length();
    }

    /** Up to the line break, as PostgreSQL and pgjdbc end a -- comment at \n or \r. */
    static int endOfLineComment(String sql, int from) {
        int j = from + 2;
        while (j < sql.length() && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    static int endOfBlockComment(String sql, int from) {
        int depth = 0;
        int j = from;
        while (j < sql.length() - 1) {
            if (sql.charAt(j) == '/' && sql.charAt(j + 1) == '*') {
                depth++;
                j += 2;
            } else if (sql.charAt(j) == '*' && sql.charAt(j + 1) == '/') {
                j += 2;
                if (--depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return sql.length();
    }

    static boolean isAsciiLetterOrUnderscore(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** PostgreSQL's ident_start: letters, underscore and any non-ASCII character. */
    static boolean isIdentifierStart(char c) {
        return isAsciiLetterOrUnderscore(c) || c >= 0x80;
    }

    /** PostgreSQL's ident_cont: ident_start, digits and '$'. */
    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    private static boolean at(String sql, int index, char c) {
        return index < sql.length() && sql.charAt(index) == c;
    }
}
