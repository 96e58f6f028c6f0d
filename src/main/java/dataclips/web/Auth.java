package dataclips.web;

import dataclips.UserError;
import dataclips.accounts.ApiTokens;
import dataclips.accounts.Sessions;
import dataclips.accounts.User;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
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

    /** Forms posted with the session cookie must carry the token derived from that session. */
    static void checkCsrf(Context ctx) {
        String session = ctx.attribute(SESSION);
        if (session == null || ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD")) {
            return;
        }
        String sent = ctx.formParam("_csrf");
        if (sent == null) {
            sent = ctx.header("X-CSRF-Token");
        }
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                csrfToken(ctx).getBytes(StandardCharsets.UTF_8))) {
            throw new UserError(403, "csrf", "this form has expired or came from another site; reload the page and try again");
        }
    }

    public static Optional<User> user(Context ctx) {
        return Optional.ofNullable(ctx.attribute(USER));
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

    static String csrfToken(Context ctx) {
        String session = ctx.attribute(SESSION);
        if (session == null) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("csrf:" + session).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void signIn(Context ctx, User user) {
        String token = sessions.start(user);
        ctx.cookie(new Cookie(COOKIE, token, "/", (int) Sessions.LIFETIME.toSeconds(), isHttps(ctx), 0, true,
                null, null, SameSite.LAX));
        ctx.attribute(USER, user);
        ctx.attribute(SESSION, token);
    }

    void signOut(Context ctx) {
        String session = ctx.attribute(SESSION);
        if (session != null) {
            sessions.end(session);
        }
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, isHttps(ctx), 0, true, null, null, SameSite.LAX));
    }

    private static boolean isHttps(Context ctx) {
        return ctx.scheme().equals("https") || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
