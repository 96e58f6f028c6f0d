package dataclips.parameters;

import dataclips.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads clip SQL into its parts for {@link ParameterSql}: SQL text (already as pgjdbc must see it), parameters, and
 * optional blocks of both (the syntax is ParameterSql's). A char-by-char scanner over one SQL text; positions in messages
 * are 1-based, as an editor counts.
 */
final class ParameterLexer {
    static final int MAX_NAME_LENGTH = 63;
    private static final int QUOTE_LIMIT = 40;

    private final String sql;
    private final int n;
    private final List<SqlPart> top = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int i;
    /** The open optional block's parts, or null outside a block. */
    private List<SqlPart> block;
    private int blockStart;
    /** Plain '[' not yet closed, counted since the open block began (or since the start outside blocks). */
    private int plainBrackets;
    private int plainBracketsOutsideBlock;

    ParameterLexer(String sql) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.n = sql.length();
    }

    List<SqlPart> lex() {
        while (i < n) {
            step();
        }
        if (block != null) {
            throw syntax(blockStart, "opens an optional block with [[ but no ]] closes it; close the block with ]]");
        }
        flushText();
        return top;
    }

    private void step() {
        char c = sql.charAt(i);
        if (SqlExtents.isIdentifierStart(c)) {
            word();
            return;
        }
        switch (c) {
            case '\'' -> copyTo(SqlExtents.endOfQuoted(sql, i, '\''));
            case '"' -> copyTo(SqlExtents.endOfQuoted(sql, i, '"'));
            case '$' -> dollar();
            case '-' -> copyTo(next('-') ? SqlExtents.endOfLineComment(sql, i) : i + 1);
            case '/' -> copyTo(next('*') ? SqlExtents.endOfBlockComment(sql, i) : i + 1);
            case '{' -> {
                if (next('{')) {
                    parameter();
                } else {
                    copyTo(i + 1);
                }
            }
            case '[' -> openBracket();
            case ']' -> closeBracket();
            case '?' -> {
                text.append("??");
                i++;
            }
            default -> copyTo(i + 1);
        }
    }

    /**
     * An identifier or keyword, read whole: so a '$' inside it (allowed by PostgreSQL) never starts a dollar
     * quote, and a string right after a lone E or U& gets its prefix's quoting rules.
     */
    private void word() {
        int start = i;
        int end = i;
        while (end < n && SqlExtents.isIdentifierPart(sql.charAt(end))) {
            end++;
        }
        copyTo(end);
        boolean single = end - start == 1;
        char first = Character.toUpperCase(sql.charAt(start));
        if (single && first == 'E' && at(end, '\'')) {
            copyTo(SqlExtents.endOfEscapeString(sql, end));
        } else if (single && first == 'U' && at(end, '&') && (at(end + 1, '\'') || at(end + 1, '"'))) {
            // U&'…' and U&"…" end as their plain forms do: a backslash there starts a Unicode escape, not a quote escape.
            copyTo(SqlExtents.endOfQuoted(sql, end + 1, sql.charAt(end + 1)));
        }
    }

    private void dollar() {
        int afterTag = SqlExtents.endOfDollarTag(sql, i);
        if (afterTag < 0) {
            copyTo(i + 1); // $1 or a lone $: plain text
            return;
        }
        String tag = sql.substring(i, afterTag);
        int close = sql.indexOf(tag, afterTag);
        copyTo(close < 0 ? n : close + tag.length());
    }

    private void parameter() {
        int start = i;
        int close = endOfParameter(start);
        String name = trimBlanks(sql.substring(start + 2, close - 2));
        if (!isValidName(name)) {
            throw syntax(start, close, "is not a valid parameter: a name starts with a letter or underscore and has only"
                    + " letters, digits and underscores, at most " + MAX_NAME_LENGTH + " characters, as in {{region}}");
        }
        flushText();
        current().add(new SqlPart.Param(name));
        i = close;
    }

    /** The index after the "}}" closing the "{{" at start; another "{{" first means this one is not closed. */
    private int endOfParameter(int start) {
        for (int j = start + 2; j < n - 1; j++) {
            if (sql.charAt(j) == '}' && sql.charAt(j + 1) == '}') {
                return j + 2;
            }
            if (sql.charAt(j) == '{' && sql.charAt(j + 1) == '{') {
                break;
            }
        }
        throw syntax(start, "opens a parameter with {{ but no }} closes it; write a parameter as {{name}}");
    }

    private void openBracket() {
        if (!next('[') || !opensBlockAfter(i)) {
            plainBrackets++;
            copyTo(i + 1);
            return;
        }
        if (block != null) {
            throw syntax(i, "opens an optional block inside the one opened at character " + (blockStart + 1)
                    + "; optional blocks cannot be nested, close the first with ]] before opening another");
        }
        flushText();
        block = new ArrayList<>();
        blockStart = i;
        plainBracketsOutsideBlock = plainBrackets;
        plainBrackets = 0;
        i += 2;
    }

    /** Why only these: after an identifier, ']' or ')' a '[' is a subscript, as in arr[[1]] or ARRAY[[1,2]]. */
    private boolean opensBlockAfter(int at) {
        if (at == 0) {
            return true;
        }
        char before = sql.charAt(at - 1);
        return Character.isWhitespace(before) || before == '(' || before == ',' || before == '=';
    }

    private void closeBracket() {
        if (plainBrackets > 0) {
            plainBrackets--;
            copyTo(i + 1);
        } else if (!next(']')) {
            copyTo(i + 1);
        } else if (block != null) {
            closeBlock();
        } else {
            throw syntax(i, "closes an optional block with ]], but no [[ opened one; remove it, or open the block with [["
                    + " after a space, '(', ',' or '='");
        }
    }

    private void closeBlock() {
        flushText();
        SqlPart.Block done = new SqlPart.Block(List.copyOf(block));
        if (done.params().isEmpty()) {
            throw syntax(blockStart, i + 2, "is an optional block with no parameter inside; an optional block holds at"
                    + " least one {{name}}, so add one or remove the brackets");
        }
        top.add(done);
        block = null;
        plainBrackets = plainBracketsOutsideBlock;
        i += 2;
    }

    private void copyTo(int end) {
        text.append(sql, i, end);
        i = end;
    }

    private void flushText() {
        if (!text.isEmpty()) {
            current().add(new SqlPart.Text(text.toString()));
            text.setLength(0);
        }
    }

    private List<SqlPart> current() {
        return block != null ? block : top;
    }

    private boolean next(char c) {
        return at(i + 1, c);
    }

    private boolean at(int index, char c) {
        return index < n && sql.charAt(index) == c;
    }

    private UserError syntax(int start, String problem) {
        return syntax(start, n, problem);
    }

    /** Quotes sql[start, end) (shortened) and its 1-based position, then says what is wrong and what to do. */
    private UserError syntax(int start, int end, String problem) {
        String quoted = end - start > QUOTE_LIMIT ? sql.substring(start, start + QUOTE_LIMIT) + "…" : sql.substring(start, end);
        return new UserError(422, "bad_parameter_syntax", "'" + quoted + "' at character " + (start + 1) + " " + problem);
    }

    private static String trimBlanks(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isBlank(s.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !SqlExtents.isAsciiLetterOrUnderscore(name.charAt(0))) {
            return false;
        }
        for (int k = 1; k < name.length(); k++) {
            char c = name.charAt(k);
            if (!SqlExtents.isAsciiLetterOrUnderscore(c) && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
