package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every page sends the security headers, and no page needs what its Content-Security-Policy blocks:
 * inline scripts, event-handler attributes, javascript: URLs, inline styles.
 */
class PageSecurityTest {
    @RegisterExtension
    static final CrawledSite app = new CrawledSite();

    @Test
    void everyPageSendsTheHeadersAndHoldsNothingThePolicyWouldBlock() {
        Http admin = app.signedInAdmin();
        List<String> paths = new ArrayList<>(SitePages.crawl(admin, app.fixture()).keySet());
        paths.add("/clips/" + app.fixture().slug() + "/table");
        Map<String, Http.Response> responses = new LinkedHashMap<>();
        paths.forEach(path -> responses.put("admin " + path, admin.get(path)));
        Http anonymous = app.http();
        responses.put("sign-in", anonymous.get("/sign-in"));
        responses.put("anonymous clip page", anonymous.get("/clips/" + app.fixture().slug()));
        responses.put("anonymous snapshot page", anonymous.get("/clips/" + app.fixture().slug() + "/snapshots/"
                + app.fixture().firstSnapshot()));
        responses.put("error page, anonymous", anonymous.get("/clips/" + "z".repeat(26)));
        responses.put("error page, signed in", admin.get("/no/such/page"));
        responses.put("error page, wrong sign-in", anonymous.postForm("/sign-in", Map.of("email", "x@test.local",
                "password", "not-the-password", "_csrf", anonymous.get("/sign-in").csrf())));
        responses.put("error page, refused form", admin.postForm("/admin/users", Map.of("email", "y@test.local")));

        List<String> problems = new ArrayList<>();
        responses.forEach((name, r) -> {
            assertTrue(r.header("Content-Type").orElse("").startsWith("text/html"), name + ": " + r.header("Content-Type"));
            String csp = r.header("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'self'") && csp.contains("style-src 'self'")
                    && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), name + ": " + csp);
            assertEquals("nosniff", r.header("X-Content-Type-Options").orElse(""), name);
            assertEquals("no-referrer", r.header("Referrer-Policy").orElse(""), name);
            problems.addAll(blockedByThePolicy(name, Jsoup.parse(r.body())));
        });
        assertEquals(List.of(), problems);
        assertTrue(responses.size() >= 20, "pages checked: " + responses.keySet());
        System.out.println("PageSecurityTest: " + responses.size() + " pages checked: " + responses.keySet());
    }

    /** Whatever in the page the policy would refuse to run or apply. */
    static List<String> blockedByThePolicy(String name, Document html) {
        List<String> problems = new ArrayList<>();
        for (Element script : html.select("script")) {
            if (!script.hasAttr("src") || !script.data().isBlank()) {
                problems.add(name + ": inline script " + script.outerHtml());
            }
            if (script.hasAttr("src") && !script.attr("src").startsWith("/static/")) {
                problems.add(name + ": script from elsewhere " + script.attr("src"));
            }
        }
        html.select("style").forEach(style -> problems.add(name + ": inline <style> " + style.outerHtml()));
        for (Element element : html.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String key = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue().strip().toLowerCase(Locale.ROOT).replaceAll("\\s", "");
                if (key.startsWith("on")) {
                    problems.add(name + ": event handler " + key + " on <" + element.tagName() + ">");
                }
                if (key.equals("style")) {
                    problems.add(name + ": inline style on <" + element.tagName() + ">");
                }
                if (value.startsWith("javascript:")) {
                    problems.add(name + ": javascript: URL in " + key + " on <" + element.tagName() + ">");
                }
            }
        }
        return problems;
    }

    @Test
    void theCheckCatchesWhatItLooksFor() {
        Document bad = Jsoup.parse("<p style='color:red' onclick='x()'><a href=' JavaScript:alert(1)'>a</a></p>"
                + "<script>alert(1)</script><script src='https://cdn.example/x.js'></script><style>p{}</style>");
        List<String> problems = blockedByThePolicy("sample", bad);
        assertEquals(6, problems.size(), problems.toString());
        assertFalse(blockedByThePolicy("clean", Jsoup.parse("<p class='x'><a href='/clips/new'>new</a></p>"
                + "<script src='/static/js/dataclips.js'></script>")).iterator().hasNext());
    }
}
