package dataclips.web;

import dataclips.accounts.User;
import dataclips.clips.Clips;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * HEAD of the pages under /clips/{slug}. Javalin answers HEAD of a GET route with 200 without running the route, which
 * said "yes" for every made-up slug; these look the clip up as the GET does (the same 404, 401 or 403) and answer its
 * status and type with no body, running and rendering nothing. (The page itself and the downloads: ClipPages; a
 * snapshot: SnapshotPages.)
 */
final class HeadRoutes {
    private final Clips clips;

    HeadRoutes(Clips clips) {
        this.clips = clips;
    }

    void register(Javalin app) {
        app.head("/clips/{slug}/table", page(ctx -> clips.viewable(ctx.pathParam("slug"), Auth.user(ctx))));
        app.head("/clips/{slug}/compare", page(ctx -> clips.viewable(ctx.pathParam("slug"), Auth.user(ctx))));
        app.head("/clips/{slug}/access", page(ctx -> LinkRoutes.ownClip(clips, ctx)));
        app.head("/clips/{slug}/runs", page(ctx -> clips.editable(ctx.pathParam("slug"), signedIn(ctx))));
        app.head("/clips/{slug}/versions", page(ctx -> clips.viewable(ctx.pathParam("slug"), signedIn(ctx))));
        app.head("/clips/{slug}/versions/{version}", page(ctx -> clips.version(
                clips.viewable(ctx.pathParam("slug"), signedIn(ctx)), ClipApi.versionNumber(ctx))));
    }

    /** The lookup the GET does first (it throws the GET's refusal), then the page's type. */
    private static Handler page(Handler lookup) {
        return ctx -> {
            lookup.handle(ctx);
            ctx.contentType("text/html; charset=utf-8");
        };
    }

    private static Optional<User> signedIn(Context ctx) {
        return Optional.of(Auth.requireUser(ctx));
    }
}
