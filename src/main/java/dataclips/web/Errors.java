package dataclips.web;

import dataclips.UserError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One error shape: {"error": {"code", "message"}} for the API and JSON routes, the error page for pages.
 * A page that needs a signed-in user sends the browser to the sign-in page instead.
 */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    static void install(Javalin app, Pages pages) {
        app.exception(UserError.class, (e, ctx) -> {
            retryAfter(ctx, e);
            respond(ctx, pages, e.status(), e.code(), e.getMessage());
        });
        // Javalin's own answers ("Endpoint GET /x not found") are phrased for its users, not for ours.
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, pages, e.getStatus(), codeFor(e.getStatus()),
                e.getStatus() == 404 ? nothingAt(ctx) : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            var trouble = MetadataTrouble.of(e); // the app's own database restarting or full: 503, it passes
            if (trouble.isPresent()) {
                LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
                respond(ctx, pages, 503, trouble.get().code(), trouble.get().message());
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, pages, 500, "internal", "something went wrong on our side; the error was logged");
        });
        app.error(404, ctx -> {
            if (ctx.resultInputStream() == null) {
                respond(ctx, pages, 404, "not_found", nothingAt(ctx));
            }
        });
    }

    /** A refusal that passes with time says when to ask again (for routes that answer a UserError themselves too). */
    static void retryAfter(Context ctx, UserError e) {
        if (e.retryAfterSeconds() > 0 && !ctx.res().isCommitted()) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
    }

    static void respond(Context ctx, Pages pages, int status, String code, String message) {
        if (ctx.res().isCommitted()) {
            // Part of a body went out already: an error appended to it would end a download that looks complete.
            LOG.warn("{} {} failed after its first byte; the connection is broken instead: {}", ctx.method(), ctx.path(),
                    message);
            org.eclipse.jetty.server.Request.getBaseRequest(ctx.req()).getHttpChannel()
                    .abort(new java.io.IOException(message));
            return;
        }
        if (status == 401 && !wantsJson(ctx)) {
            String next = URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8);
            ctx.redirect("/sign-in?next=" + next);
            return;
        }
        ctx.status(status);
        if (wantsJson(ctx)) {
            ctx.json(Map.of("error", Map.of("code", code, "message", message)));
            return;
        }
        if (wantsText(ctx)) {
            // Spreadsheets, pandas and curl show a plain message better than an HTML page; an image's says its code
            // too (no_chart), as nothing else could.
            boolean image = ctx.path().endsWith(".svg") || ctx.path().endsWith(".png");
            ctx.contentType("text/plain; charset=utf-8").result("Error " + status + (image ? " " + code : "") + ": "
                    + message + "\n");
            return;
        }
        try {
            pages.render(ctx, "error", new ErrorPage(status, message));
        } catch (RuntimeException e) {
            // Never recurse into the error page: a broken template must not hang the request.
            LOG.error("the error page failed", e);
            ctx.contentType("text/plain; charset=utf-8").result("Error " + status + ": " + message);
        }
    }

    private static String nothingAt(Context ctx) {
        return "there is no page at " + ctx.path() + "; check the address, or start from the home page";
    }

    static boolean wantsJson(Context ctx) {
        return ctx.path().startsWith("/api/") || ctx.path().endsWith(".json");
    }

    static boolean wantsText(Context ctx) {
        return ctx.path().endsWith(".csv") || ctx.path().endsWith(".xml") || ctx.path().endsWith(".xlsx")
                || ctx.path().endsWith(".svg") || ctx.path().endsWith(".png");
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            default -> "http_" + status;
        };
    }

    /** templates/error.html. */
    record ErrorPage(int status, String message) {}
}
