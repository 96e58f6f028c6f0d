package dataclips.parameters;

import dataclips.ParameterProblem;
import dataclips.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the parameters of clip SQL and turns the SQL into a statement for a PreparedStatement.
 *
 * <p>Syntax (Metabase's): {@code {{name}}} is a parameter, with optional spaces or tabs inside the braces
 * ({@code {{ name }}}); a name is ASCII letters, digits and underscores, starts with a letter or underscore
 * and has at most 63 characters. Every occurrence becomes a bound {@code ?}, never text, so a value cannot
 * change the SQL. {@code [[ … ]]} is an optional block holding at least one parameter: it is dropped when
 * any parameter inside it has no value, and otherwise kept without its brackets, as in
 * {@code select * from t where true [[and region = {{region}}]]}. Blocks do not nest.
 *
 * <p>Nothing inside a string literal ({@code '…'} with {@code ''}, {@code E'…'} with backslash escapes,
 * {@code U&'…'}), a quoted identifier ({@code "…"}), a dollar quote ({@code $$…$$}, {@code $tag$…$tag$}; {@code $1}
 * is not one) or a comment ({@code --} to the end of the line, nested {@code /* *}{@code /}) is a parameter or
 * a bracket: those are copied exactly. Plain strings are read with standard_conforming_strings on (PostgreSQL's
 * default since 9.1, and how pgjdbc reads them on such a connection): a backslash there escapes nothing.
 *
 * <p>Brackets: SQL has its own {@code [ ]} (array subscripts, {@code ARRAY[[1,2],[3,4]]}), so {@code [[}
 * opens a block only when it comes first or right after whitespace, {@code (}, {@code ,} or {@code =};
 * after anything else (an identifier, {@code ]}, {@code )}) it is two plain brackets. A plain {@code [} is
 * counted, and a {@code ]} that can close one is plain too, so {@code a[b[1]]} is a subscript, also inside a
 * block. A {@code ]]} with no plain {@code [} open closes the open block, and is an error when no block is
 * open. A lone {@code ]} is left for PostgreSQL to judge.
 *
 * <p>pgjdbc reads {@code ?} outside literals and comments as a placeholder and {@code ??} as a literal
 * {@code ?}, so every {@code ?} of the SQL there (jsonb {@code ?}, {@code ?|}, {@code ?&}) is doubled; inside
 * literals and comments pgjdbc skips it, so it stays single. One linear pass, no regular expressions.
 */
public final class ParameterSql {
    /** A statement ready for a PreparedStatement: ? placeholders (literal ? doubled) and the values in order. */
    public record Bound(String sql, List<Object> values) {}

    /** The parameter names the SQL uses, in order of first use, with whether each is only ever inside optional blocks. */
    public record Use(String name, boolean optionalOnly) {}

    static final int MAX_NAME_LENGTH = 63;
    private static final int QUOTE_LIMIT = 40;

    private ParameterSql() {}

    /** The parameters in order of first use; throws bad_parameter_syntax when the parameter syntax is wrong. */
    public static List<Use> uses(String sql) {
        Map<String, Boolean> optionalOnly = new LinkedHashMap<>();
        for (Part part : new Lexer(sql).lex()) {
            if (part instanceof Param p) {
                optionalOnly.put(p.name(), false);
            } else if (part instanceof Block b) {
                for (Param p : b.params()) {
                    optionalOnly.putIfAbsent(p.name(), true);
                }
            }
        }
        List<Use> uses = new ArrayList<>(optionalOnly.size());
        optionalOnly.forEach((name, onlyInBlocks) -> uses.add(new Use(name, onlyInBlocks)));
        return List.copyOf(uses);
    }

    /** True iff {@link #uses} is non-empty (and throws as it does); one pass, cheap enough for every run. */
    public static boolean hasParameters(String sql) {
        return new Lexer(sql).lex().stream().anyMatch(part -> part instanceof Param || part instanceof Block);
    }

    /**
     * The SQL with each parameter as {@code ?} and its value appended once per occurrence. A name absent from
     * {@code values}, or mapped to null, has no value: its optional blocks are dropped, and a use outside any
     * block is a missing_parameter error.
     */
    public static Bound bind(String sql, Map<String, Object> values) {
        Objects.requireNonNull(values, "values");
        StringBuilder out = new StringBuilder(sql.length() + 16);
        List<Object> bound = new ArrayList<>();
        for (Part part : new Lexer(sql).lex()) {
            if (part instanceof Block b) {
                if (b.params().stream().allMatch(p -> values.get(p.name()) != null)) {
                    b.parts().forEach(inner -> render(inner, values, out, bound));
                }
            } else {
                render(part, values, out, bound);
            }
        }
        return new Bound(out.toString(), List.copyOf(bound));
    }

    private static void render(Part part, Map<String, Object> values, StringBuilder out, List<Object> bound) {
        if (part instanceof Text t) {
            out.append(t.sql());
        } else if (part instanceof Param p) {
            Object value = values.get(p.name());
            if (value == null) {
                throw new ParameterProblem(p.name(), "missing_parameter", "parameter '" + p.name() + "' needs a value: give it in the URL (?"
                        + p.name() + "=…) or declare a default");
            }
            out.append('?');
            bound.add(value);
        }
    }

    /** What the lexer reads: SQL text (already as pgjdbc must see it), a parameter, or an optional block of both. */
    private sealed interface Part permits Text, Param, Block {}

    private record Text(String sql) implements Part {}

    private record Param(String name) implements Part {}

    private record Block(List<Part> parts) implements Part {
        List<Param> params() {
            return parts.stream().filter(Param.class::isInstance).map(Param.class::cast).toList();
        }
    }

    /** A char-by-char scanner over one SQL text; positions in messages are 1-based, as an editor counts. */
    private static final class Lexer {
        private final String sql;
        private final int n;
        private final List<Part> top = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private int i;
        /** The open optional block's parts, or null outside a block. */
        private List<Part> block;
        private int blockStart;
        /** Plain '[' not yet closed, counted since the open block began (or since the start outside blocks). */
        private int plainBrackets;
        private int plainBracketsOutsideBlock;

        Lexer(String sql) {
            this.sql = Objects.requireNonNull(sql, "sql");
            this.n = sql.length();
        }

        List<Part> lex() {
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
            if (isIdentifierStart(c)) {
                word();
                return;
            }
            switch (c) {
                case '\'' -> copyTo(endOfQuoted(i, '\''));
                case '"' -> copyTo(endOfQuoted(i, '"'));
                case '$' -> dollar();
                case '-' -> copyTo(next('-') ? endOfLineComment(i) : i + 1);
                case '/' -> copyTo(next('*') ? endOfBlockComment(i) : i + 1);
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
            while (end < n && isIdentifierPart(sql.charAt(end))) {
                end++;
            }
            copyTo(end);
            boolean single = end - start == 1;
            char first = Character.toUpperCase(sql.charAt(start));
            if (single && first == 'E' && at(end, '\'')) {
                copyTo(endOfEscapeString(end));
            } else if (single && first == 'U' && at(end, '&') && (at(end + 1, '\'') || at(end + 1, '"'))) {
                // U&'…' and U&"…" end as their plain forms do: a backslash there starts a Unicode escape, not a quote escape.
                copyTo(endOfQuoted(end + 1, sql.charAt(end + 1)));
            }
        }

        private void dollar() {
            int afterTag = endOfDollarTag(i);
            if (afterTag < 0) {
                copyTo(i + 1); // $1 or a lone $: plain text
                return;
            }
            String tag = sql.substring(i, afterTag);
            int close = sql.indexOf(tag, afterTag);
            copyTo(close < 0 ? n : close + tag.length());
        }

        /** The index after "$tag$" (or "$$") starting at from, or -1 when no dollar quote starts there. */
        private int endOfDollarTag(int from) {
            int j = from + 1;
            if (j < n && isIdentifierStart(sql.charAt(j))) {
                j++;
                while (j < n && isIdentifierPart(sql.charAt(j)) && sql.charAt(j) != '$') {
                    j++;
                }
            }
            return at(j, '$') ? j + 1 : -1;
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
            current().add(new Param(name));
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
            Block done = new Block(List.copyOf(block));
            if (done.params().isEmpty()) {
                throw syntax(blockStart, i + 2, "is an optional block with no parameter inside; an optional block holds at"
                        + " least one {{name}}, so add one or remove the brackets");
            }
            top.add(done);
            block = null;
            plainBrackets = plainBracketsOutsideBlock;
            i += 2;
        }

        private int endOfQuoted(int open, char quote) {
            int j = open + 1;
            while (j < n) {
                if (sql.charAt(j) == quote) {
                    if (!at(j + 1, quote)) {
                        return j + 1;
                    }
                    j++; // a doubled quote stands for itself
                }
                j++;
            }
            return n; // unterminated: PostgreSQL reports it; nothing after it is ours to read
        }

        private int endOfEscapeString(int open) {
            int j = open + 1;
            while (j < n) {
                char c = sql.charAt(j);
                if (c == '\\') {
                    j++; // the escaped character, which may be a quote
                } else if (c == '\'') {
                    if (!at(j + 1, '\'')) {
                        return j + 1;
                    }
                    j++;
                }
                j++;
            }
            return n;
        }

        /** Up to the line break, as PostgreSQL and pgjdbc end a -- comment at \n or \r. */
        private int endOfLineComment(int from) {
            int j = from + 2;
            while (j < n && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
                j++;
            }
            return j;
        }

        private int endOfBlockComment(int from) {
            int depth = 0;
            int j = from;
            while (j < n - 1) {
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
            return n;
        }

        private void copyTo(int end) {
            text.append(sql, i, end);
            i = end;
        }

        private void flushText() {
            if (!text.isEmpty()) {
                current().add(new Text(text.toString()));
                text.setLength(0);
            }
        }

        private List<Part> current() {
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
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !isAsciiLetterOrUnderscore(name.charAt(0))) {
            return false;
        }
        for (int k = 1; k < name.length(); k++) {
            char c = name.charAt(k);
            if (!isAsciiLetterOrUnderscore(c) && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrUnderscore(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** PostgreSQL's ident_start: letters, underscore and any non-ASCII character. */
    private static boolean isIdentifierStart(char c) {
        return isAsciiLetterOrUnderscore(c) || c >= 0x80;
    }

    /** PostgreSQL's ident_cont: ident_start, digits and '$'. */
    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
