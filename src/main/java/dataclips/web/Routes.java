package dataclips.web;

import static dataclips.access.ClipAction.EDIT;
import static dataclips.access.ClipAction.FORK;
import static dataclips.access.ClipAction.MANAGE;
import static dataclips.access.ClipAction.OPEN;
import static dataclips.access.ClipAction.SEE_SQL;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.HEAD;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.access.SourceAction;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Map;

/**
 * The whole URL map, one line per route: method, path, what it needs (README, "Teams and access"; {@link Gate} checks it
 * before the handler runs) and its handler. Needs: anyone; a signed-in user or an admin; an action on the clip named by
 * {slug} (byLink: anonymous link holders may come too); an action on the database named by {name}.
 */
final class Routes {
    private static final Need ANYONE = new Need.Anyone();
    private static final Need.Account USER = new Need.Account(false);
    private static final Need.Account ADMIN = new Need.Account(true);
    private final Javalin app;
    private final Gate gate;

    private Routes(Javalin app, Gate gate) {
        this.app = app;
        this.gate = gate;
    }

    static void install(Javalin app, Gate gate, RouteHandlers h) {
        new Routes(app, gate).table(h);
    }

    private void table(RouteHandlers h) {
        on(GET, "/health", ANYONE, h.accounts()::health);
        on(GET, "/sign-in", ANYONE, h.accounts()::signInPage);
        on(POST, "/sign-in", ANYONE, h.accounts()::signIn);
        on(POST, "/sign-out", ANYONE, h.accounts()::signOut);
        on(GET, "/auth/oidc", ANYONE, h.oidc()::start);
        on(GET, "/auth/oidc/callback", ANYONE, h.oidc()::callback);
        on(GET, "/unsubscribe/{token}", ANYONE, h.unsubscribe()::page); // signed links in mails: no account needed
        on(POST, "/unsubscribe/{token}", ANYONE, h.unsubscribe()::confirm);
        on(GET, "/api/v1/me", USER, (ctx, user) -> ctx.json(user));
        on(POST, "/api/v1/tokens", ANYONE, h.tokens()::createWithPassword);
        on(GET, "/api/v1/tokens", USER, h.tokens()::list);
        on(DELETE, "/api/v1/tokens/{id}", USER, h.tokens()::revoke);
        on(GET, "/account/tokens", USER, h.tokens()::page);
        on(POST, "/account/tokens", USER, h.tokens()::createFromPage);
        on(POST, "/account/tokens/{id}/revoke", USER, h.tokens()::revokeFromPage);

        on(GET, "/api/v1/users", ADMIN, h.users()::list);
        on(POST, "/api/v1/users", ADMIN, h.users()::create);
        on(PATCH, "/api/v1/users/{email}", ADMIN, h.users()::patch);
        on(GET, "/admin/users", ADMIN, h.users()::page);
        on(POST, "/admin/users", ADMIN, h.users()::createFromPage);
        on(POST, "/admin/users/{email}/role", ADMIN, h.users()::roleFromPage);
        on(POST, "/admin/users/{email}/active", ADMIN, h.users()::activeFromPage);
        on(POST, "/admin/users/{email}/hand-over", ADMIN, h.users()::handOverFromPage);
        on(GET, "/api/v1/teams", USER, h.teams()::list);
        on(POST, "/api/v1/teams", ADMIN, h.teams()::create);
        on(DELETE, "/api/v1/teams/{name}", ADMIN, h.teams()::delete);
        on(PUT, "/api/v1/teams/{name}/members/{email}", ADMIN, h.teams()::addMember);
        on(DELETE, "/api/v1/teams/{name}/members/{email}", ADMIN, h.teams()::removeMember);
        on(GET, "/admin/teams", ADMIN, h.teams()::page);
        on(POST, "/admin/teams", ADMIN, h.teams()::createFromPage);
        on(POST, "/admin/teams/{name}/delete", ADMIN, h.teams()::deleteFromPage);
        on(POST, "/admin/teams/{name}/members", ADMIN, h.teams()::addFromPage);
        on(POST, "/admin/teams/{name}/members/remove", ADMIN, h.teams()::removeFromPage);
        on(GET, "/api/v1/access-changes", ADMIN, h.changes()::list);
        on(GET, "/admin/access-changes", ADMIN, h.changes()::page);
        on(GET, "/api/v1/runs", USER, h.actions()::runLog);
        on(GET, "/admin/runs", ADMIN, h.actions()::auditPage);
        on(GET, "/api/v1/storage", ADMIN, h.snapshotApi()::storage);

        on(GET, "/api/v1/sources", USER, h.sources()::list);
        on(POST, "/api/v1/sources", ADMIN, h.sources()::register);
        on(GET, "/api/v1/sources/{name}", source(SourceAction.VIEW), h.sources()::one);
        on(DELETE, "/api/v1/sources/{name}", source(SourceAction.MANAGE), h.sources()::delete);
        on(GET, "/api/v1/sources/{name}/access", source(SourceAction.MANAGE), h.levels()::get);
        on(PUT, "/api/v1/sources/{name}/access", source(SourceAction.MANAGE), h.levels()::put);
        on(GET, "/api/v1/sources/{name}/schema", source(SourceAction.QUERY), h.schema()::api);
        on(POST, "/api/v1/sources/{name}/preview", source(SourceAction.QUERY), h.previews()::api);
        on(GET, "/sources", USER, h.sources()::page);
        on(GET, "/sources/new", ADMIN, h.sources()::newPage);
        on(POST, "/sources", ADMIN, h.sources()::registerFromPage);
        on(POST, "/sources/{name}/delete", source(SourceAction.MANAGE), h.sources()::deleteFromPage);
        on(POST, "/sources/{name}/access", source(SourceAction.MANAGE), h.levels()::putFromPage);
        on(GET, "/sources/{name}/schema", source(SourceAction.QUERY), h.clipPages()::schemaPage);
        on(POST, "/sources/{name}/preview", source(SourceAction.QUERY), h.previews()::fragment);

        on(GET, "/", USER, h.home()::home);
        on(GET, "/clips/new", USER, h.clipPages()::newPage);
        on(POST, "/clips", USER, h.clipPages()::create);
        on(GET, "/clips/{slug}", byLink(OPEN), h.clipPages()::pageOrDownload); // also /clips/{slug}.csv, .png …
        on(HEAD, "/clips/{slug}", byLink(OPEN), h.exports()::head);
        on(GET, "/clips/{slug}/table", byLink(OPEN), h.table()::table);
        on(HEAD, "/clips/{slug}/table", byLink(OPEN), Routes::headOfPage);
        on(GET, "/clips/{slug}/compare", byLink(OPEN), h.compare()::page);
        on(HEAD, "/clips/{slug}/compare", byLink(OPEN), Routes::headOfPage);
        on(GET, "/clips/{slug}/snapshots/{id}", byLink(OPEN), h.snapshotPages()::pageOrDownload);
        on(HEAD, "/clips/{slug}/snapshots/{id}", byLink(OPEN), h.snapshotPages()::head);
        on(POST, "/clips/{slug}/edit", clip(EDIT), h.clipPages()::edit);
        on(POST, "/clips/{slug}/chart", clip(EDIT), h.clipPages()::chart);
        on(POST, "/clips/{slug}/snapshots", clip(EDIT), h.snapshotPages()::take);
        on(POST, "/clips/{slug}/snapshots/{id}/pin", clip(EDIT), h.snapshotPages()::pin);
        on(POST, "/clips/{slug}/unpin", clip(EDIT), h.snapshotPages()::unpin);
        on(POST, "/clips/{slug}/snapshots/{id}/delete", clip(EDIT), h.snapshotPages()::delete);
        on(POST, "/clips/{slug}/schedule", clip(EDIT), h.schedules()::saveFromPage);
        on(POST, "/clips/{slug}/schedule/delete", clip(EDIT), h.schedules()::deleteFromPage);
        on(POST, "/clips/{slug}/sharing", clip(EDIT), h.actions()::share);
        on(POST, "/clips/{slug}/link-expiry", clip(EDIT), h.links()::expiry);
        on(POST, "/clips/{slug}/subscriptions", clip(EDIT), h.subscriptionPages()::create);
        on(POST, "/clips/{slug}/subscriptions/{id}/delete", clip(EDIT), h.subscriptionPages()::delete);
        on(POST, "/clips/{slug}/subscriptions/{id}/test", clip(EDIT), h.subscriptionPages()::test);
        on(POST, "/clips/{slug}/versions/{version}/restore", clip(EDIT), h.actions()::restore);
        on(GET, "/clips/{slug}/runs", clip(EDIT), h.actions()::runsPage);
        on(HEAD, "/clips/{slug}/runs", clip(EDIT), h.actions()::runsPage); // pages that run nothing: as GET
        on(GET, "/clips/{slug}/versions", clip(SEE_SQL), h.actions()::versionsPage);
        on(HEAD, "/clips/{slug}/versions", clip(SEE_SQL), h.actions()::versionsPage);
        on(GET, "/clips/{slug}/versions/{version}", clip(SEE_SQL), h.actions()::versionPage);
        on(HEAD, "/clips/{slug}/versions/{version}", clip(SEE_SQL), h.actions()::versionPage);
        on(POST, "/clips/{slug}/fork", clip(FORK), h.actions()::fork);
        on(POST, "/clips/{slug}/rotate", clip(MANAGE), h.actions()::rotate);
        on(POST, "/clips/{slug}/delete", clip(MANAGE), h.actions()::delete);
        on(GET, "/clips/{slug}/access", clip(MANAGE), h.links()::accessPage);
        on(HEAD, "/clips/{slug}/access", clip(MANAGE), h.links()::accessPage);
        on(POST, "/clips/{slug}/members", clip(MANAGE), h.members()::fromPage);

        on(GET, "/api/v1/clips", USER, h.clipApi()::list);
        on(POST, "/api/v1/clips", USER, h.clipApi()::create);
        on(GET, "/api/v1/clips/{slug}", clip(OPEN), h.clipApi()::one);
        on(GET, "/api/v1/clips/{slug}/parameters", clip(OPEN), h.clipApi()::parameters);
        on(GET, "/api/v1/clips/{slug}/chart", clip(OPEN), h.clipApi()::chart);
        on(GET, "/api/v1/clips/{slug}/snapshots", clip(OPEN), h.snapshotApi()::list);
        on(GET, "/api/v1/clips/{slug}/snapshots/{id}", clip(OPEN), h.snapshotApi()::one);
        on(GET, "/api/v1/clips/{slug}/compare", clip(OPEN), h.compare()::api);
        on(GET, "/api/v1/clips/{slug}/schedule", clip(OPEN), h.schedules()::get);
        on(GET, "/api/v1/clips/{slug}/versions", clip(SEE_SQL), h.clipApi()::versions);
        on(PATCH, "/api/v1/clips/{slug}", clip(EDIT), h.clipApi()::patch);
        on(PUT, "/api/v1/clips/{slug}/parameters", clip(EDIT), h.clipApi()::declare);
        on(PUT, "/api/v1/clips/{slug}/chart", clip(EDIT), h.clipApi()::setChart);
        on(POST, "/api/v1/clips/{slug}/versions/{version}/restore", clip(EDIT), h.clipApi()::restore);
        on(PUT, "/api/v1/clips/{slug}/sharing", clip(EDIT), h.clipApi()::share);
        on(GET, "/api/v1/clips/{slug}/runs", clip(EDIT), h.clipApi()::runs);
        on(POST, "/api/v1/clips/{slug}/snapshots", clip(EDIT), h.snapshotApi()::take);
        on(DELETE, "/api/v1/clips/{slug}/snapshots/{id}", clip(EDIT), h.snapshotApi()::delete);
        on(PUT, "/api/v1/clips/{slug}/pin", clip(EDIT), h.snapshotApi()::pin);
        on(DELETE, "/api/v1/clips/{slug}/pin", clip(EDIT), h.snapshotApi()::unpin);
        on(POST, "/api/v1/clips/{slug}/refresh", clip(EDIT), h.snapshotApi()::refresh);
        on(PUT, "/api/v1/clips/{slug}/schedule", clip(EDIT), h.schedules()::put);
        on(DELETE, "/api/v1/clips/{slug}/schedule", clip(EDIT), h.schedules()::delete);
        on(GET, "/api/v1/clips/{slug}/subscriptions", clip(EDIT), h.subscriptions()::list);
        on(POST, "/api/v1/clips/{slug}/subscriptions", clip(EDIT), h.subscriptions()::create);
        on(DELETE, "/api/v1/clips/{slug}/subscriptions/{id}", clip(EDIT), h.subscriptions()::delete);
        on(POST, "/api/v1/clips/{slug}/subscriptions/{id}/test", clip(EDIT), h.subscriptions()::test);
        on(GET, "/api/v1/clips/{slug}/deliveries", clip(EDIT), h.subscriptions()::deliveries);
        on(POST, "/api/v1/clips/{slug}/fork", clip(FORK), h.clipApi()::fork);
        on(DELETE, "/api/v1/clips/{slug}", clip(MANAGE), h.clipApi()::delete);
        on(POST, "/api/v1/clips/{slug}/rotate", clip(MANAGE), h.clipApi()::rotate);
        on(GET, "/api/v1/clips/{slug}/access-log", clip(MANAGE), h.links()::accessLog);
        on(GET, "/api/v1/clips/{slug}/members", clip(MANAGE), h.members()::get);
        on(PUT, "/api/v1/clips/{slug}/members", clip(MANAGE), h.members()::put);
        on(PUT, "/api/v1/clips/{slug}/owner", clip(MANAGE), h.members()::handOver);
    }

    /**
     * HEAD of a clip's page that runs the clip (its table) or compares snapshots: Javalin would answer 200 for any HEAD
     * of a GET route without running it (a made-up slug too); declared here, the gate answers it as the GET (404, 401,
     * 403) and this its status and type, with no body and nothing run. Pages that run nothing have their GET as HEAD.
     */
    private static void headOfPage(Context ctx, ClipRights clip) {
        ctx.contentType("text/html; charset=utf-8");
    }

    private static Need.OnClip clip(ClipAction action) {
        return new Need.OnClip(action, false);
    }

    private static Need.OnClip byLink(ClipAction action) {
        return new Need.OnClip(action, true);
    }

    private static Need.OnSource source(SourceAction action) {
        return new Need.OnSource(action);
    }

    private void on(HandlerType method, String path, Need need, Handler handler) {
        app.addHttpHandler(method, path, handler, need);
    }

    private void on(HandlerType method, String path, Need.Account need, Gate.AccountHandler handler) {
        on(method, path, need, gate.account(need, handler));
    }

    private void on(HandlerType method, String path, Need.OnClip need, Gate.ClipHandler handler) {
        on(method, path, need, gate.clip(need, handler));
    }

    private void on(HandlerType method, String path, Need.OnSource need, Gate.SourceHandler handler) {
        on(method, path, need, gate.source(need, handler));
    }

    /** Every endpoint of the app with its declared need (null: none), as Javalin's router holds them. */
    static Map<String, Need> endpoints(Javalin app) {
        Map<String, Need> endpoints = new java.util.TreeMap<>();
        app.unsafeConfig().pvt.internalRouter.allHttpHandlers().forEach(e -> {
            var endpoint = e.getEndpoint();
            if (endpoint.getMethod().isHttpMethod()) {
                endpoints.put(endpoint.getMethod() + " " + endpoint.getPath(), endpoint.getRoles().stream()
                        .filter(Need.class::isInstance).map(Need.class::cast).findFirst().orElse(null));
            }
        });
        return endpoints;
    }
}
