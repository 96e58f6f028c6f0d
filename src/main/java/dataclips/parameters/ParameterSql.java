package dataclips.parameters;

import dataclips.ParameterProblem;
import dataclips.parameters.SqlPart.Block;
import dataclips.parameters.SqlPart.Param;
import dataclips.parameters.SqlPart.Text;
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

    private ParameterSql() {}

    /** The parameters in order of first use; throws bad_parameter_syntax when the parameter syntax is wrong. */
    public static List<Use> uses(String sql) {
        Map<String, Boolean> optionalOnly = new LinkedHashMap<>();
        for (SqlPart part : new ParameterLexer(sql).lex()) {
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
        return new ParameterLexer(sql).lex().stream().anyMatch(part -> part instanceof Param || part instanceof Block);
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
        for (SqlPart part : new ParameterLexer(sql).lex()) {
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

    private static void render(SqlPart part, Map<String, Object> values, StringBuilder out, List<Object> bound) {
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
}
