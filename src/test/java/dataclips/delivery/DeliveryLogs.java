package dataclips.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.Http;
import dataclips.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A clip's delivery log through the API (GET /api/v1/clips/{slug}/deliveries), waited for until it says what a test needs. */
final class DeliveryLogs {
    private DeliveryLogs() {}

    static List<JsonNode> of(Http http, String token, String slug) {
        Http.Response r = http.get("/api/v1/clips/" + slug + "/deliveries", Http.bearer(token));
        if (r.status() != 200) {
            throw new AssertionError("deliveries: " + r.status() + " " + r.body());
        }
        List<JsonNode> all = new ArrayList<>();
        r.json().forEach(all::add);
        return all;
    }

    /** Waits (at most 90 s) until the log holds count deliveries with this status; answers the whole log. */
    static List<JsonNode> await(Http http, String token, String slug, String status, int count) {
        return await(http, token, slug, log -> log.stream().filter(d -> d.get("status").asText().equals(status)).count() >= count,
                count + " " + status);
    }

    static List<JsonNode> await(Http http, String token, String slug, Predicate<List<JsonNode>> done, String what) {
        long deadline = System.currentTimeMillis() + 90_000;
        List<JsonNode> log = of(http, token, slug);
        while (!done.test(log) && System.currentTimeMillis() < deadline) {
            TestDatabase.sleep(200);
            log = of(http, token, slug);
        }
        if (!done.test(log)) {
            throw new AssertionError("the delivery log never had " + what + ": " + log);
        }
        return log;
    }

    static long count(List<JsonNode> log, String status) {
        return log.stream().filter(d -> d.get("status").asText().equals(status)).count();
    }
}
