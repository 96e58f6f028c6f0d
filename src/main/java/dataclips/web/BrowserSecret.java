package dataclips.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random value a browser keeps in a cookie of its own (256 bits, HttpOnly: no script reads it, Secure over https):
 * the one it presents, or a new one set now. The sign-in form's double-submit token ({@link Csrf}) and the binding of
 * a single sign-on to the browser that started it ({@link OidcRoutes}).
 */
final class BrowserSecret {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrowserSecret() {}

    /** maxAgeSeconds -1: until the browser closes. */
    static String of(Context ctx, String name, String path, int maxAgeSeconds, SameSite sameSite) {
        String existing = ctx.cookie(name);
        if (existing != null && existing.matches("[A-Za-z0-9_-]{43}")) {
            return existing;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.cookie(new Cookie(name, value, path, maxAgeSeconds, Auth.isHttps(ctx), 0, true, null, null, sameSite));
        return value;
    }
}
