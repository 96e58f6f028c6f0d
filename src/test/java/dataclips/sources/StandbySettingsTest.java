package dataclips.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.ConflictingFollower;
import dataclips.Http;
import dataclips.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each follower's hot_standby_feedback and max_standby_streaming_delay, read by its health check from the real
 * server, in GET /api/v1/sources/{name}, the registration's answer and the Databases page, with the warning each
 * side of the trade-off earns: a follower that cancels long clips (feedback off, a delay shorter than the statement
 * timeout), and the embedded one, whose feedback lets long clips hold back the primary's vacuum.
 */
class StandbySettingsTest {
    private static final String CANCELS = "hot_standby_feedback is off and max_standby_streaming_delay (0 s) is shorter "
            + "than the clips' statement timeout (5 min), so long clips will be cancelled when the primary cleans up rows "
            + "they read (a recovery conflict). Raise max_standby_streaming_delay on the follower, or turn on "
            + "hot_standby_feedback.";
    private static final String HOLDS_BACK = "hot_standby_feedback is on, so a long clip here holds back the primary's "
            + "vacuum (dead rows stay, tables and indexes grow) for as long as it runs: the clips' statement "
            + "timeout (5 min) bounds the follower's work on it over the whole run, not the time a slow download takes "
            + "to be read.";
    @RegisterExtension
    @Order(1)
    static final AppFixture app = new AppFixture();
    @RegisterExtension
    @Order(2)
    static final ConflictingFollower follower = new ConflictingFollower(app, "standby");

    @Test
    void aFollowerThatCancelsLongClipsShowsBothSettingsAndTheWarning() {
        String cancels = "follower 1 (localhost:" + follower.node().port() + "/employees): " + CANCELS;
        assertTrue(contains(follower.registered().get("warnings"), cancels), "registration: " + follower.registered());
        JsonNode view = follower.view();
        JsonNode f = view.at("/followers/0");
        assertEquals(false, f.get("hot_standby_feedback").asBoolean(true));
        assertEquals(0, f.get("max_standby_streaming_delay").asLong(-2));
        assertTrue(f.get("recovery_conflicts").isIntegralNumber(), "PostgreSQL's count is readable: " + f);
        assertEquals(0, f.get("run_conflicts_last_day").asInt(-1));
        assertEquals(List.of(cancels), texts(view.get("warnings")));
    }

    @Test
    void theEmbeddedFollowerSaysWhatItsFeedbackCostsThePrimary() {
        Http.Response r = app.http().get("/api/v1/sources/employees", Http.bearer(app.admin()));
        JsonNode f = r.json().at("/followers/0");
        assertEquals(true, f.get("hot_standby_feedback").asBoolean(false));
        assertEquals(30_000, f.get("max_standby_streaming_delay").asLong());
        assertEquals(List.of("follower 1 (localhost:" + TestCluster.get().follower().port() + "/employees): " + HOLDS_BACK),
                texts(r.json().get("warnings")));
    }

    @Test
    void theSourcesListKeepsItsContractFields() {
        for (JsonNode source : app.http().get("/api/v1/sources", Http.bearer(app.admin())).json()) {
            assertTrue(source.hasNonNull("name"), source.toString());
            for (JsonNode f : source.get("followers")) {
                for (String field : List.of("host", "port", "healthy", "in_recovery", "lag_bytes", "lag_seconds",
                        "hot_standby_feedback", "max_standby_streaming_delay")) {
                    assertTrue(f.has(field), field + " in " + f);
                }
            }
        }
    }

    @Test
    void theDatabasesPageShowsEachFollowersSettingsAndWarnings() {
        Document page = Jsoup.parse(app.signedInAdmin().get("/sources").body());
        Element standby = card(page, "standby");
        assertEquals("hot_standby_feedback off, max_standby_streaming_delay 0 s",
                standby.selectFirst("table.followers td.standby").text());
        assertEquals("0 in runs, last 24 h", standby.selectFirst("td.conflicts span").text());
        assertEquals(List.of("follower 1 (localhost:" + follower.node().port() + "/employees): " + CANCELS),
                standby.select("ul.standby-warnings li").eachText());
        Element employees = card(page, "employees");
        assertEquals("hot_standby_feedback on, max_standby_streaming_delay 30 s",
                employees.selectFirst("table.followers td.standby").text());
        assertTrue(employees.selectFirst("ul.standby-warnings li").text().endsWith(HOLDS_BACK));
    }

    @Test
    void aDelayAsLongAsTheStatementTimeoutOrWaitingForEverEarnsNoWarning() {
        assertEquals(Optional.empty(), new StandbySettings(false, 300_000, 0L).warning(300));
        assertEquals(Optional.empty(), new StandbySettings(false, -1, null).warning(300));
        assertTrue(new StandbySettings(false, 299_999, 0L).warning(300).orElseThrow()
                .contains("max_standby_streaming_delay (299999 ms) is shorter than the clips' statement timeout (5 min)"));
        assertEquals("hot_standby_feedback off, max_standby_streaming_delay -1 (waits for ever)",
                new StandbySettings(false, -1, null).text());
    }

    private static Element card(Document page, String source) {
        for (Element card : page.select("main section.card")) {
            Element name = card.selectFirst("h2");
            if (name != null && name.text().equals(source)) {
                return card;
            }
        }
        throw new AssertionError("no card for " + source + " on the Databases page");
    }

    private static boolean contains(JsonNode array, String text) {
        return texts(array).contains(text);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
