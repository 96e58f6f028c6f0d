package dataclips.web;

import dataclips.ParameterProblem;
import dataclips.parameters.Parameter;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The clip page's parameter form and the query string its links carry (README, "Parameters"). Whoever may see the
 * clip's SQL sees every parameter; anyone else (a link holder, a view member, a user with view on its database) only
 * the editable ones (a fixed one always runs with its default for them). The form is a plain GET to the clip's own
 * URL, so it works without JavaScript, and the values it sends are the same ?name=value every download URL and
 * spreadsheet takes.
 */
final class ParameterForm {
    /**
     * One input: the HTML input type, the value shown (what the URL gave, else the declared default), whether the URL
     * gave it, choices, and problem: why the value the URL gave was refused (null when it was not).
     */
    record Field(String name, String type, String input, String value, boolean given, List<String> choices,
                 boolean fixed, String problem) {}

    private ParameterForm() {}

    /**
     * parameters: as asked (a choices clip's with its list read now), checked: the values they run with (name to
     * text; none when the URL's were refused). parameterFields: the inputs; valuesQuery: "?a=1&b=x" of the values the
     * URL gave (empty without any), for every link; parameterProblem: a refusal no field of the form shows (a fixed parameter a link holder set), or null.
     * fixedHidden: the caller may not see the SQL, so fixed parameters are not theirs to set.
     */
    record Inputs(List<Field> parameterFields, String valuesQuery, String parameterProblem) implements Pages.Section {}

    static Inputs model(Context ctx, List<Parameter> parameters, Map<String, String> checked,
                        boolean fixedHidden, Optional<ParameterProblem> problem) {
        List<Field> fields = new ArrayList<>();
        for (Parameter p : parameters) {
            if (fixedHidden && p.linkHolders() == Parameter.LinkHolders.FIXED) {
                continue;
            }
            String shown = checked.get(p.name());
            String given = given(ctx, p);
            String value = given != null ? given : shown != null ? shown : "";
            fields.add(new Field(p.name(), p.type().wire(), input(p.type()), value, given != null && !given.isEmpty(),
                    p.choices(),
                    p.linkHolders() == Parameter.LinkHolders.FIXED,
                    problem.filter(e -> e.parameter().equals(p.name())).map(ParameterProblem::getMessage).orElse(null)));
        }
        return new Inputs(fields, query(ctx, parameters), problem
                .filter(e -> fields.stream().noneMatch(f -> f.name().equals(e.parameter())))
                .map(ParameterProblem::getMessage).orElse(null));
    }

    /** The query string of the declared parameters the URL gave a value for, in declared order. */
    static String query(Context ctx, List<Parameter> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (Parameter p : parameters) {
            String value = given(ctx, p);
            if (value != null && !value.isEmpty()) {
                query.add(encode(p.name()) + "=" + encode(value));
            }
        }
        return query.toString();
    }

    private static String given(Context ctx, Parameter p) {
        return ctx.queryParam(p.name());
    }

    private static String input(Parameter.Type type) {
        return switch (type) {
            case INTEGER, NUMBER -> "number";
            case DATE -> "date";
            case BOOLEAN, CHOICE -> "select";
            default -> "text";
        };
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
