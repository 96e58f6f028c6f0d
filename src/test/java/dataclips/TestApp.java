package dataclips;

import dataclips.embedded.EmbeddedCluster;
import java.util.Map;

/** The real app on a random port, on the shared embedded pair, driven over HTTP. */
public final class TestApp implements AutoCloseable {
    public static final String ADMIN_EMAIL = "admin@test.local";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    private final App app;

    private TestApp(App app) {
        this.app = app;
    }

    public static TestApp start() {
        return start(Map.of());
    }

    /** The app with extra settings (e.g. DATACLIPS_MAX_ROWS) on top of the test defaults. */
    public static TestApp start(Map<String, String> extra) {
        return start(extra, java.time.Clock.systemUTC());
    }

    /** The app whose schedules go by the given clock (a {@link SettableClock} to move time by hand). */
    public static TestApp start(Map<String, String> extra, java.time.Clock scheduleClock) {
        return start(extra, scheduleClock, App.Examples.SKIP);
    }

    /**
     * The app as a first start makes it: with the example clips, unless this test run's installation made them
     * already. The other tests' apps make none, so the clips they count are their own.
     */
    public static TestApp startWithExamples() {
        return start(Map.of(), java.time.Clock.systemUTC(), App.Examples.MAKE);
    }

    private static TestApp start(Map<String, String> extra, java.time.Clock scheduleClock, App.Examples examples) {
        // Tests make hundreds of anonymous requests from one address, and run clips at once as one admin: the
        // anonymous limits are off and the run caps far away unless a test (AnonymousRateLimitTest, RunCapsTest) sets them.
        Map<String, String> env = new java.util.HashMap<>(Map.of("PORT", "0", "DATACLIPS_HOME", TestCluster.HOME.toString(),
                "DATACLIPS_ADMIN_EMAIL", ADMIN_EMAIL, "DATACLIPS_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIP", "0", "DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIENT", "0",
                "DATACLIPS_RUNS_PER_USER", "50", "DATACLIPS_RUNS_PER_SOURCE", "100", "DATACLIPS_PREVIEWS_PER_MINUTE", "10000"));
        env.putAll(extra);
        return new TestApp(App.startOn(Settings.fromEnvironment(env), TestCluster.get(), scheduleClock, examples));
    }

    public EmbeddedCluster cluster() {
        return TestCluster.get();
    }

    public String base() {
        return "http://localhost:" + app.port();
    }

    /** A fresh client with no cookies (an anonymous viewer until it signs in). */
    public Http http() {
        return new Http(base());
    }

    /** A browser-like client signed in as the admin through the sign-in form. */
    public Http signedInAdmin() {
        return signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A browser-like client that opened the sign-in page and posted its form (with the form's CSRF token). */
    public Http signedIn(String email, String password) {
        Http browser = http();
        Http.Response r = browser.postForm("/sign-in", Map.of("email", email, "password", password,
                "_csrf", browser.get("/sign-in").csrf()));
        if (r.status() != 302) {
            throw new AssertionError("sign-in: " + r.status() + " " + r.body());
        }
        return browser;
    }

    public String token(String email, String password) {
        Http.Response r = http().postJson("/api/v1/tokens", Map.of("email", email, "password", password));
        if (r.status() != 201) {
            throw new AssertionError("token for " + email + ": " + r.status() + " " + r.body());
        }
        return r.json().get("token").asText();
    }

    public String adminToken() {
        return token(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Creates a member account through the admin API and returns its token. */
    public String memberToken(String email) {
        Http.Response r = http().postJson("/api/v1/users",
                Map.of("email", email, "password", "member-password-1", "role", "member"), Http.bearer(adminToken()));
        if (r.status() != 201) {
            throw new AssertionError("create member: " + r.status() + " " + r.body());
        }
        return token(email, "member-password-1");
    }

    /** Every route of the app with its declared need (null: none). */
    public Map<String, String> endpoints() {
        return app.endpoints();
    }

    /** Viewers of this instance who joined the shared run with this result id now. */
    public int viewersJoined(long resultId) {
        return app.viewersJoined(resultId);
    }

    @Override
    public void close() {
        app.close();
    }
}
