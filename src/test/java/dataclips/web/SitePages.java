package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dataclips.AppFixture;
import dataclips.Http;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Every page an admin can reach, fetched over real HTTP: a clip with two versions, two snapshots and a
 * schedule is made first (so the pages show all their forms), then the crawl starts from the pages the
 * navigation and the clip link to and follows every same-site link, keeping to this clip's pages.
 */
final class SitePages {
    private static final Pattern DOWNLOAD = Pattern.compile(".*\\.(csv|json|xml|xlsx|svg|png)(\\?.*)?$");
    private static final int MAX_PAGES = 80;

    /** team: a team with one member (member), who is also a view member of the clip, with the team an edit member. */
    record Fixture(String slug, long firstSnapshot, long secondSnapshot, String team, String member) {}

    private SitePages() {}

    /**
     * A clip owned by the admin, with two versions, two unpinned snapshots, a daily schedule and two members (a user,
     * a team), that team with that user in it, and a database no clip uses: every page then shows every form it can
     * hold.
     */
    static Fixture fixture(AppFixture app) {
        String adminToken = app.admin();
        String slug = app.slug("Crawled clip", "select 1 as one");
        assertEquals(200, app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("sql", "select 2 as two"),
                Http.bearer(adminToken)).status());
        long first = snapshot(app, adminToken, slug);
        long second = snapshot(app, adminToken, slug);
        Http.Response schedule = app.http().send("PUT", "/api/v1/clips/" + slug + "/schedule",
                Map.of("every", "daily", "at", "06:00", "zone", "UTC"), Http.bearer(adminToken));
        assertEquals(200, schedule.status(), schedule.body());
        String unique = Long.toString(System.nanoTime(), 36);
        String team = "crawled-" + unique;
        String member = "crawled-" + unique + "@test.local";
        app.memberToken(member);
        assertEquals(201, app.http().postJson("/api/v1/teams", Map.of("name", team), Http.bearer(adminToken)).status());
        assertEquals(200, app.http().send("PUT", "/api/v1/teams/" + team + "/members/" + member, "", Http.bearer(adminToken))
                .status());
        Http.Response members = app.http().send("PUT", "/api/v1/clips/" + slug + "/members",
                List.of(Map.of("user", member, "role", "view"), Map.of("team", team, "role", "edit")), Http.bearer(adminToken));
        assertEquals(200, members.status(), members.body());
        spareSource(app, adminToken);
        return new Fixture(slug, first, second, team, member);
    }

    /** A database no clip uses (the sample's follower again, by another name), so the Databases page offers Remove. */
    private static void spareSource(AppFixture app, String token) {
        String url = dataclips.TestCluster.get().readerUrl(dataclips.TestCluster.get().follower());
        Http.Response r = app.http().postJson("/api/v1/sources", Map.of("name", "spare-" + System.nanoTime(),
                "followers", List.of(url)), Http.bearer(token));
        assertEquals(201, r.status(), r.body());
    }

    private static long snapshot(AppFixture app, String token, String slug) {
        Http.Response r = app.http().postJson("/api/v1/clips/" + slug + "/snapshots", Map.of(), Http.bearer(token));
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }

    /** Path (with query) to the parsed page, for every page reachable from the seeds; each answered 200. */
    static Map<String, Document> crawl(Http browser, Fixture f) {
        String clip = "/clips/" + f.slug();
        List<String> seeds = List.of("/", "/clips/new", "/sources", "/sources/new", "/sources/employees/schema",
                "/admin/users", "/admin/runs", "/admin/teams", "/admin/access-changes", "/account/tokens", clip,
                clip + "/versions", clip + "/versions/1", clip + "/access",
                clip + "/runs", clip + "/snapshots/" + f.firstSnapshot(),
                clip + "/compare?from=" + f.firstSnapshot() + "&to=" + f.secondSnapshot());
        Map<String, Document> pages = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(seeds);
        while (!queue.isEmpty() && pages.size() < MAX_PAGES) {
            String path = queue.poll();
            if (pages.containsKey(path)) {
                continue;
            }
            Http.Response r = browser.get(path);
            assertEquals(200, r.status(), path + ": " + r.body());
            Document html = Jsoup.parse(r.body());
            pages.put(path, html);
            html.select("a[href]").eachAttr("href").stream().filter(href -> worthFollowing(href, f.slug()))
                    .forEach(queue::add);
        }
        return pages;
    }

    /** Same-site pages only: no downloads, no static files, no other clips (the shared database has many). */
    private static boolean worthFollowing(String href, String slug) {
        if (!href.startsWith("/") || href.startsWith("//") || href.startsWith("/static/") || DOWNLOAD.matcher(href).matches()
                || href.contains("refresh=1") || href.startsWith("/sign-in")) {
            return false;
        }
        return !href.startsWith("/clips/") || href.startsWith("/clips/" + slug) || href.equals("/clips/new");
    }

    /** The page's forms that post. */
    static List<Element> postForms(Document page) {
        return page.select("form").stream().filter(f -> f.attr("method").equalsIgnoreCase("post")).toList();
    }

    /** What the form would send as the page stands (checked boxes and radios, selected options), without its token. */
    static Map<String, String> fields(Element form) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (Element input : form.select("input[name], select[name], textarea[name]")) {
            String type = input.attr("type");
            if (input.attr("name").equals("_csrf") || ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked"))) {
                continue;
            }
            String value = switch (input.tagName()) {
                case "select" -> java.util.Optional.ofNullable(input.selectFirst("option[selected]"))
                        .or(() -> java.util.Optional.ofNullable(input.selectFirst("option"))).map(Element::val).orElse("");
                case "textarea" -> input.wholeText();
                default -> input.val();
            };
            fields.put(input.attr("name"), value);
        }
        return fields;
    }

    /** A form's kind: its action with slugs and numbers replaced by *. */
    static String kind(String action) {
        return action.replaceAll("^/clips/[a-z0-9]{26,}", "/clips/*").replaceAll("/\\d+(?=/|$)", "/*")
                .replaceAll("^/sources/[^/]+/(delete|access)$", "/sources/*/$1")
                .replaceAll("^/admin/(users|teams)/[^/]+/", "/admin/$1/*/");
    }

    /** The pages every crawl must have reached, whatever the links say. */
    static final Set<String> MUST_INCLUDE = Set.of("/", "/admin/users", "/admin/runs", "/account/tokens", "/sources",
            "/admin/teams", "/admin/access-changes");
}
