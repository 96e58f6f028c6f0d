package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SsoFlow;
import dataclips.TestIdentityProvider;
import dataclips.web.HostileInputs.Kind;
import dataclips.web.HostileInputs.Type;
import dataclips.web.HostileInputs.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile values ({@link HostileInputs}) in every JSON field of every API call that takes a body, in the query and path
 * parameters of the API and the pages, and in every field of every form the pages hold. Every answer is below 500; an
 * API refusal is the one error shape; no message names a Java class; NUL or a lone surrogate in a text field is a 422
 * naming the field; an extreme date in a date field is a 422 saying it is out of range (or, if it is no date at all,
 * what is accepted); a refused form is an HTML page.
 * Every failing case is collected, and all of them are reported at the end.
 */
class HostileInputTest {
    /** Its own instance, with room for the hundreds of refused sign-ins its hostile values make; single sign-on on. */
    @RegisterExtension
    static final AppFixture app = new AppFixture(TestIdentityProvider.shared().settings(Map.of(
            "DATACLIPS_SIGNIN_ATTEMPTS_PER_EMAIL", "10000", "DATACLIPS_SIGNIN_ATTEMPTS_PER_CLIENT", "10000")));
    private final List<String> failures = new ArrayList<>();
    private int requests;
    private int fiveHundreds;

    /** What an answer must be besides below 500: a 422 naming the field (NUL, surrogates), a 422 on a time (dates). */
    private record Want(String field, boolean namesField, String date) {
        static final Want ANY = new Want("", false, null);

        /**
         * A time the field's parser reads (ISO-8601 with an offset, or the form's local date and time) must be refused
         * as out of range; one it cannot read (a five-digit year without its sign, the 30th of February), with an
         * example of what is accepted.
         */
        String dateAnswer() {
            try {
                if (date.endsWith("Z")) {
                    java.time.OffsetDateTime.parse(date);
                } else {
                    java.time.LocalDateTime.parse(date);
                }
                return "out of range";
            } catch (java.time.format.DateTimeParseException e) {
                return "such as";
            }
        }
    }

    @Test
    void hostileValuesInEveryFieldParameterAndFormAreRefusedCleanlyNever5xx() {
        long started = System.nanoTime();
        SitePages.Fixture fixture = SitePages.fixture(app);
        Http browser = app.signedInAdmin();
        Http anonymous = app.http();
        Map<String, Element> forms = forms(SitePages.crawl(browser, fixture), anonymous.get("/sign-in"));
        String target = app.slug("hostile target", "select 1 as one");
        Http api = app.http();
        Http.Response snapshot = api.postJson("/api/v1/clips/" + target + "/snapshots", Map.of(), Http.bearer(app.admin()));
        assertEquals(201, snapshot.status(), snapshot.body());
        Map<String, String> ids = Map.of("{A}", app.slug("hostile patch target", "select 1 as one"),
                "{B}", target, "{S}", snapshot.json().get("id").asText(), "{F}", fixture.slug(),
                "{S1}", Long.toString(fixture.firstSnapshot()), "{S2}", Long.toString(fixture.secondSnapshot()),
                "{T}", fixture.team(), "{U}", fixture.member());

        jsonBodies(api, ids);
        for (String url : HostileInputs.API_URLS) {
            parameters(api, url, ids, Http.bearer(app.admin()));
        }
        for (String url : HostileInputs.PAGE_URLS) {
            parameters(url.startsWith("GET /sign-in") || url.startsWith("GET /auth/") ? anonymous : browser, url, ids);
        }
        singleSignOnAnswers(anonymous);
        forms.forEach((kind, form) -> form(kind, form, browser, anonymous));

        failures.forEach(System.out::println);
        System.out.printf("HostileInputTest: %d requests, %d answered 5xx, %d failing cases, %d s%n", requests, fiveHundreds,
                failures.size(), (System.nanoTime() - started) / 1_000_000_000L);
        assertTrue(failures.isEmpty(), failures.size() + " hostile cases failed:\n" + String.join("\n", failures));
    }

    private void jsonBodies(Http api, Map<String, String> ids) {
        int n = 0;
        for (HostileInputs.Call call : HostileInputs.CALLS) {
            String path = HostileInputs.fill(call.path(), ids);
            String shown = call.method() + " " + call.path().replace("{A}", "{slug}").replace("{B}", "{slug}");
            for (HostileInputs.Field field : call.fields()) {
                boolean text = field.type() != Type.NUMBER && field.type() != Type.BOOLEAN;
                List<Value> inside = text ? call.valid(field, ids).map(HostileInputs::inside).orElse(List.of()) : List.of();
                for (Value v : Stream.of(HostileInputs.TEXTS, inside, HostileInputs.WRONG_TYPES).flatMap(List::stream).toList()) {
                    String raw = field.type() == Type.TEXT_LIST && v.kind() != Kind.WRONG_TYPE ? "[" + v.json() + "]" : v.json();
                    String body = call.body(field, raw, ++n, ids);
                    Want want = new Want(field.name(), text && (v.kind() == Kind.NUL || v.kind() == Kind.SURROGATE),
                            field.type() == Type.DATE && v.kind() == Kind.DATE ? v.text() : null);
                    judge(shown + " field=" + field.name() + " value=" + v.label(), want,
                            () -> api.send(call.method(), path, body, Http.bearer(app.admin())));
                }
            }
            HostileInputs.BAD_BODIES.forEach((label, body) -> judge(shown + " field=(the body) value=" + label, Want.ANY,
                    () -> api.send(call.method(), path, body, Http.bearer(app.admin()))));
        }
    }

    /** The callback's code and iss in a sign-on under way in this browser: the code reaches the token endpoint. */
    private void singleSignOnAnswers(Http anonymous) {
        for (String parameter : List.of("code", "iss")) {
            for (Value v : HostileInputs.URL_VALUES) {
                anonymous.clearCookies();
                requests++; // the start, which sets the binding cookie and a state
                String path = "/auth/oidc/callback?state=" + SsoFlow.start(anonymous, null).state()
                        + (parameter.equals("iss") ? "&code=c&iss=" : "&code=") + v.url();
                judge("GET /auth/oidc/callback (under way) field=" + parameter + " value=" + v.label(), Want.ANY,
                        () -> anonymous.get(path));
            }
        }
    }

    private void parameters(Http http, String template, Map<String, String> ids, String... headers) {
        String method = template.split(" ", 2)[0];
        String url = HostileInputs.fill(template.split(" ", 2)[1], ids);
        for (Value v : HostileInputs.URL_VALUES) {
            String path = url.replace("<v>", v.url());
            judge(method + " " + template.split(" ", 2)[1] + " field=<v> value=" + v.label(), Want.ANY, () -> switch (method) {
                case "GET" -> http.get(path, headers);
                case "DELETE" -> http.delete(path, headers);
                default -> http.send(method, path, "", headers);
            });
        }
    }

    /** The post forms by kind, each kind once, the anonymous sign-in form with them; buttons are left out (see below). */
    private static Map<String, Element> forms(Map<String, Document> pages, Http.Response signIn) {
        Map<String, Element> forms = new LinkedHashMap<>();
        Stream.concat(pages.values().stream(), Stream.of(Jsoup.parse(signIn.body()))).flatMap(p -> SitePages.postForms(p).stream())
                // A form with no field but _csrf is a button (sign out, delete, rotate, fork, pin, unpin, restore,
                // revoke, remove): it has nothing to be hostile in. Sign-out is never posted: it would end the session.
                .filter(f -> !HostileInputs.fieldNames(f).isEmpty() && !f.attr("action").equals("/sign-out"))
                .forEach(f -> forms.putIfAbsent(SitePages.kind(f.attr("action")), f));
        String clip = "/clips/*";
        assertTrue(forms.keySet().containsAll(Set.of("/sign-in", "/clips", "/sources", "/account/tokens", "/admin/users",
                clip + "/edit", clip + "/sharing", clip + "/link-expiry", clip + "/snapshots", clip + "/schedule",
                clip + "/members", "/admin/teams", "/admin/teams/*/members", "/admin/teams/*/members/remove",
                "/admin/users/*/role", "/admin/users/*/active", "/admin/users/*/hand-over", "/sources/*/access")),
                forms.keySet()::toString);
        return forms;
    }

    private void form(String kind, Element form, Http browser, Http anonymous) {
        Map<String, String> page = SitePages.fields(form);
        page.put("_csrf", form.select("input[name=_csrf]").val());
        int n = 0;
        for (String name : HostileInputs.fieldNames(form)) {
            String type = form.selectFirst("[name=" + name + "]").attr("type");
            boolean date = type.equals("datetime-local");
            // A checkbox only says whether it is ticked, and hidden fields carry the page's own values (the sign-in
            // form's "next" is cut to "/" when unsafe): neither is a text the user typed, so neither must name itself.
            boolean text = !Set.of("checkbox", "hidden").contains(type);
            Map<String, String> valid = new HashMap<>(page);
            Stream.of(kind, kind + "#" + name).forEach(k -> valid.putAll(HostileInputs.FORM_VALID.getOrDefault(k, Map.of())));
            List<Value> inside = type.equals("checkbox") || valid.getOrDefault(name, "").isEmpty() ? List.of()
                    : HostileInputs.inside(valid.get(name));
            List<Value> values = Stream.of(HostileInputs.TEXTS, date ? HostileInputs.LOCAL_DATES : List.<Value>of(), inside)
                    .flatMap(List::stream).filter(v -> v.text() != null).toList(); // a form sends no lone surrogate
            for (Value v : values) {
                Map<String, String> post = new HashMap<>(valid);
                post.put(name, v.text());
                String unique = Integer.toString(++n);
                post.replaceAll((k, value) -> value.replace("@N@", unique));
                // The datetime-local field's own format is the local one; an offset ("Z") is only a malformed value there.
                Want want = new Want(name, text && v.kind() == Kind.NUL, date && HostileInputs.LOCAL_DATES.contains(v) ? v.text() : null);
                judge("POST " + kind + " field=" + name + " value=" + v.label(), want, () -> post(form, post, browser, anonymous));
                if (kind.endsWith("/edit")) { // put the clip back as the page had it: a hostile SQL kept would fail its snapshots
                    requests++;
                    assertEquals(302, browser.postForm(form.attr("action"), page).status(), "restoring the edited clip");
                }
            }
        }
    }

    /** The sign-in form goes from a fresh anonymous browser each time (a success signs it in), with its page's token. */
    private Http.Response post(Element form, Map<String, String> fields, Http browser, Http anonymous) {
        if (!form.attr("action").equals("/sign-in")) {
            return browser.postForm(form.attr("action"), fields);
        }
        anonymous.clearCookies();
        requests++;
        fields.put("_csrf", anonymous.get("/sign-in").csrf());
        return anonymous.postForm("/sign-in", fields);
    }

    private void judge(String what, Want want, Supplier<Http.Response> request) {
        requests++;
        Http.Response r;
        try {
            r = request.get();
        } catch (IllegalStateException e) {
            failures.add(what + " -> no answer: " + e.getCause());
            return;
        }
        String type = r.header("Content-Type").orElse("");
        boolean api = what.split(" ")[1].startsWith("/api/");
        boolean html = type.startsWith("text/html");
        String message = html ? Jsoup.parse(r.body()).select(".error-message").text()
                : HostileInputs.errorMessage(r.body()).orElse(r.body());
        List<String> wrong = new ArrayList<>();
        if (api && r.status() >= 400 && HostileInputs.errorMessage(r.body()).isEmpty()) {
            wrong.add("not the one error shape");
        } else if (!api && r.status() >= 400 && html && message.isEmpty()) {
            wrong.add("an HTML page without the app's error message");
        } else if (!api && r.status() >= 400 && !html && what.startsWith("POST ")) {
            wrong.add("a refused form answered " + (type.isEmpty() ? "no Content-Type" : type) + ", not an HTML page");
        }
        if (r.status() >= 500) {
            fiveHundreds++;
            wrong.add("5xx");
        }
        if (r.status() >= 400 && HostileInputs.namesJavaClass(message)) {
            wrong.add("the message names Java classes");
        }
        if (want.namesField() && (r.status() != 422 || !HostileInputs.namesField(message, want.field()))) {
            wrong.add("wanted 422 naming " + want.field());
        }
        if (want.date() != null && (r.status() != 422 || !message.contains(want.dateAnswer()))) {
            wrong.add("wanted 422 saying " + want.dateAnswer());
        }
        if (!wrong.isEmpty()) {
            String title = Jsoup.parse(r.body()).title();
            String shown = !html ? r.body() : !message.isEmpty() ? "html: " + message
                    : !title.isEmpty() ? "html: <title>" + title : r.body().isEmpty() ? "(empty " + type + " body)" : r.body();
            failures.add(what + " -> " + r.status() + " " + HostileInputs.prefix(shown) + "  [" + String.join("; ", wrong) + "]");
        }
    }
}
