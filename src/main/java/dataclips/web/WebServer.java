package dataclips.web;

import dataclips.Settings;
import dataclips.access.ClipMembers;
import dataclips.access.Policy;
import dataclips.access.SourceLevels;
import dataclips.access.Teams;
import dataclips.accounts.AccessAudit;
import dataclips.accounts.ApiTokens;
import dataclips.accounts.PasswordSignIn;
import dataclips.accounts.RunLog;
import dataclips.accounts.Sessions;
import dataclips.accounts.SingleSignOn;
import dataclips.accounts.Users;
import dataclips.clips.AccessLog;
import dataclips.clips.Clips;
import dataclips.delivery.Subscriptions;
import dataclips.results.Results;
import dataclips.run.Catalog;
import dataclips.schedules.Schedules;
import dataclips.serving.Previews;
import dataclips.serving.Serving;
import dataclips.sources.Sources;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the Javalin app: headers, identity, error mapping and every feature's routes. It is handed the domain
 * objects App built and builds its own HTTP helpers (rate limits, the client watch, the site's address) from
 * the settings.
 */
public final class WebServer {
    /** The domain objects the routes use, built once by App (no DI framework). */
    public record Domain(Users users, Sessions sessions, ApiTokens tokens, RunLog runLog, Sources sources,
                         Catalog catalog, Clips clips, Results results, Serving serving, Previews previews,
                         Schedules schedules, AccessLog accessLog, TeamsAndAccess access, Optional<SingleSignOn> sso,
                         Subscriptions subscriptions) {}

    /** Teams, database levels, clip members, the policy over them and the audit of their changes. */
    public record TeamsAndAccess(Teams teams, SourceLevels levels, ClipMembers members, Policy policy, AccessAudit audit) {
        /** On the metadata database; clock: what link expiry is measured against. */
        public static TeamsAndAccess on(org.jooq.DSLContext db, Clock clock) {
            SourceLevels levels = new SourceLevels(db);
            ClipMembers members = new ClipMembers(db);
            return new TeamsAndAccess(new Teams(db), levels, members, new Policy(levels, members, clock), new AccessAudit(db));
        }
    }

    private WebServer() {}

    /** Single sign-on when DATACLIPS_OIDC_ISSUER is set; its discovery starts now, in the background. */
    public static Optional<SingleSignOn> singleSignOn(Settings settings, org.jooq.DSLContext db) {
        return SingleSignOn.start(settings.oidc(), db);
    }

    /** Every endpoint with its declared need ("GET /clips/{slug}" to "clip: open (link holders too)"; null: none). */
    public static java.util.Map<String, String> endpoints(Javalin app) {
        java.util.Map<String, String> described = new java.util.TreeMap<>();
        Routes.endpoints(app).forEach((route, need) -> described.put(route, need == null ? null : need.describe()));
        return described;
    }

    /** secretKey keys the access log's hash of client addresses; clock is what rate limits go by. */
    public static Javalin create(Domain domain, Settings settings, byte[] secretKey, Clock clock) {
        Pages pages = new Pages();
        ClientWatch clientWatch = new ClientWatch();
        Auth auth = new Auth(domain.sessions(), domain.tokens());
        SiteAddress site = new SiteAddress(settings.baseUrl(), settings.trustProxy());
        AnonymousTraffic anonymous = new AnonymousTraffic(domain.accessLog(), secretKey, settings.trustProxy(),
                settings.anonPerMinutePerClip(), settings.anonPerMinutePerClient(), clock);
        SignInLimits signInLimits = new SignInLimits(settings.signInAttemptsPerEmail(),
                settings.signInAttemptsPerClient(), settings.trustProxy());
        SubscriptionPages subscriptionPages = new SubscriptionPages(domain.subscriptions(), domain.users(), pages);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.appData(SiteAddress.KEY, site);
            config.appData(Asked.KEY, new Asked(domain.clips(), domain.serving(), clientWatch, domain.access().policy()));
            config.appData(ClipPageModel.MEMBERS, domain.access().members());
            config.appData(SubscriptionsPanel.SUBSCRIPTIONS, domain.subscriptions());
            config.jetty.modifyServer(server -> server.setErrorHandler(new BadMessages()));
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
        });
        app.before(ctx -> {
            SecurityHeaders.apply(ctx);
            if (!ctx.path().startsWith("/static/") && !ctx.path().equals("/health")) {
                anonymous.limits().beforeIdentify(ctx); // no database work before the limits
                auth.identify(ctx);
                anonymous.limits().afterIdentify(ctx);
                Auth.checkCsrf(ctx);
                InputText.checkRequest(ctx);
            }
        });
        Errors.install(app, pages);
        LinkHolderPages linkHolders = new LinkHolderPages(clock);
        // Anything but a read, on this instance, may change what link holders see: their kept pages go.
        app.after(ctx -> {
            if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
                linkHolders.changed();
            }
        });
        ScheduleRoutes schedules = new ScheduleRoutes(domain.schedules(), domain.results());
        schedules.attach(app);
        Gate gate = new Gate(domain.clips(), domain.sources(), domain.access().policy());
        PasswordSignIn passwords = new PasswordSignIn(settings.passwordSignIn(), settings.adminEmail());
        Routes.install(app, gate, handlers(domain, pages, auth, signInLimits, passwords, anonymous, clientWatch,
                linkHolders, schedules, settings.runCaps().previewsPerMinute(), subscriptionPages));
        app.events(events -> events.serverStopped(() -> {
            clientWatch.close();
            domain.sso().ifPresent(SingleSignOn::close);
        }));
        return app;
    }

    private static RouteHandlers handlers(Domain d, Pages pages, Auth auth, SignInLimits signInLimits,
                                          PasswordSignIn passwords, AnonymousTraffic anonymous, ClientWatch clientWatch,
                                          LinkHolderPages linkHolders, ScheduleRoutes schedules, int previewsPerMinute,
                                          SubscriptionPages subscriptionPages) {
        Policy policy = d.access().policy();
        ExportRoute exports = new ExportRoute(d.serving(), clientWatch, anonymous,
                new ImageRenders(Runtime.getRuntime().maxMemory()));
        SourceLevelRoutes levels = new SourceLevelRoutes(d.access().levels(), d.access().teams());
        OidcRoutes sso = new OidcRoutes(d.sso(), d.access().teams(), auth, pages);
        return new RouteHandlers(new AccountRoutes(d.users(), auth, pages, signInLimits, passwords, sso), sso,
                new TokenRoutes(d.users(), d.tokens(), pages, signInLimits, passwords, sso.providerName()),
                new UserRoutes(d.users(), d.clips(), policy, pages),
                new TeamRoutes(d.access().teams(), d.users(), pages),
                new AccessChangeRoutes(d.access().audit(), pages),
                new SourceRoutes(d.sources(), d.runLog(), policy, levels, d.clips(), pages), levels, new SchemaApi(d.catalog()),
                new PreviewRoutes(d.previews(), clientWatch, pages, new PreviewLimits(previewsPerMinute)),
                new HomeRoutes(d.clips(), policy, pages),
                new ClipPages(d.clips(), d.sources(), d.catalog(), pages, exports, d.results(), anonymous, linkHolders,
                        policy),
                exports, new ClipTableRoute(d.clips(), d.serving(), clientWatch, pages, linkHolders),
                new CompareRoutes(d.results(), pages),
                new SnapshotPages(d.clips(), d.results(), d.serving(), pages, exports, anonymous),
                new SnapshotApi(d.clips(), policy, d.results()),
                new ClipActionPages(d.clips(), policy, d.runLog(), pages, d.results()),
                new LinkRoutes(d.clips(), anonymous.log(), pages), schedules,
                new ClipApi(d.clips(), d.sources(), policy, d.runLog(), d.results()),
                new MemberRoutes(d.access().members(), d.clips(), d.users(), policy),
                new SubscriptionApi(d.subscriptions(), d.users()), subscriptionPages,
                new UnsubscribeRoutes(d.subscriptions(), d.clips(), pages));
    }
}
