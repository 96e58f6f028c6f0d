package dataclips.web;

import dataclips.access.ClipRights;
import dataclips.access.Policy;
import dataclips.access.SourceRights;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * Checks a route's {@link Need} once, before its handler: signs the caller in (401 without one where it is needed),
 * loads the clip named by {slug} (whose last segment may carry a format: /clips/{slug}.csv) or the database named by
 * {name}, asks the {@link Policy}, and answers 404 exactly like an unknown slug or name when it may not be opened, 403
 * with a stable code when it may be seen but not done. The handler gets what was loaded and the caller's rights; no
 * handler checks access itself.
 */
final class Gate {
    private static final String RIGHTS = "dataclips.clipRights";
    private final Clips clips;
    private final Sources sources;
    private final Policy policy;

    interface AccountHandler {
        void handle(Context ctx, User user) throws Exception;
    }

    interface ClipHandler {
        void handle(Context ctx, ClipRights clip) throws Exception;
    }

    interface SourceHandler {
        void handle(Context ctx, SourceRights source) throws Exception;
    }

    Gate(Clips clips, Sources sources, Policy policy) {
        this.clips = clips;
        this.sources = sources;
        this.policy = policy;
    }

    Handler account(Need.Account need, AccountHandler handler) {
        return ctx -> handler.handle(ctx, need.admin() ? Auth.requireAdmin(ctx) : Auth.requireUser(ctx));
    }

    Handler clip(Need.OnClip need, ClipHandler handler) {
        return ctx -> {
            Optional<User> caller = need.linkHolders() ? Auth.user(ctx) : Optional.of(Auth.requireUser(ctx));
            Clip clip = clips.find(slug(ctx)).orElseThrow(ClipRights::notFound);
            ClipRights rights = policy.clip(caller, clip);
            rights.require(need.action());
            ctx.attribute(RIGHTS, rights);
            handler.handle(ctx, rights);
        };
    }

    Handler source(Need.OnSource need, SourceHandler handler) {
        return ctx -> {
            User caller = Auth.requireUser(ctx);
            String name = ctx.pathParam("name");
            Source source = sources.find(name).orElseThrow(() -> SourceRights.notFound(name));
            SourceRights rights = policy.source(Optional.of(caller), source);
            rights.require(need.action());
            handler.handle(ctx, rights);
        };
    }

    /** The rights the gate found for this request's clip (pages read them for what to show). */
    static ClipRights rights(Context ctx) {
        ClipRights rights = ctx.attribute(RIGHTS);
        if (rights == null) {
            throw new IllegalStateException(ctx.path() + " was not checked by the gate for a clip");
        }
        return rights;
    }

    /** The rights, if the gate checked this request for a clip (a database's route has none). */
    static Optional<ClipRights> checkedClip(Context ctx) {
        return Optional.ofNullable(ctx.attribute(RIGHTS));
    }

    /** {slug}; on /clips/{slug} itself the segment may end in a format (.csv, .png …), which is not part of it. */
    private static String slug(Context ctx) {
        String segment = ctx.pathParam("slug");
        int dot = segment.lastIndexOf('.');
        return dot >= 0 && ctx.endpointHandlerPath().equals("/clips/{slug}") ? segment.substring(0, dot) : segment;
    }
}
