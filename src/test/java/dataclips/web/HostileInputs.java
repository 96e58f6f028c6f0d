package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@link HostileInputTest} sends: the hostile values, every API call that takes a JSON body with its fields and a
 * valid base body, and the checks of an answer's error message. Bodies are built as text, never by a serialiser, so NUL
 * and a lone surrogate go out as the JSON escapes backslash-u0000 and backslash-ud800, which no serialiser "fixed".
 */
final class HostileInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JAVA_NAME = Pattern.compile("dataclips\\.|java\\.|com\\.fasterxml|\\$[A-Z][\\w$]*|Exception");

    enum Kind { NUL, SURROGATE, LONG, TOO_LONG, DATE, WRONG_TYPE }

    /** How a field reads its value: a text (or a text the app parses, like minute), a list of texts, a number, ... */
    enum Type { TEXT, TEXT_LIST, NUMBER, BOOLEAN, DATE }

    /** One hostile value: as raw JSON text, as form text (null: none) and as a percent-encoded URL part. */
    record Value(String label, Kind kind, String json, String text, String url) {
        static Value text(String label, Kind kind, String text) {
            return new Value(label, kind, jsonString(text), text, URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
    }

    /** Plain text as a JSON string (the NUL and surrogate values are written by hand, not through this). */
    private static String jsonString(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> DATES = List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
            "10000-01-01T00:00:00Z", "2030-02-30T00:00:00Z");

    /** NUL, lone surrogates (a URL carries them as the invalid UTF-8 of the surrogate), 900,000 and 1 MiB characters, dates. */
    static final List<Value> TEXTS = Stream.concat(Stream.of(
            new Value("NUL (a\\u0000b)", Kind.NUL, "\"a\\u0000b\"", "a\u0000b", "a%00b"),
            new Value("lone surrogate (a\\ud800b)", Kind.SURROGATE, "\"a\\ud800b\"", null, "a%ED%A0%80b"),
            new Value("lone surrogate (\\udc00)", Kind.SURROGATE, "\"\\udc00\"", null, "%ED%B0%80"),
            Value.text("900,000 chars", Kind.LONG, "x".repeat(900_000)),
            Value.text("1 MiB (1,048,576 chars)", Kind.TOO_LONG, "x".repeat(1_048_576))),
            DATES.stream().map(d -> Value.text("date " + d, Kind.DATE, d))).toList();

    /** The extreme dates as a datetime-local field sends them (no offset: the form reads them as UTC). */
    static final List<Value> LOCAL_DATES = DATES.stream().map(d -> d.substring(0, d.length() - 1))
            .map(d -> Value.text("date " + d + " (datetime-local)", Kind.DATE, d)).toList();

    /**
     * NUL and a lone surrogate put into a valid value of the field, before its last character (so "select 1" stays a
     * query and nothing trims them off) and never into an @N@ placeholder: only they are wrong.
     */
    static List<Value> inside(String valid) {
        int placeholder = valid.indexOf("@N@");
        int at = placeholder >= 0 && valid.length() - 1 > placeholder && valid.length() - 1 < placeholder + 3 ? placeholder
                : valid.length() - 1;
        String left = valid.substring(0, at);
        String right = valid.substring(at);
        String l = jsonString(left);
        String r = jsonString(right);
        String shown = left + "<>" + right;
        return List.of(new Value("NUL inside a valid value (" + shown + ")", Kind.NUL,
                        l.substring(0, l.length() - 1) + "\\u0000" + r.substring(1), left + "\u0000" + right,
                        URLEncoder.encode(left, StandardCharsets.UTF_8) + "%00" + URLEncoder.encode(right, StandardCharsets.UTF_8)),
                new Value("lone surrogate inside a valid value (" + shown + ")", Kind.SURROGATE,
                        l.substring(0, l.length() - 1) + "\\ud800" + r.substring(1), null,
                        URLEncoder.encode(left, StandardCharsets.UTF_8) + "%ED%A0%80" + URLEncoder.encode(right, StandardCharsets.UTF_8)));
    }

    static final List<Value> WRONG_TYPES = Stream.of("99999999999999999999", "-1", "1e308", "true", "[]", "{}", "null")
            .map(json -> new Value(json, Kind.WRONG_TYPE, json, null, URLEncoder.encode(json, StandardCharsets.UTF_8))).toList();

    /** For query and path parameters: every text value plus the numbers a parameter might be parsed as. */
    static final List<Value> URL_VALUES = Stream.concat(TEXTS.stream(), WRONG_TYPES.stream().limit(3)).toList();

    /** Whole bodies that are not an object: an array, a bare string, invalid JSON. */
    static final Map<String, String> BAD_BODIES = Map.of("JSON array []", "[]", "bare JSON string", "\"hostile\"",
            "invalid JSON", "{\"title\": ");

    record Field(String name, Type type, String base) {}

    /**
     * One API call; {A} is the slug of the clip that PATCH edits, {B} the other clip's, {S} a snapshot of {B}, {T} a
     * team, {U} a member's email. list: the body is a list of one such object (a clip's members).
     */
    record Call(String method, String path, String base, List<Field> fields, boolean list) {
        /** The body with this field's value replaced by the raw JSON text; @N@ becomes n (unique emails and names). */
        String body(Field field, String raw, int n, Map<String, String> ids) {
            Map<String, String> members = members(fill(field.base() != null ? field.base() : base, ids));
            members.put(field.name(), raw);
            StringBuilder body = new StringBuilder("{");
            members.forEach((k, v) -> body.append(body.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
            String object = body.append('}').toString().replace("@N@", Integer.toString(n));
            return list ? "[" + object + "]" : object;
        }

        /** A valid value of the field: the base body's, or one from {@link #VALID} when the base leaves the field out. */
        Optional<String> valid(Field field, Map<String, String> ids) {
            try {
                JsonNode value = JSON.readTree(fill(field.base() != null ? field.base() : base, ids)).get(field.name());
                JsonNode first = value != null && value.isArray() && !value.isEmpty() ? value.get(0) : value;
                return first != null && first.isValueNode() ? Optional.of(first.asText()) : Optional.ofNullable(VALID.get(field.name()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final String CLIP = "{\"title\":\"t\",\"source\":\"employees\",\"sql\":\"select 1\"}";
    private static final String FOLLOWER = "postgres://u:p@localhost:1/db"; // valid in form; nothing listens on port 1

    /** Valid values of the optional text fields that the base bodies leave out. */
    private static final Map<String, String> VALID = Map.of("description", "d", "source", "employees", "sql", "select 1",
            "primary", FOLLOWER, "expires_at", "2030-01-31T18:00:00Z");

    static final List<Call> CALLS = List.of(
            call("POST /api/v1/tokens", "{\"email\":\"" + TestApp.ADMIN_EMAIL + "\",\"password\":\"" + TestApp.ADMIN_PASSWORD
                    + "\",\"name\":\"hostile\"}", text("email"), text("password"), text("name")),
            call("POST /api/v1/users", "{\"email\":\"hostile-@N@@test.local\",\"password\":\"member-password-1\",\"role\":\"member\"}",
                    text("email"), text("password"), text("role")),
            call("POST /api/v1/sources", "{\"name\":\"hostile_@N@\",\"followers\":[\"" + FOLLOWER + "\"]}", text("name"),
                    new Field("followers", Type.TEXT_LIST, null), text("primary"), new Field("max_lag_seconds", Type.NUMBER, null)),
            call("POST /api/v1/clips", CLIP, text("title"), text("source"), text("sql"), text("description")),
            call("PATCH /api/v1/clips/{A}", "{\"title\":\"patched\"}", text("title"), text("description"), text("source"),
                    text("sql"), new Field("max_age_seconds", Type.NUMBER, null)),
            call("PUT /api/v1/clips/{B}/sharing", "{\"access\":\"link\"}", text("access"), new Field("expires_at", Type.DATE, null)),
            call("POST /api/v1/clips/{B}/snapshots", "{\"label\":\"l\"}", text("label")),
            call("PUT /api/v1/clips/{B}/chart", "{\"type\":\"bar\",\"x\":\"x\",\"y\":[\"n\"],\"series_by\":\"s\","
                    + "\"title\":\"t\",\"x_label\":\"a\",\"y_label\":\"b\"}", text("type"), text("x"),
                    new Field("y", Type.TEXT_LIST, null), text("series_by"), text("title"), text("x_label"), text("y_label")),
            call("PUT /api/v1/clips/{B}/pin", "{\"snapshot\":{S}}", new Field("snapshot", Type.NUMBER, null)),
            call("PUT /api/v1/clips/{B}/schedule", "{\"every\":\"daily\",\"at\":\"06:00\",\"zone\":\"UTC\"}", text("every"),
                    new Field("minute", Type.TEXT, "{\"every\":\"hourly\",\"minute\":5}"), text("at"),
                    new Field("weekday", Type.TEXT, "{\"every\":\"weekly\",\"weekday\":\"monday\",\"at\":\"06:00\"}"),
                    new Field("day", Type.TEXT, "{\"every\":\"monthly\",\"day\":1,\"at\":\"06:00\"}"),
                    new Field("cron", Type.TEXT, "{\"cron\":\"0 6 1 * *\"}"), text("zone"),
                    new Field("follow", Type.BOOLEAN, null)),
            listCall("PUT /api/v1/clips/{B}/members", "{\"user\":\"{U}\",\"role\":\"view\"}", text("user"), text("role"),
                    new Field("team", Type.TEXT, "{\"team\":\"{T}\",\"role\":\"edit\"}")),
            call("PUT /api/v1/clips/{B}/owner", "{\"email\":\"" + TestApp.ADMIN_EMAIL + "\"}", text("email")),
            call("POST /api/v1/teams", "{\"name\":\"hostile-@N@\"}", text("name"), text("idp_group")),
            call("PATCH /api/v1/users/{U}", "{\"role\":\"member\"}", text("role"), new Field("active", Type.BOOLEAN, null)),
            call("PUT /api/v1/sources/employees/access", "{\"everyone\":\"query\"}", text("everyone"),
                    new Field("teams", Type.TEXT, "{\"everyone\":\"query\",\"teams\":{\"{T}\":\"none\"}}")));

    /**
     * Query and path parameters of the API (bearer) and the pages (signed-in admin; /sign-in and single sign-on's
     * /auth/… anonymous); <v> is the value.
     */
    static final List<String> API_URLS = List.of("GET /api/v1/clips?q=<v>", "GET /api/v1/clips?sort=<v>",
            "GET /api/v1/clips?page=<v>", "GET /api/v1/clips?per_page=<v>", "GET /api/v1/clips/{B}/compare?from=<v>&to={S}",
            "GET /api/v1/clips/{B}/compare?from={S}&to=<v>", "GET /api/v1/sources/<v>", "DELETE /api/v1/sources/<v>",
            "GET /api/v1/clips/<v>", "DELETE /api/v1/clips/<v>", "GET /api/v1/clips/{B}/snapshots/<v>",
            "DELETE /api/v1/clips/{B}/snapshots/<v>", "DELETE /api/v1/tokens/<v>", "POST /api/v1/clips/{B}/versions/<v>/restore",
            "POST /api/v1/clips/<v>/versions/1/restore", "PUT /api/v1/teams/<v>/members/{U}", "PUT /api/v1/teams/{T}/members/<v>",
            "DELETE /api/v1/teams/{T}/members/<v>", "DELETE /api/v1/teams/<v>", "PATCH /api/v1/users/<v>",
            "GET /api/v1/sources/<v>/access", "PUT /api/v1/sources/<v>/access", "GET /api/v1/clips/<v>/members");
    static final List<String> PAGE_URLS = List.of("GET /?q=<v>", "GET /?sort=<v>", "GET /?page=<v>", "GET /clips/new?source=<v>", "GET /clips/{F}?notice=<v>",
            "GET /clips/{F}?refresh=<v>", "GET /clips/{F}/snapshots/{S1}?notice=<v>", "GET /clips/{F}/compare?from=<v>&to={S2}",
            "GET /clips/{F}/compare?from={S1}&to=<v>", "GET /sources?registered=<v>", "GET /account/tokens?revoked=<v>",
            "GET /clips/{F}.csv?bom=<v>", "GET /clips/{F}.json?inline=<v>", "GET /clips/{F}.svg?width=<v>",
            "GET /clips/{F}.png?height=<v>", "GET /clips/<v>", "GET /clips/<v>.csv", "GET /clips/{F}/versions/<v>",
            "GET /clips/{F}/snapshots/<v>", "GET /clips/{F}/snapshots/<v>.json", "GET /sources/<v>/schema",
            "GET /sign-in?next=<v>", "GET /auth/oidc?next=<v>", "GET /auth/oidc/callback?state=<v>&code=c",
            "GET /auth/oidc/callback?code=<v>&state=s", "GET /auth/oidc/callback?error=<v>&state=s",
            "GET /auth/oidc/callback?error=access_denied&error_description=<v>", "GET /auth/oidc/callback?iss=<v>&code=c&state=s");

    /**
     * Form fields that are empty on the page but must hold something valid for the field under test to be judged, by
     * form kind; "kind#field" entries apply only while that field is under test (a schedule's minute counts when hourly).
     */
    static final Map<String, Map<String, String>> FORM_VALID = Map.ofEntries(
            Map.entry("/sign-in", Map.of("email", TestApp.ADMIN_EMAIL, "password", TestApp.ADMIN_PASSWORD)),
            Map.entry("/clips", Map.of("title", "t", "sql", "select 1")),
            Map.entry("/clips#description", Map.of("description", "d")),
            Map.entry("/clips/*/edit#description", Map.of("description", "d")),
            Map.entry("/clips/*/snapshots", Map.of("label", "l")),
            Map.entry("/clips/*/link-expiry", Map.of("expires_at", "2030-01-31T18:00")),
            Map.entry("/account/tokens", Map.of("name", "hostile")),
            Map.entry("/sources#primary", Map.of("primary", FOLLOWER)),
            Map.entry("/sources", Map.of("name", "hostile-form-@N@", "followers", FOLLOWER)),
            Map.entry("/admin/users", Map.of("email", "hostile-form-@N@@test.local", "password", "member-password-1")),
            Map.entry("/clips/*/schedule#minute", Map.of("every", "hourly", "minute", "5")),
            Map.entry("/clips/*/schedule#weekday", Map.of("every", "weekly", "at", "06:00")),
            Map.entry("/clips/*/schedule#day", Map.of("every", "monthly", "at", "06:00", "day", "1")),
            Map.entry("/clips/*/schedule#cron", Map.of("every", "cron", "cron", "0 6 1 * *")),
            Map.entry("/admin/teams", Map.of("name", "hostile-form-@N@")));

    private HostileInputs() {}

    private static Call call(String methodAndPath, String base, Field... fields) {
        String[] parts = methodAndPath.split(" ", 2);
        return new Call(parts[0], parts[1], base, List.of(fields), false);
    }

    private static Call listCall(String methodAndPath, String base, Field... fields) {
        String[] parts = methodAndPath.split(" ", 2);
        return new Call(parts[0], parts[1], base, List.of(fields), true);
    }

    private static Field text(String name) {
        return new Field(name, Type.TEXT, null);
    }

    /** The template with {A}, {B} and {S} filled in. */
    static String fill(String template, Map<String, String> ids) {
        String filled = template;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            filled = filled.replace(id.getKey(), id.getValue());
        }
        return filled;
    }

    private static Map<String, String> members(String json) {
        Map<String, String> members = new LinkedHashMap<>();
        try {
            JSON.readTree(json).fields().forEachRemaining(e -> members.put(e.getKey(), e.getValue().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }

    /** The message of the one error shape {"error":{"code","message"}} (both non-empty strings, nothing else), or empty. */
    static Optional<String> errorMessage(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            if (root == null || !root.isObject() || root.size() != 1 || error == null || !error.isObject() || error.size() != 2
                    || !error.path("code").isTextual() || !error.path("message").isTextual()
                    || error.get("code").asText().isEmpty() || error.get("message").asText().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(error.get("message").asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when a message shows the app's insides: a Java class or package, an inner class ($Name), an exception. */
    static boolean namesJavaClass(String message) {
        return JAVA_NAME.matcher(message).find();
    }

    /**
     * True when the message names the field: as sent ("max_lag_seconds") or in words, without a unit or plural
     * ("max lag seconds", "max lag"; "followers", "follower").
     */
    static boolean namesField(String message, String field) {
        String text = message.toLowerCase(java.util.Locale.ROOT);
        String words = field.replace('_', ' ');
        return Stream.of(field, words, words.replaceAll(" (seconds|at)$", ""), words.replaceAll("s$", "")).anyMatch(text::contains);
    }

    /** A body or message cut short for a failure line, control characters and surrogates shown as '?'. */
    static String prefix(String text) {
        String cut = text.length() > 220 ? text.substring(0, 220) + "…" : text;
        StringBuilder out = new StringBuilder();
        cut.chars().forEach(c -> out.append(c < 0x20 || Character.isSurrogate((char) c) ? '?' : (char) c));
        return out.toString().replaceAll("\\s+", " ");
    }

    /** Field names of a form, each once (a radio group is one field), in page order. */
    static List<String> fieldNames(org.jsoup.nodes.Element form) {
        List<String> names = new ArrayList<>();
        form.select("input[name], select[name], textarea[name]").eachAttr("name").stream()
                .filter(n -> !n.equals("_csrf") && !names.contains(n)).forEach(names::add);
        return names;
    }
}
