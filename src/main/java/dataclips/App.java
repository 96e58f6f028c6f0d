package dataclips;

import com.zaxxer.hikari.HikariDataSource;
import dataclips.accounts.ApiTokens;
import dataclips.accounts.FirstAdmin;
import dataclips.accounts.RunLog;
import dataclips.clips.AccessLog;
import dataclips.clips.Clips;
import dataclips.delivery.Subscriptions;
import dataclips.results.Housekeeping;
import dataclips.results.InstanceLease;
import dataclips.results.RenderedCopies;
import dataclips.results.Results;
import dataclips.run.Catalog;
import dataclips.run.ClipRunner;
import dataclips.schedules.Schedules;
import dataclips.serving.Serving;
import dataclips.accounts.Sessions;
import dataclips.accounts.Users;
import dataclips.embedded.EmbeddedCluster;
import dataclips.embedded.ExampleClips;
import dataclips.embedded.SampleSource;
import dataclips.sources.PostgresUrl;
import dataclips.sources.SecretBox;
import dataclips.sources.Sources;
import dataclips.web.WebServer;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Wiring and main: builds every object with its constructor, starts the web server, stops it all cleanly. */
public final class App implements AutoCloseable {
    private final Settings settings;
    private final EmbeddedCluster ownedCluster;
    private final HikariDataSource metadata;
    private final Sources sources;
    private final Javalin web;
    private final Optional<FirstAdmin.SignIn> firstAdmin;
    private final Background background;
    private final Results results;
    private boolean closed;

    /** What runs beside the web server and stops before the pools close. */
    private record Background(InstanceLease lease, Housekeeping housekeeping, Schedules schedules, Subscriptions delivery,
                              AccessLog accessLog) {
        void close() {
            schedules.close(); // first: a running scheduled snapshot still needs the lease and the pools
            delivery.close(); // then sends in flight, which read stored results
            accessLog.close(); // writes what is still queued while the metadata pool is open
            housekeeping.close();
            lease.close();
        }
    }

    private App(Settings settings, EmbeddedCluster ownedCluster, HikariDataSource metadata, Sources sources,
                Results results, Javalin web, Optional<FirstAdmin.SignIn> firstAdmin, Background background) {
        this.results = results;
        this.settings = settings;
        this.ownedCluster = ownedCluster;
        this.metadata = metadata;
        this.sources = sources;
        this.web = web;
        this.firstAdmin = firstAdmin;
        this.background = background;
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        App app;
        try {
            app = start(Settings.fromEnvironment(System.getenv()));
        } catch (Settings.Invalid | StartupException e) {
            System.err.println("dataclips: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "dataclips-shutdown"));
        System.out.println(app.welcome());
    }

    /**
     * Whether an embedded start makes the example clips (once per installation: see {@link ExampleClips}). The app
     * does; the tests' apps do not, but for the test of the examples themselves, so clips they count are their own.
     */
    public enum Examples { MAKE, SKIP }

    /** Starts on DATABASE_URL, or on the embedded primary + follower under DATACLIPS_HOME. */
    public static App start(Settings settings) {
        if (settings.databaseUrl().isPresent()) {
            return start(settings, settings.databaseUrl().get(), null, false, Clock.systemUTC(), Examples.SKIP);
        }
        EmbeddedCluster cluster = EmbeddedCluster.open(settings.home(), settings.sampleScale());
        try {
            return start(settings, metadataUrl(cluster), cluster, true, Clock.systemUTC(), Examples.MAKE);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts on an embedded pair that someone else owns and stops (the tests' shared pair). */
    public static App startOn(Settings settings, EmbeddedCluster cluster) {
        return startOn(settings, cluster, Clock.systemUTC());
    }

    /** As {@link #startOn(Settings, EmbeddedCluster)}, with the clock schedules, link expiry, rate limits and the
     *  access log go by (tests set it by hand). */
    public static App startOn(Settings settings, EmbeddedCluster cluster, Clock scheduleClock) {
        return startOn(settings, cluster, scheduleClock, Examples.SKIP);
    }

    /** As {@link #startOn(Settings, EmbeddedCluster, Clock)}, making the example clips if this installation has not. */
    public static App startOn(Settings settings, EmbeddedCluster cluster, Clock scheduleClock, Examples examples) {
        return start(settings, metadataUrl(cluster), cluster, false, scheduleClock, examples);
    }

    private static App start(Settings settings, PostgresUrl metadataUrl, EmbeddedCluster cluster, boolean ownsCluster,
                             Clock scheduleClock, Examples examples) {
        HikariDataSource metadata = MetadataPool.open(metadataUrl);
        Sources sources = null;
        InstanceLease lease = null;
        Schedules schedules = null;
        Subscriptions delivery = null;
        AccessLog accessLog = null;
        try {
            Flyway.configure().dataSource(metadata).locations("classpath:db/migration").load().migrate();
            DSLContext db = DSL.using(metadata, SQLDialect.POSTGRES);
            byte[] key = settings.secretKey().orElseGet(() -> SecretBox.keyFromHome(settings.home()));
            Users users = new Users(db);
            sources = new Sources(db, new SecretBox(key));
            Optional<FirstAdmin.SignIn> firstAdmin = FirstAdmin.ensure(users, settings.adminEmail(),
                    settings.adminPassword(), settings.home());
            if (cluster != null) {
                SampleSource.ensure(sources, cluster);
            }
            sources.startMonitoring();
            RunLog runLog = new RunLog(db);
            lease = new InstanceLease(() -> DriverManager.getConnection(metadataUrl.jdbcUrl(), metadataUrl.properties()));
            Results results = new Results(db, lease, settings.maxParameterSets());
            Housekeeping housekeeping = new Housekeeping(results, settings.keepResults(), settings.keepResultsDays()).start();
            Clips clips = new Clips(db, sources, scheduleClock);
            if (cluster != null && examples == Examples.MAKE) {
                ExampleClips.ensure(db, clips, users);
            }
            accessLog = new AccessLog(db, scheduleClock).start();
            ClipRunner runner = new ClipRunner(sources);
            Serving serving = new Serving(clips, results, runner, runLog, settings.maxRows(),
                    new RenderedCopies(settings.home().resolve("rendered"), settings.renderedBytes()),
                    settings.runCaps());
            schedules = new Schedules(db, clips, serving, new Schedules.Polling(metadata,
                    Duration.ofSeconds(settings.schedulePollSeconds()), "dataclips-" + lease.number(), scheduleClock))
                    .start();
            WebServer.TeamsAndAccess access = WebServer.TeamsAndAccess.on(db, scheduleClock);
            delivery = new Subscriptions(new Subscriptions.Wiring(db, metadata, clips, results, users, access.policy(),
                    settings.delivery(), settings.baseUrl(), key, settings.home(), "dataclips-" + lease.number(),
                    scheduleClock)).start();
            WebServer.Domain domain = new WebServer.Domain(users, new Sessions(db), new ApiTokens(db), runLog, sources,
                    new Catalog(sources), clips, results, serving, serving.previews(), schedules, accessLog,
                    access, WebServer.singleSignOn(settings, db), delivery);
            Javalin web = WebServer.create(domain, settings, key, scheduleClock).start(settings.port());
            return new App(settings, ownsCluster ? cluster : null, metadata, sources, results, web, firstAdmin,
                    new Background(lease, housekeeping, schedules, delivery, accessLog));
        } catch (RuntimeException e) {
            Closing.all(schedules, delivery, accessLog, lease, sources);
            metadata.close();
            throw e instanceof StartupException ? e : new StartupException(describe(e), e);
        }
    }

    private static PostgresUrl metadataUrl(EmbeddedCluster cluster) {
        return new PostgresUrl("localhost", cluster.primary().port(), EmbeddedCluster.METADATA_DATABASE,
                cluster.metadataUser(), cluster.metadataPassword(), java.util.Map.of());
    }

    private static String describe(RuntimeException e) {
        return "start-up failed: " + rootMessage(e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public int port() {
        return web.port();
    }

    java.util.Map<String, String> endpoints() { // every route with its declared need: tests check none lacks one
        return WebServer.endpoints(web);
    }

    /** Viewers in this instance who joined the shared run (tests wait for it instead of guessing a delay). */
    int viewersJoined(long resultId) {
        return results.viewersJoined(resultId);
    }

    /** What to print once the app serves: where, and how to sign in. */
    String welcome() {
        String url = "http://localhost:" + port() + "/";
        StringBuilder text = new StringBuilder("Dataclips is ready at " + url + "\n");
        Path passwordFile = settings.home().resolve("admin-password.txt");
        if (firstAdmin.isPresent() && firstAdmin.get().passwordFile().isEmpty()) {
            text.append("  Sign in as ").append(firstAdmin.get().email()).append(" (DATACLIPS_ADMIN_PASSWORD).\n");
        } else if (Files.exists(passwordFile)) {
            text.append("  Sign in as ").append(FirstAdmin.DEFAULT_EMAIL).append(" with the generated password in ")
                    .append(passwordFile).append("\n");
        } else {
            text.append("  Sign in at ").append(url).append("sign-in with your account.\n");
        }
        if (ownedCluster != null) {
            text.append("  Data: ").append(settings.home()).append(" (embedded PostgreSQL: primary on port ")
                    .append(ownedCluster.primary().port()).append(", follower on port ")
                    .append(ownedCluster.follower().port()).append(")");
        }
        return text.toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        web.stop();
        background.close();
        sources.close();
        metadata.close();
        if (ownedCluster != null) {
            ownedCluster.close();
        }
    }
}
