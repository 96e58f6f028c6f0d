package dataclips.web;

import io.javalin.http.Context;

/**
 * Headers every response carries. Clip links are secrets: no referrer leaks them, robots do not index
 * them, no other site frames them, and pages load nothing from other hosts and run no inline script. Objects are
 * the app's own chart SVGs (which run nothing either: they carry their own policy, see ExportRoute).
 */
final class SecurityHeaders {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private SecurityHeaders() {}

    static void apply(Context ctx) {
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Robots-Tag", "noindex, nofollow");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", CSP);
        if (!ctx.path().startsWith("/static/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
