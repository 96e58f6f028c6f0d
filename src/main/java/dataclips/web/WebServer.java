package dataclips.web;

import dataclips.accounts.ApiTokens;
import dataclips.accounts.RunLog;
import dataclips.clips.Clips;
import dataclips.run.Catalog;
import dataclips.results.Results;
import dataclips.results.Schedules;
import dataclips.results.Snapshots;
import dataclips.run.Runs;
import dataclips.accounts.Sessions;
import dataclips.accounts.Users;
import dataclips.sources.Sources;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import org.jooq.DSLContext;

/** Builds the Javalin app: headers, identity, error mapping and every feature's routes. */
public final class WebServer {
    /** Everything the routes need, built once by App (no DI framework). */
    public record Services(DSLContext metadata, Users users, Sessions sessions, ApiTokens tokens, Sources sources,
                           Clips clips, Runs runs, RunLog runLog, Catalog catalog, Results results, Snapshots snapshots,
                           long maxRows, Schedules schedules, SignInLimits signInLimits,
                           AnonymousTraffic anonymous, SiteAddress site) {}

    private WebServer() {}

    public static Javalin create(Services services) {
        Pages pages = new Pages();
        ClientWatch clientWatch = new ClientWatch();
        Auth auth = new Auth(services.sessions(), services.tokens());
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.appData(SiteAddress.KEY, services.site());
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
                services.anonymous().limits().beforeIdentify(ctx); // no database work before the limits
                auth.identify(ctx);
                services.anonymous().limits().afterIdentify(ctx);
                Auth.checkCsrf(ctx);
                InputText.checkRequest(ctx);
            }
        });
        Errors.install(app, pages);
        app.get("/health", ctx -> {
            services.metadata().selectOne().fetch();
            ctx.json(Map.of("status", "ok"));
        });
        new AccountRoutes(services.users(), auth, pages, services.signInLimits()).register(app);
        new TokenRoutes(services.users(), services.tokens(), pages, services.signInLimits()).register(app);
        new SourceRoutes(services.sources(), pages).register(app);
        new HomeRoutes(services.clips(), pages).register(app);
        new ClipApi(services.clips(), services.runLog()).register(app);
        ExportStream stream = new ExportStream(services.clips(), services.runs(), services.results(), clientWatch,
                services.maxRows());
        ExportRoute exports = new ExportRoute(services.clips(), services.results(), stream, services.anonymous());
        new ClipPages(services.clips(), services.sources(), services.catalog(), pages, exports, services.results(),
                services.anonymous()).register(app);
        new SnapshotPages(services.clips(), services.results(), services.snapshots(), pages, exports,
                services.anonymous()).register(app);
        new LinkRoutes(services.clips(), services.anonymous().log(), pages).register(app);
        new SnapshotApi(services.clips(), services.results(), services.snapshots()).register(app);
        new ClipActionPages(services.clips(), services.runLog(), pages, services.results()).register(app);
        new ScheduleRoutes(services.clips(), services.schedules(), services.results()).register(app);
        new ClipTableRoute(services.clips(), services.runs(), services.results(), clientWatch, pages, services.maxRows())
                .register(app);
        new CompareRoutes(services.clips(), services.results(), pages).register(app);
        app.events(events -> events.serverStopped(clientWatch::close));
        return app;
    }
}
