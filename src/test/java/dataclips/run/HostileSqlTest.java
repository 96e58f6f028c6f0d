package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.Http;
import dataclips.TestClips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile SQL through the real app on the embedded pair ({@link HostileCases}). For each: the answer the user
 * gets, and what must not happen: a change on the primary (the canary), a server file in the output, an
 * advisory lock left on the follower, session state in the next run, the app stopping to serve.
 */
class HostileSqlTest {
    @RegisterExtension
    static final HostileFixture fx = new HostileFixture(Map.of("DATACLIPS_MAX_ROWS", Integer.toString(HostileFixture.MAX_ROWS)));

    @BeforeAll
    static void start() throws Exception {
        Files.deleteIfExists(Path.of(HostileCases.MARKER));
    }

    static Stream<HostileCases.Case> cases() {
        return HostileCases.all().stream();
    }

    @Test
    void theSuiteHasAtLeastFortyCases() {
        assertTrue(HostileCases.all().size() >= 40, "cases: " + HostileCases.all().size());
    }

    /** The name check refuses whole names only: longer names that contain one, and the safe views, still pass. */
    @Test
    void namesThatOnlyContainARefusedNameAreAccepted() {
        for (String sql : List.of("select 1 as pg_terminate_backend_calls", "select umuser from pg_user_mappings",
                "select xmlelement(name a, 'to_xml')", "select 'U&' || 'x' as u")) {
            StatementGuard.check(sql);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void attack(HostileCases.Case attack) throws Exception {
        String canary = HostileFixture.canary();
        String answer = switch (attack.expect()) {
            case REFUSED -> refused(attack);
            case FAILED -> failed(attack);
            case TIMED_OUT -> timedOut(attack);
            case RAN -> ran(attack);
        } + previewed(attack);
        assertFalse(answer.contains("root:x:0:0"), "a server file reached the output: " + answer);
        assertEquals(canary, HostileFixture.canary(), "the primary changed");
        assertEquals("0", HostileFixture.readerAdvisoryLocks(), "an advisory lock outlived the run");
        assertFalse(Files.exists(Path.of(HostileCases.MARKER)), "a server-side program or file write ran");
        fx.assertAlive();
        fx.probeClean();
    }

    /** 422 with the code at save, again at run for stored SQL (page and download), and nothing sent. */
    private String refused(HostileCases.Case attack) {
        Http.Response save = fx.http().postJson("/api/v1/clips",
                Map.of("title", "hostile", "source", HostileFixture.SOURCE, "sql", attack.sql()), Http.bearer(fx.admin()));
        assertEquals(422, save.status(), save.body());
        assertEquals(attack.answer(), save.json().get("error").get("code").asText(), save.body());
        String message = save.json().get("error").get("message").asText();
        assertTrue(message.length() > 40, "the message should say what to do: " + message);
        String slug = fx.forced(attack.sql());
        TestClips.Table page = TestClips.run(fx.http(), slug);
        assertEquals(422, page.status(), page.text());
        assertTrue(page.text().contains(message), page.text());
        Http.Response csv = fx.http().get("/clips/" + slug + ".csv");
        assertEquals(422, csv.status(), csv.body());
        assertTrue(csv.body().contains(message), csv.body()); // downloads answer in plain text, for spreadsheets
        return message + page.text() + csv.body();
    }

    /** Saved (it is a query), run, refused by the follower: the database's message on the page. */
    private String failed(HostileCases.Case attack) {
        TestClips.Table page = TestClips.run(fx.http(), fx.slug("hostile", attack.sql()));
        assertEquals(200, page.status(), page.text());
        assertEquals("error", page.state(), page.text());
        String shown = page.html().selectFirst(".db-message").text();
        assertTrue(Pattern.compile(attack.answer(), Pattern.CASE_INSENSITIVE).matcher(shown).find(), shown);
        return page.text();
    }

    private String timedOut(HostileCases.Case attack) {
        long started = System.nanoTime();
        String text = failed(attack);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds < HostileFixture.TIMEOUT_SECONDS + 10, "took " + seconds + " s");
        return text;
    }

    /**
     * The editor's draft run takes exactly the clip path: the same refusal (code and message) for a refused statement,
     * the database's own error for one the follower refuses or times out, and a clean backend after one that ran.
     */
    private String previewed(HostileCases.Case attack) {
        Http.Response preview = fx.http().postJson("/api/v1/sources/" + HostileFixture.SOURCE + "/preview",
                Map.of("sql", attack.sql()), Http.bearer(fx.admin()));
        switch (attack.expect()) {
            case REFUSED -> {
                assertEquals(422, preview.status(), preview.body());
                assertEquals(attack.answer(), preview.json().get("error").get("code").asText(), preview.body());
            }
            case FAILED, TIMED_OUT -> {
                assertEquals(422, preview.status(), preview.body());
                assertEquals("sql_error", preview.json().get("error").get("code").asText(), preview.body());
                String message = preview.json().get("error").get("message").asText();
                assertTrue(Pattern.compile(attack.answer(), Pattern.CASE_INSENSITIVE).matcher(message).find(), message);
            }
            case RAN -> {
                assertEquals(200, preview.status(), preview.body());
                fx.probeCleanOn(preview.json().get("values").get(0).get(0).asText());
            }
        }
        return preview.body();
    }

    /** It runs; the backend it ran on must come back clean to the next runs. */
    private String ran(HostileCases.Case attack) {
        TestClips.Table page = TestClips.run(fx.http(), fx.slug("hostile", attack.sql()));
        assertEquals("ok", page.state(), page.text());
        List<String> row = page.rows().get(0);
        fx.probeCleanOn(row.get(0));
        return page.text();
    }
}
