package dataclips.web;

import dataclips.parameters.Parameters;
import dataclips.UserError;
import dataclips.parameters.Parameter;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameter rows of the New clip page and the clip's Edit section (templates/clips/parameters.html): one row per
 * {{name}} the SQL uses, with its type, default, choices, min and max and whether link holders may change it, posted
 * as parallel fields (p_name, p_type, …); JSON is the API's form only. The SQL decides which rows there are: a row
 * whose name the SQL no longer uses is dropped, and a name it uses without a row gets a blank one, which the form
 * comes back with to fill in (with JavaScript, dataclips.js adds it as the SQL is typed).
 */
final class ParameterRows {
    static final List<String> TYPES = Arrays.stream(Parameter.Type.values()).map(Parameter.Type::wire).toList();
    private static final Set<Parameter.Type> RANGED = Set.of(Parameter.Type.INTEGER, Parameter.Type.NUMBER,
            Parameter.Type.DATE, Parameter.Type.TIMESTAMP);

    /** One row as the form shows and posts it: every field text ("" when empty), choices one a line. */
    record Row(String name, String type, String defaultValue, String choices, String choicesClip, String min,
               String max, String linkHolders) {
        static Row blank(String name) {
            return new Row(name, "text", "", "", "", "", "", "editable");
        }
    }

    private ParameterRows() {}

    /** What the rows' template needs besides the rows: the types to choose from, and a blank row to copy. */
    record Template(List<String> parameterTypes, Row blankParameterRow) implements Pages.Section {
        static final Template ROWS = new Template(TYPES, Row.blank(""));
    }

    /** A saved clip's declarations as rows. */
    static List<Row> of(List<Parameter> declared) {
        return declared.stream().map(p -> new Row(p.name(), p.type().wire(), text(p.defaultValue()),
                String.join("\n", p.choices()), text(p.choicesClip()), text(p.min()), text(p.max()),
                p.linkHolders().wire())).toList();
    }

    /** The rows a form posted, in its order. */
    static List<Row> posted(Context ctx) {
        List<String> names = ctx.formParams("p_name");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(new Row(names.get(i).strip(), field(ctx, "p_type", i, "text"), field(ctx, "p_default", i, ""),
                    field(ctx, "p_choices", i, ""), field(ctx, "p_choices_clip", i, ""), field(ctx, "p_min", i, ""),
                    field(ctx, "p_max", i, ""), field(ctx, "p_link_holders", i, "editable")));
        }
        return rows;
    }

    /** The rows of the names this SQL uses, in its order: the given row of each, or a blank one. */
    static List<Row> forSql(List<Row> rows, String sql) {
        Map<String, Row> byName = new LinkedHashMap<>();
        rows.forEach(r -> byName.putIfAbsent(r.name(), r));
        List<Row> wanted = new ArrayList<>();
        for (String name : used(sql, rows)) {
            wanted.add(byName.getOrDefault(name, Row.blank(name)));
        }
        return wanted;
    }

    /** The names this SQL uses that have no row among these (each needs a type before the clip is saved). */
    static List<String> unanswered(List<Row> rows, String sql) {
        Set<String> named = new java.util.HashSet<>(rows.stream().map(Row::name).toList());
        return used(sql, rows).stream().filter(name -> !named.contains(name)).toList();
    }

    /** The declarations the rows make; fields a type does not take (choices of a date, …) are left out. */
    static List<Parameter> declarations(List<Row> rows) {
        return rows.stream().map(ParameterRows::declaration).toList();
    }

    private static Parameter declaration(Row r) {
        Parameter.Type type = Parameter.Type.parse(r.type());
        boolean choice = type == Parameter.Type.CHOICE;
        boolean ranged = RANGED.contains(type);
        List<String> choices = !choice ? List.of() : r.choices().lines().map(String::strip).filter(c -> !c.isEmpty())
                .toList();
        return new Parameter(r.name(), type, orNull(r.defaultValue()), choices, ranged ? orNull(r.min()) : null,
                ranged ? orNull(r.max()) : null, Parameter.LinkHolders.parse(r.linkHolders()),
                choice ? orNull(r.choicesClip()) : null);
    }

    /** The names the SQL uses; SQL whose parameters do not parse keeps the rows it had (saving says what is wrong). */
    private static List<String> used(String sql, List<Row> rows) {
        try {
            return Parameters.usedIn(sql);
        } catch (UserError syntax) {
            return rows.stream().map(Row::name).toList();
        }
    }

    private static String field(Context ctx, String name, int index, String absent) {
        List<String> values = ctx.formParams(name);
        return index < values.size() ? values.get(index) : absent;
    }

    private static String orNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
