package dataclips.web;

import dataclips.UserError;
import io.javalin.http.Context;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Cross-site request forgery, refused in two layers for every state-changing request that is not an API
 * call with a bearer token (scripts send no cookies, so there is nothing to forge):
 * <ol>
 * <li>a browser that says the request comes from another site (Sec-Fetch-Site, or an Origin naming
 * another host) is refused outright;</li>
 * <li>the request must carry a token ({@code _csrf} field or X-CSRF-Token header): with a session, one
 * derived from the session id; on the sign-in form, before any session exists, the value of a random
 * double-submit cookie set when the form was shown (a forged sign-in would otherwise sign the victim
 * into the attacker's account).</li>
 * </ol>
 */
final class Csrf {
    static final String FIELD = "_csrf";
    static final String COOKIE = "dataclips_csrf";
    /** Forms posted before there is a session; their token is the double-submit cookie. */
    private static final Set<String> PRE_SESSION_FORMS = Set.of("/sign-in");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String RELOAD = "reload the page and try again";

    private Csrf() {}

    /** Before every request, after {@link Auth#identify}. */
    static void check(Context ctx, String session) {
        if (SAFE_METHODS.contains(ctx.method().name()) || sentBearerToken(ctx) || oneClickUnsubscribe(ctx)) {
            return;
        }
        refuseCrossSite(ctx);
        if (PRE_SESSION_FORMS.contains(ctx.path())) {
            requireMatch(sent(ctx), ctx.cookie(COOKIE));
        } else if (session != null) {
            requireMatch(sent(ctx), sessionToken(session));
        }
    }

    /** The token forms carry in a signed-in page. */
    static String sessionToken(String session) {
        if (session == null) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("csrf:" + session).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sign-in form's token: the browser's double-submit cookie, set now if it has none. */
    static String preSessionToken(Context ctx) {
        // A browser-session cookie (no Max-Age): scripts cannot read it, other sites never send it.
        return BrowserSecret.of(ctx, COOKIE, "/", -1, SameSite.STRICT);
    }

    /**
     * RFC 8058's one-click unsubscribe: mail providers post it from their own servers, and the signed link is its own
     * proof (UnsubscribeRoutes); forging one gains nothing but removing an address its holder could remove.
     */
    private static boolean oneClickUnsubscribe(Context ctx) {
        return ctx.method().name().equals("POST") && ctx.path().startsWith("/unsubscribe/");
    }

    /**
     * Whether the browser itself says this request comes from the app's own pages (Sec-Fetch-Site: same-origin) or
     * from the user (none: typed, a bookmark), a header no page can set. A GET that makes the app work for the signed-in
     * user (Run now's ?refresh=1) needs it: a cross-site link or image could otherwise start runs in their name. Without
     * the header (a browser too old to send it) there is no such evidence, and the answer is no.
     */
    static boolean fromOwnPages(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        return fetchSite != null && (fetchSite.equalsIgnoreCase("same-origin") || fetchSite.equalsIgnoreCase("none"));
    }

    private static boolean sentBearerToken(Context ctx) {
        // Auth.identify has already refused a bad Authorization header, so one present here was valid.
        String header = ctx.header("Authorization");
        return header != null && !header.isBlank() && Auth.user(ctx).isPresent();
    }

    private static void refuseCrossSite(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && (fetchSite.equalsIgnoreCase("cross-site") || fetchSite.equalsIgnoreCase("same-site"))) {
            throw new UserError(403, "csrf", "this form was sent from another site (" + fetchSite + "); open Dataclips itself, "
                    + RELOAD);
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return; // not sent by every browser on every form post: the token alone decides
        }
        if (origin.equals("null") ? !vouchedSameOrigin(ctx) : !SiteAddress.of(ctx).isOwnOrigin(origin, ctx)) {
            throw new UserError(403, "csrf", "this form was sent from another site (Origin " + origin + "); open "
                    + "Dataclips itself, " + RELOAD);
        }
    }

    /**
     * "Origin: null" comes from sandboxed frames, data: URLs and file pages, which is how a foreign page hides where
     * it is: refused as foreign. Browsers also send it for a same-origin post from a page whose Referrer-Policy is
     * no-referrer (ours): that post is let through only when the browser itself says it is same-origin
     * (Sec-Fetch-Site, a header no page can set; a sandboxed frame gets "cross-site").
     */
    private static boolean vouchedSameOrigin(Context ctx) {
        return "same-origin".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"));
    }

    private static String sent(Context ctx) {
        String sent = ctx.formParam(FIELD);
        return sent != null ? sent : ctx.header("X-CSRF-Token");
    }

    /** Constant-time comparison; a missing or empty token never matches. */
    private static void requireMatch(String sent, String expected) {
        if (sent == null || expected == null || sent.isEmpty() || expected.isEmpty()
                || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new UserError(403, "csrf", "this form has expired or came from another site; " + RELOAD);
        }
    }
}
