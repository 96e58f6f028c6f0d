package dataclips.web;

import dataclips.UserError;
import dataclips.accounts.ApiTokens;
import dataclips.accounts.Sessions;
import dataclips.access.ClipAction;
import dataclips.accounts.User;
import dataclips.serving.Viewer;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Optional;

/**
 * Who is asking: an API token ("Authorization: Bearer …") or a session cookie. Resolved once per request
 * by {@link #identify}; handlers then call {@link #requireUser} or {@link #requireAdmin}.
 */
public final class Auth {
    static final String COOKIE = "dataclips_session";
    private static final String USER = "dataclips.user";
    private static final String SESSION = "dataclips.session";
    private final Sessions sessions;
    private final ApiTokens tokens;

    public Auth(Sessions sessions, ApiTokens tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** Before every request. A bad bearer token is a 401 (no silent fall-back to the cookie). */
    void identify(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && !header.isBlank()) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new UserError(401, "unauthorized", "the Authorization header must be 'Bearer <token>'");
            }
            User user = tokens.find(header.substring(7).strip()).orElseThrow(() -> new UserError(401, "unauthorized",
                    "the API token is not valid; create one with POST /api/v1/tokens"));
            ctx.attribute(USER, user);
            return;
        }
        String session = ctx.cookie(COOKIE);
        if (session != null) {
            sessions.find(session).ifPresent(user -> {
                ctx.attribute(USER, user);
                ctx.attribute(SESSION, session);
            });
        }
    }

    /** Before every request, after {@link #identify}: see {@link Csrf}. */
    static void checkCsrf(Context ctx) {
        Csrf.check(ctx, ctx.attribute(SESSION));
    }

    public static Optional<User> user(Context ctx) {
        return Optional.ofNullable(ctx.attribute(USER));
    }

    /**
     * Who asks for a result, as serving counts their runs (the user, or the client's address without an account) and
     * whether the clip's fixed parameters hold their defaults for them (they may not see its SQL).
     */
    static Viewer viewer(Context ctx) {
        boolean defaultsOnly = Gate.checkedClip(ctx).map(r -> !r.may(ClipAction.SEE_SQL)).orElse(user(ctx).isEmpty());
        return new Viewer(user(ctx), ClientAddress.of(ctx, SiteAddress.of(ctx).trustProxy()), defaultsOnly);
    }

    public static User requireUser(Context ctx) {
        return user(ctx).orElseThrow(() -> new UserError(401, "unauthorized",
                "sign in first (pages) or send 'Authorization: Bearer <token>' (API)"));
    }

    public static User requireAdmin(Context ctx) {
        User user = requireUser(ctx);
        if (!user.isAdmin()) {
            throw new UserError(403, "forbidden", "only admins may do this");
        }
        return user;
    }

    /** The token a signed-in page's forms carry; empty without a session. */
    static String csrfToken(Context ctx) {
        return Csrf.sessionToken(ctx.attribute(SESSION));
    }

    /**
     * A fresh session id on every sign-in, and any id the browser already presented is ended first: an id
     * planted by someone else (session fixation) never becomes a signed-in session.
     */
    void signIn(Context ctx, User user) {
        signIn(ctx, user, Optional.empty());
    }

    /** As {@link #signIn(Context, User)}, for a single sign-on: the session keeps the ID token it began with. */
    void signIn(Context ctx, User user, Optional<String> idToken) {
        String presented = ctx.cookie(COOKIE);
        if (presented != null && !presented.isBlank()) {
            sessions.end(presented);
        }
        String token = sessions.start(user, idToken);
        ctx.cookie(new Cookie(COOKIE, token, "/", (int) Sessions.LIFETIME.toSeconds(), isHttps(ctx), 0, true,
                null, null, SameSite.LAX));
        ctx.attribute(USER, user);
        ctx.attribute(SESSION, token);
    }

    /**
     * Ends the session server-side, so a copy of the cookie (another tab, a stolen one) stops working too; answers the
     * ID token it began with when it came from single sign-on.
     */
    Optional<String> signOut(Context ctx) {
        String presented = ctx.cookie(COOKIE);
        Optional<String> idToken = presented == null || presented.isBlank() ? Optional.empty() : sessions.end(presented);
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, isHttps(ctx), 0, true, null, null, SameSite.LAX));
        ctx.attribute(USER, null); // a page this request renders shows nobody signed in
        ctx.attribute(SESSION, null);
        return idToken;
    }

    static boolean isHttps(Context ctx) {
        return SiteAddress.of(ctx).https(ctx);
    }
}
