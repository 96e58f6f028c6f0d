package dataclips.parameters;

import dataclips.ParameterProblem;
import dataclips.UserError;
import dataclips.parameters.ParameterSql;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The values a URL gives a clip's parameters, read and checked against the declarations ({@link Parameters#ask}). */
final class AskedValues {
    private AskedValues() {}

    static Parameters.Checked ask(String sql, List<Parameter> declared, Map<String, List<String>> query,
                                  boolean linkHolder, Map<String, List<String>> listed, Clock clock) {
        if (declared.isEmpty() && !sql.contains("{{")) {
            return new Parameters.Checked(List.of(), new Arguments(new TreeMap<>())); // the common case costs nothing
        }
        List<Parameter> parameters = declared.stream().map(p -> listedNow(p, listed)).toList();
        SortedMap<String, Object> values = new TreeMap<>();
        for (Parameter p : parameters) {
            try {
                Optional<String> given = given(p, query.getOrDefault(p.name(), List.of()), linkHolder);
                Optional<Object> value = given.isPresent() ? Optional.of(ParameterValues.parse(p, given.get(), clock))
                        : ParameterValues.defaultValue(p, clock);
                value.ifPresent(v -> values.put(p.name(), v));
            } catch (UserError refused) {
                throw new ParameterProblem(p.name(), refused);
            }
        }
        if (!declared.isEmpty() || ParameterSql.hasParameters(sql)) {
            ParameterSql.bind(sql, values); // refuses a needed parameter without a value, before anything runs
        }
        return new Parameters.Checked(parameters, new Arguments(values));
    }

    /**
     * A choices clip's parameter with the list read for this request; without one (a schedule, which runs with the
     * defaults) its declared default is the one choice, as its owner chose it.
     */
    private static Parameter listedNow(Parameter p, Map<String, List<String>> listed) {
        if (listed.containsKey(p.name())) {
            return p.withChoices(listed.get(p.name()));
        }
        return p.choicesFromClip() && p.defaultValue() != null ? p.withChoices(List.of(p.defaultValue())) : p;
    }

    private static Optional<String> given(Parameter p, List<String> values, boolean linkHolder) {
        if (values.size() > 1) {
            throw new UserError(422, "bad_parameter_value", "parameter '" + p.name() + "' is given " + values.size()
                    + " times; give it once");
        }
        Optional<String> given = values.stream().filter(v -> !v.isEmpty()).findFirst();
        given.filter(v -> p.choicesFromClip() && p.choices().isEmpty()).ifPresent(v -> {
            throw new UserError(422, "bad_parameter_value", "parameter '" + p.name() + "' must be one of the values "
                    + "of its choices clip, and that clip's result has none");
        });
        if (given.isPresent() && linkHolder && p.linkHolders() == Parameter.LinkHolders.FIXED) {
            throw new UserError(422, "parameter_fixed", "parameter '" + p.name() + "' is fixed for shared links (and "
                    + "for anyone who may not see the clip's SQL): it always runs with its default"
                    + (p.defaultValue() == null ? "" : " (" + p.defaultValue() + ")") + "; remove " + p.name()
                    + "= from the URL, or sign in as someone who may see the SQL to choose it");
        }
        return given;
    }
}
