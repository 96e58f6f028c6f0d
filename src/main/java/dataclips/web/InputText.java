package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Text no field may hold, refused at the door with the field's name (422) before any handler sees it: a NUL
 * character, which PostgreSQL cannot store in text (it would fail as a 500 deep in a query), and an unpaired
 * UTF-16 surrogate (a JSON "\ud800"), which is not Unicode and would be stored as "?". Checked in every query
 * parameter and form field ({@link #checkRequest}) and every string of a JSON body ({@link #checkJson}).
 */
final class InputText {
    private InputText() {}

    /** Query parameters always; form fields only for a form body (a JSON body is not "a=b&c=d"). */
    static void checkRequest(Context ctx) {
        checkAll(ctx.queryParamMap(), "query parameter");
        String type = ctx.contentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            checkAll(ctx.formParamMap(), "form field");
        }
    }

    /** Every string in the body, named by its path ("title", "followers[0]"), field names included. */
    static void checkJson(JsonNode node, String path) {
        if (node.isTextual()) {
            check(path.isEmpty() ? "the body" : path, node.textValue(), "field");
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkJson(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                check(name, field.getKey(), "field name");
                checkJson(field.getValue(), name);
            }
        }
    }

    private static void checkAll(Map<String, List<String>> params, String kind) {
        params.forEach((name, values) -> {
            check(name, name, kind + " name");
            values.forEach(value -> check(name, value, kind));
        });
    }

    private static void check(String field, String value, String kind) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw refuse(field, kind, "holds a NUL character (U+0000), which cannot be stored as text; remove it");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw refuse(field, kind, "holds an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c)
                            + "), which is not a Unicode character; send the character itself, or both halves of its pair");
                }
                i++;
            }
        }
    }

    private static UserError refuse(String field, String kind, String problem) {
        return new UserError(422, "bad_text", "the " + kind + " " + shown(field) + " " + problem);
    }

    /** A field name as the message shows it: itself, unless it is the bad text (then cut and escaped). */
    private static String shown(String field) {
        String cut = field.length() > 60 ? field.substring(0, 60) + "…" : field;
        StringBuilder out = new StringBuilder("\"");
        cut.codePoints().forEach(c -> out.append(c == 0 || Character.isSurrogate((char) c) && c < 0x10000
                ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.append('"').toString();
    }
}
