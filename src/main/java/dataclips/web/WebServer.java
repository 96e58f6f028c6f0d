package dataclips.web;

import dataclips.Settings;
import dataclips.accounts.ApiTokens;
import dataclips.accounts.RunLog;
import dataclips.accounts.Sessions;
import dataclips.accounts.Users;
import dataclips.clips.AccessLog;
import dataclips.clips.Clips;
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

/**
 * Builds the Javalin app: headers, identity, error mapping and every feature's routes. It is handed the domain
 * objects App built and builds its own HTTP helpers (rate limits, the client watch, the site's address) from
 * the settings.
 */
public final class WebServer {
    /** The domain objects the routes use, built once by App (no DI framework). */
    public record Domain(Users users, Sessions sessions, ApiTokens tokens, RunLog runLog, Sources sources,
                         Catalog catalog, Clips clips, Results results, Serving serving, Previews previews,
                         Schedules schedules,
                         AccessLog accessLog) {}

    private WebServer() {}

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
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.appData(SiteAddress.KEY, site);
            config.appData(Asked.KEY, new Asked(domain.clips(), domain.serving(), clientWatch));
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
        app.get("/health", ctx -> {
            domain.users().ping();
            ctx.json(Map.of("status", "ok"));
        });
        new AccountRoutes(domain.users(), auth, pages, signInLimits).register(app);
        new TokenRoutes(domain.users(), domain.tokens(), pages, signInLimits).register(app);
        new SourceRoutes(domain.sources(), domain.runLog(), pages).register(app);
        new HomeRoutes(domain.clips(), pages).register(app);
        new ClipApi(domain.clips(), domain.runLog(), domain.results()).register(app);
        ExportRoute exports = new ExportRoute(domain.clips(), domain.serving(), clientWatch, anonymous,
                new ImageRenders(Runtime.getRuntime().maxMemory()));
        LinkHolderPages linkHolders = new LinkHolderPages(clock);
        // Anything but a read, on this instance, may change what link holders see: their kept pages go.
        app.after(ctx -> {
            if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
                linkHolders.changed();
            }
        });
        new ClipPages(domain.clips(), domain.sources(), domain.catalog(), pages, exports, domain.results(), anonymous,
                linkHolders).register(app);
        new SnapshotPages(domain.clips(), domain.results(), domain.serving(), pages, exports, anonymous, clientWatch)
                .register(app);
        new LinkRoutes(domain.clips(), anonymous.log(), pages).register(app);
        new SnapshotApi(domain.clips(), domain.results(), domain.serving(), clientWatch).register(app);
        new ClipActionPages(domain.clips(), domain.runLog(), pages, domain.results()).register(app);
        new ScheduleRoutes(domain.clips(), domain.schedules(), domain.results()).register(app);
        new ClipTableRoute(domain.clips(), domain.serving(), clientWatch, pages, linkHolders).register(app);
        new CompareRoutes(domain.clips(), domain.results(), pages).register(app);
        new HeadRoutes(domain.clips()).register(app);
        new SchemaApi(domain.sources(), domain.catalog()).register(app);
        new PreviewRoutes(domain.sources(), domain.previews(), clientWatch, pages,
                new PreviewLimits(settings.runCaps().previewsPerMinute())).register(app);
        app.events(events -> events.serverStopped(clientWatch::close));
        return app;
    }
}
