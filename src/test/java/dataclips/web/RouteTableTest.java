package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every endpoint Javalin's router holds was registered through the route table, with the need it declares. */
class RouteTableTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void everyRouteDeclaresWhatItNeeds() {
        Map<String, String> endpoints = app.app().endpoints();
        String undeclared = endpoints.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        assertEquals("", undeclared, "routes without a declared need (add them to web.Routes)");
        assertTrue(endpoints.size() > 100, "the router holds " + endpoints.size() + " routes");
        // A few by hand, so a need cannot silently change: the rest are in AccessMatrixTest's table.
        assertEquals("clip: open (link holders too)", endpoints.get("GET /clips/{slug}"));
        assertEquals("clip: edit", endpoints.get("PATCH /api/v1/clips/{slug}"));
        assertEquals("clip: see sql", endpoints.get("GET /api/v1/clips/{slug}/versions"));
        assertEquals("clip: manage", endpoints.get("PUT /api/v1/clips/{slug}/members"));
        assertEquals("database: query", endpoints.get("POST /api/v1/sources/{name}/preview"));
        assertEquals("admin", endpoints.get("PATCH /api/v1/users/{email}"));
        assertEquals("anyone", endpoints.get("POST /sign-in"));
        endpoints.forEach((route, need) -> System.out.printf("%-55s %s%n", route, need));
    }
}
