package dataclips;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test class's app: a {@link TestApp} started before the class's first test and closed after its last,
 * registered as {@code @RegisterExtension static final AppFixture app = new AppFixture();} (with settings, and a
 * schedule clock, when the class needs them). It answers what the classes ask of their app: clients, the admin's
 * token (taken once, when first asked for) and clips made through the API ({@link TestClips}). A class's own
 * {@code @BeforeAll} runs once the app is up and its {@code @AfterAll} before the app closes.
 */
public class AppFixture implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> settings;
    private final Clock scheduleClock;
    private TestApp app;
    private String admin;

    public AppFixture() {
        this(Map.of());
    }

    /** The app with extra settings (e.g. DATACLIPS_MAX_ROWS) on top of the test defaults. */
    public AppFixture(Map<String, String> settings) {
        this(settings, Clock.systemUTC());
    }

    /** The app whose schedules (and link expiries, rate limits, access log) go by the given clock. */
    public AppFixture(Map<String, String> settings, Clock scheduleClock) {
        this.settings = Map.copyOf(settings);
        this.scheduleClock = scheduleClock;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        app = TestApp.start(settings, scheduleClock);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        TestApp started = app;
        app = null;
        admin = null;
        if (started != null) {
            started.close();
        }
    }

    public TestApp app() {
        if (app == null) {
            throw new IllegalStateException("the app runs between its class's first and last test, "
                    + "registered as a static @RegisterExtension field");
        }
        return app;
    }

    public String base() {
        return app().base();
    }

    /** A fresh client with no cookies (an anonymous viewer until it signs in). */
    public Http http() {
        return app().http();
    }

    /** A browser-like client signed in as the admin through the sign-in form. */
    public Http signedInAdmin() {
        return app().signedInAdmin();
    }

    public Http signedIn(String email, String password) {
        return app().signedIn(email, password);
    }

    /** The admin's API token this class shares, taken at the first call. */
    public synchronized String admin() {
        if (admin == null) {
            admin = app().adminToken();
        }
        return admin;
    }

    /** A new API token of the admin's (each call signs in again; {@link #admin()} answers the shared one). */
    public String adminToken() {
        return app().adminToken();
    }

    public String token(String email, String password) {
        return app().token(email, password);
    }

    /** Creates a member account through the admin API and returns its token. */
    public String memberToken(String email) {
        return app().memberToken(email);
    }

    /** A clip on the sample source owned by the admin: the API's JSON (slug, url, …). */
    public JsonNode create(String title, String sql) {
        return TestClips.create(app(), admin(), title, sql);
    }

    /** The slug of a new clip on the sample source, owned by the admin. */
    public String slug(String title, String sql) {
        return slug(admin(), title, sql);
    }

    /** The slug of a new clip on the sample source, owned by the token's user. */
    public String slug(String token, String title, String sql) {
        return TestClips.slug(app(), token, title, sql);
    }

    /** Viewers of this instance who joined the shared run with this result id now. */
    public int viewersJoined(long resultId) {
        return app().viewersJoined(resultId);
    }
}
