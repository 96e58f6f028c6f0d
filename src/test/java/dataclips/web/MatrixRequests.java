package dataclips.web;

import java.util.Map;

/**
 * What AccessMatrixTest sends with each request of its table: a body (JSON, or a form's fields) where the route takes
 * one, valid for a caller the route lets in, so the status says who is let in and nothing else; and whether a
 * success changes what the next request finds (then the test makes a fresh clip or scratch team first).
 */
final class MatrixRequests {
    /** json: the JSON body or null; form: the form's fields or null; destructive: a success must be undone. */
    record Spec(String json, Map<String, String> form, boolean destructive) {
        static final Spec NONE = new Spec(null, null, false);
    }

    private MatrixRequests() {}

    private static Spec json(String body) {
        return new Spec(body, null, false);
    }

    private static Spec form(String... pairs) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return new Spec(null, fields, false);
    }

    private static Spec destructive(Spec spec) {
        return new Spec(spec.json(), spec.form(), true);
    }

    /** By "METHOD path" as the table writes it; {access}, {members}, {owner}, {admin} and @N@ are filled in when sent. */
    static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("PATCH /api/v1/clips/{slug}", json("{\"title\":\"World clip, patched\"}")),
            Map.entry("PUT /api/v1/clips/{slug}/parameters", json("[]")),
            Map.entry("PUT /api/v1/clips/{slug}/chart", json("{\"type\":\"auto\"}")),
            Map.entry("PUT /api/v1/clips/{slug}/sharing", json("{\"access\":\"{access}\"}")),
            Map.entry("POST /api/v1/clips/{slug}/snapshots", json("{\"label\":\"matrix\"}")),
            Map.entry("PUT /api/v1/clips/{slug}/pin", json("{\"snapshot\":{snap}}")),
            Map.entry("PUT /api/v1/clips/{slug}/schedule", json("{\"every\":\"daily\",\"at\":\"07:00\"}")),
            Map.entry("DELETE /api/v1/clips/{slug}/schedule", destructive(Spec.NONE)),
            Map.entry("POST /api/v1/clips/{slug}/subscriptions", json("{\"channel\":\"webhook\",\"url\":\"http://127.0.0.1:9/matrix\"}")),
            Map.entry("POST /api/v1/clips/{slug}/subscriptions/{sub}/test", json("{}")),
            Map.entry("DELETE /api/v1/clips/{slug}/subscriptions/{sub}", destructive(Spec.NONE)),
            Map.entry("POST /clips/{slug}/subscriptions", form("channel", "webhook", "url", "http://127.0.0.1:9/matrix",
                    "when", "always", "secret", "a matrix secret of some length")),
            Map.entry("POST /clips/{slug}/subscriptions/{sub}/test", form()),
            Map.entry("POST /clips/{slug}/subscriptions/{sub}/delete", destructive(form())),
            Map.entry("POST /unsubscribe/1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", form("List-Unsubscribe", "One-Click")),
            Map.entry("DELETE /api/v1/clips/{slug}/snapshots/{snap2}", destructive(Spec.NONE)),
            Map.entry("DELETE /api/v1/clips/{slug}", destructive(Spec.NONE)),
            Map.entry("POST /api/v1/clips/{slug}/rotate", destructive(Spec.NONE)),
            Map.entry("PUT /api/v1/clips/{slug}/members", json("{members}")),
            Map.entry("PUT /api/v1/clips/{slug}/owner", json("{\"email\":\"{owner}\"}")),
            Map.entry("POST /clips/{slug}/edit", form("title", "World clip", "description", "", "sql", "select 1 as n",
                    "max_age_seconds", "60", "parameters", "")),
            Map.entry("POST /clips/{slug}/chart", form("type", "auto")),
            Map.entry("POST /clips/{slug}/sharing", form("access", "{access}")),
            Map.entry("POST /clips/{slug}/link-expiry", form("expires_at", "2099-01-01T00:00")),
            Map.entry("POST /clips/{slug}/snapshots", form("label", "matrix")),
            Map.entry("POST /clips/{slug}/schedule", form("every", "daily", "at", "07:00", "zone", "UTC")),
            Map.entry("POST /clips/{slug}/schedule/delete", destructive(Spec.NONE)),
            Map.entry("POST /clips/{slug}/snapshots/{snap2}/delete", destructive(Spec.NONE)),
            Map.entry("POST /clips/{slug}/members", form("member", "{viewMember}", "role", "view")),
            Map.entry("POST /clips/{slug}/rotate", destructive(Spec.NONE)),
            Map.entry("POST /clips/{slug}/delete", destructive(Spec.NONE)),
            Map.entry("POST /api/v1/sources", json("{\"name\":\"matrix-refused\",\"followers\":[\"postgres://u:p@localhost:1/db\"]}")),
            Map.entry("PUT /api/v1/sources/{source}/access", json("{grants}")),
            Map.entry("POST /api/v1/sources/{source}/preview", json("{\"sql\":\"select 1 as n\"}")),
            Map.entry("POST /sources", form("name", "matrix-refused", "followers", "postgres://u:p@localhost:1/db",
                    "primary", "", "max_lag_seconds", "")),
            Map.entry("POST /sources/{source}/access", form("everyone", "none", "team:{source}-analysts", "query",
                    "team:{source}-editors", "query", "team:{source}-viewers", "view")),
            Map.entry("POST /sources/{source}/preview", form("sql", "select 1 as n")),
            Map.entry("POST /api/v1/clips", json("{\"title\":\"matrix new\",\"source\":\"{source}\",\"sql\":\"select 1\"}")),
            Map.entry("POST /clips", form("title", "matrix new", "source", "{source}", "sql", "select 1", "description", "")),
            Map.entry("POST /api/v1/teams", json("{\"name\":\"matrix-new-@N@\"}")),
            Map.entry("DELETE /api/v1/teams/{team}/members/{user}", destructive(Spec.NONE)),
            Map.entry("DELETE /api/v1/teams/{team}", destructive(Spec.NONE)),
            Map.entry("POST /admin/teams", form("name", "matrix-new-@N@", "idp_group", "")),
            Map.entry("POST /admin/teams/{team}/members", form("email", "{user}")),
            Map.entry("POST /admin/teams/{team}/members/remove", destructive(form("email", "{user}"))),
            Map.entry("POST /admin/teams/{team}/delete", destructive(Spec.NONE)),
            Map.entry("POST /api/v1/users", json("{\"email\":\"matrix-new-@N@@test.local\",\"password\":\"member-password-1\"}")),
            Map.entry("PATCH /api/v1/users/{user}", json("{\"role\":\"member\",\"active\":true}")),
            Map.entry("POST /admin/users", form("email", "matrix-form-@N@@test.local", "password", "member-password-1",
                    "role", "member")),
            Map.entry("POST /admin/users/{user}/role", form("role", "member")),
            Map.entry("POST /admin/users/{user}/active", form("active", "true")),
            Map.entry("POST /admin/users/{user}/hand-over", form("to", "{admin}")),
            Map.entry("POST /sign-in", form("email", "{admin}", "password", "not the password")),
            Map.entry("POST /api/v1/tokens", json("{\"email\":\"{admin}\",\"password\":\"{adminPassword}\"}")),
            Map.entry("POST /account/tokens", form("name", "matrix")));
}
