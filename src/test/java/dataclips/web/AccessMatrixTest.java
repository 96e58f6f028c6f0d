package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dataclips.AccessWorld;
import dataclips.AccessWorld.Persona;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The access matrix (issue 29): every route of the app, as each persona, for a link, a private and a restricted clip,
 * against the statuses written by hand in access-matrix.txt. It fails on any other status, when a route of the app has
 * no row (a new route must say who may use it), and when a 404 differs in any byte or header from the same caller's
 * 404 for an unknown slug.
 */
class AccessMatrixTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_SIGNIN_ATTEMPTS_PER_EMAIL", "10000",
            "DATACLIPS_SIGNIN_ATTEMPTS_PER_CLIENT", "10000", "DATACLIPS_WEBHOOK_ALLOW_HOSTS", "127.0.0.1"));
    private static final String UNKNOWN_SLUG = "z".repeat(26);
    private static final String SCRATCH_TEAM = "matrix-scratch";
    private static final String SCRATCH_USER = "matrix-scratch@test.local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AccessWorld world;
    private final Map<String, AccessWorld.WorldClip> clips = new HashMap<>();
    /** Each world clip's webhook subscription ({sub}), by slug. */
    private final Map<String, Long> subscriptions = new HashMap<>();
    private boolean scratchDirty = true;
    private int counter;

    record Row(String method, String path, String clip, Map<Persona, Integer> expected) {
        String route() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void organisation() {
        world = AccessWorld.create(app, "matrix");
        app.memberToken(SCRATCH_USER);
    }

    @Test
    void everyRouteAnswersEachPersonaAsTheTableSays() throws IOException {
        List<Row> rows = table();
        List<String> uncovered = new ArrayList<>();
        Map<String, String> routes = app.app().endpoints();
        for (String route : routes.keySet()) {
            if (rows.stream().noneMatch(r -> route.equals(routeOf(r, routes.keySet())))) {
                uncovered.add(route + " (" + routes.get(route) + ")");
            }
        }
        assertEquals(List.of(), uncovered, "routes without a row in access-matrix.txt: write who may use them");
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (Row row : rows) {
            for (Persona p : Persona.values()) {
                Http.Response r = send(row, p, row.clip().equals("-") || p == Persona.STRANGER ? UNKNOWN_SLUG : null);
                requests++;
                int want = row.expected().get(p);
                if (r.status() != want) {
                    wrong.add(row.route() + " [" + row.clip() + "] as " + p.column + ": " + r.status() + ", expected " + want
                            + " " + cut(r.body()));
                } else if (want == 404 && !row.clip().equals("-") && p != Persona.STRANGER) {
                    Http.Response unknown = send(row, p, UNKNOWN_SLUG);
                    requests++;
                    sameAnswer(r, unknown).ifPresent(d -> wrong.add(row.route() + " [" + row.clip() + "] as " + p.column
                            + ": the 404 differs from an unknown slug's: " + d));
                }
                if (r.status() < 400 && MatrixRequests.SPECS.getOrDefault(spec(row), MatrixRequests.Spec.NONE).destructive()) {
                    if (row.clip().equals("-")) {
                        scratchDirty = true;
                    } else {
                        clips.remove(row.clip());
                    }
                }
            }
        }
        System.out.printf("AccessMatrixTest: %d rows, %d routes, %d requests, %d wrong%n", rows.size(), routes.size(),
                requests, wrong.size());
        assertTrue(wrong.isEmpty(), wrong.size() + " cells differ from access-matrix.txt:\n" + String.join("\n", wrong));
    }

    /** Sends the row's request as the persona; slug: the unknown slug to ask for instead of the row's clip, or null. */
    private Http.Response send(Row row, Persona p, String slug) {
        AccessWorld.WorldClip clip = row.clip().equals("-") ? null : clip(row.clip());
        if (row.clip().equals("-")) {
            scratch();
        }
        Map<String, String> values = new HashMap<>();
        values.put("{slug}", slug != null || clip == null ? UNKNOWN_SLUG : clip.slug());
        values.put("{snap}", clip == null ? "0" : Long.toString(clip.snapshot()));
        values.put("{snap2}", clip == null ? "0" : Long.toString(clip.otherSnapshot()));
        values.put("{sub}", clip == null ? "0" : Long.toString(subscriptions.get(clip.slug())));
        values.put("{access}", row.clip());
        values.put("{source}", world.source());
        values.put("{team}", SCRATCH_TEAM);
        values.put("{user}", SCRATCH_USER);
        values.put("{owner}", world.email(Persona.OWNER));
        values.put("{viewMember}", world.email(Persona.VIEW_MEMBER));
        values.put("{admin}", TestApp.ADMIN_EMAIL);
        values.put("{adminPassword}", TestApp.ADMIN_PASSWORD);
        values.put("@N@", Integer.toString(++counter));
        try {
            values.put("{members}", JSON.writeValueAsString(world.members()));
            values.put("{grants}", JSON.writeValueAsString(world.grants()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String path = fill(row.path(), values);
        MatrixRequests.Spec spec = MatrixRequests.SPECS.getOrDefault(spec(row), MatrixRequests.Spec.NONE);
        Http http = app.http(); // a fresh client each time: no cookie carries over
        String[] auth = world.auth(p);
        if (spec.form() != null) {
            Map<String, String> form = new HashMap<>();
            spec.form().forEach((k, v) -> form.put(fill(k, values), fill(v, values)));
            return http.postForm(path, form, auth);
        }
        return switch (row.method()) {
            case "GET" -> http.get(path, auth);
            case "DELETE" -> http.delete(path, auth);
            default -> http.send(row.method(), path, spec.json() == null ? "" : fill(spec.json(), values), auth);
        };
    }

    /** The same status, body and headers (but Date) as the unknown slug's answer: nothing tells them apart. */
    private static java.util.Optional<String> sameAnswer(Http.Response r, Http.Response unknown) {
        if (r.status() != unknown.status()) {
            return java.util.Optional.of("status " + r.status() + " vs " + unknown.status());
        }
        if (!r.body().equals(unknown.body())) {
            return java.util.Optional.of("body " + cut(r.body()) + " vs " + cut(unknown.body()));
        }
        Map<String, List<String>> a = new TreeMap<>(r.headers().map());
        Map<String, List<String>> b = new TreeMap<>(unknown.headers().map());
        a.remove("date");
        b.remove("date");
        return a.equals(b) ? java.util.Optional.empty() : java.util.Optional.of("headers " + a + " vs " + b);
    }

    /** The clip of this sharing, made afresh after a request changed or removed it. */
    private AccessWorld.WorldClip clip(String access) {
        return clips.computeIfAbsent(access, a -> {
            AccessWorld.WorldClip made = world.clip(a);
            Http.Response sub = app.http().postJson("/api/v1/clips/" + made.slug() + "/subscriptions", Map.of("channel",
                    "webhook", "url", "http://127.0.0.1:9/matrix"), Http.bearer(app.admin()));
            assertEquals(201, sub.status(), sub.body());
            subscriptions.put(made.slug(), sub.json().get("id").asLong());
            return made;
        });
    }

    /** The scratch team with the scratch user in it, again after a request removed either. */
    private void scratch() {
        if (!scratchDirty) {
            return;
        }
        String[] admin = Http.bearer(app.admin());
        app.http().postJson("/api/v1/teams", Map.of("name", SCRATCH_TEAM), admin); // 409 when it is there already
        assertEquals(200, app.http().send("PUT", "/api/v1/teams/" + SCRATCH_TEAM + "/members/" + SCRATCH_USER, "", admin)
                .status());
        scratchDirty = false;
    }

    /** The route of the app a row's request reaches: the one its path matches with the most literal segments. */
    private static String routeOf(Row row, java.util.Set<String> routes) {
        String[] asked = row.path().split("\\?")[0].split("/", -1);
        return routes.stream().filter(r -> r.startsWith(row.method() + " ")).filter(r -> matches(r.split(" ", 2)[1], asked))
                .max(java.util.Comparator.comparingLong(r -> java.util.Arrays.stream(r.split("/")).filter(s -> !s.startsWith("{"))
                        .count())).orElse(null);
    }

    private static boolean matches(String route, String[] asked) {
        String[] parts = route.split("/", -1);
        if (parts.length != asked.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].startsWith("{") && !parts[i].equals(asked[i])) {
                return false;
            }
        }
        return true;
    }

    private static String spec(Row row) {
        return row.method() + " " + row.path().split("\\?")[0];
    }

    private static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("access-matrix.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                assertEquals(13, f.length, "a row is: method, request, clip, then 10 statuses: " + line);
                Map<Persona, Integer> expected = new EnumMap<>(Persona.class);
                for (Persona p : Persona.values()) {
                    expected.put(p, Integer.parseInt(f[3 + p.ordinal()]));
                }
                rows.add(new Row(f[0], f[1], f[2], expected));
            }
        }
        TreeSet<String> clipsNamed = rows.stream().map(Row::clip).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("-", "link", "private", "restricted")), clipsNamed);
        return rows;
    }

    private static String fill(String template, Map<String, String> values) {
        String filled = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            filled = filled.replace(v.getKey(), v.getValue());
        }
        return filled;
    }

    private static String cut(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
