package dataclips.parameters;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A clip's parameters (README, "Parameters"), as the packages above see them: their declarations checked against the
 * SQL's {@code {{name}}}s, their JSON form, the values a URL gives them checked into {@link Arguments}, and the
 * statement those values bind to. The one way in from clips, serving and web; run sees only the
 * {@link ParameterSql.Bound} statement it executes. {@link ParameterSql} is the lexer beneath.
 */
public final class Parameters {
    private Parameters() {}

    /** The parameters as asked (a choices clip's with the list read now) and the checked values they run with. */
    public record Checked(List<Parameter> parameters, Arguments arguments) {}

    /**
     * The declarations, checked against the names the SQL uses (each used one declared, each declared one used), none
     * named like one of the app's own query keys; clipSlug: what the slug of a choices clip looks like.
     */
    public static List<Parameter> declare(String sql, List<Parameter> declared, Set<String> reservedKeys,
                                          Predicate<String> clipSlug) {
        Set<String> used = new LinkedHashSet<>(usedIn(sql));
        return ParameterDeclarations.check(declared, used, reservedKeys, clipSlug);
    }

    /**
     * The values a URL gives (name to every value given for it), checked before anything runs: a value that does not
     * parse as its type, is not among its choices or out of range, a name given twice, a fixed parameter set by a link
     * holder, or a parameter the SQL needs with neither value nor default is a 422 naming the parameter (a
     * {@link dataclips.ParameterProblem}). listed: the choices read from choices clips now, by parameter name.
     */
    public static Checked ask(String sql, List<Parameter> declared, Map<String, List<String>> query,
                              boolean linkHolder, Map<String, List<String>> listed, Clock clock) {
        return AskedValues.ask(sql, declared, query, linkHolder, listed, clock);
    }

    /** The statement with its values bound, for a clip with parameters; empty for SQL that runs as written. */
    public static Optional<ParameterSql.Bound> bind(String sql, List<Parameter> declared, Arguments arguments) {
        if (declared.isEmpty() && !ParameterSql.hasParameters(sql)) {
            return Optional.empty();
        }
        return Optional.of(ParameterSql.bind(sql, arguments.values()));
    }

    /** The names the SQL's {{name}}s use, in order, once per use. */
    public static List<String> usedIn(String sql) {
        return ParameterSql.uses(sql).stream().map(ParameterSql.Use::name).toList();
    }

    public static boolean usesAny(String sql) {
        return ParameterSql.hasParameters(sql);
    }

    /** The declarations as stored and as the API shows them. */
    public static String toJson(List<Parameter> parameters) {
        return ParameterJson.toJson(parameters);
    }

    /** A JSON array of declarations, read strictly (a 422 naming what is wrong). */
    public static List<Parameter> fromJson(String json) {
        return ParameterJson.fromJson(json);
    }

    /** See {@link FixedValues}: whether a result taken with these values may be seen by a defaults-only viewer. */
    public static boolean shownToDefaultsOnly(List<Parameter> declared, Map<String, String> values,
                                              OffsetDateTime takenAt) {
        return FixedValues.shownToDefaultsOnly(declared, values, takenAt);
    }
}
