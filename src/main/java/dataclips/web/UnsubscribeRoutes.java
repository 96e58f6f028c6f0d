package dataclips.web;

import dataclips.UserError;
import dataclips.clips.Clips;
import dataclips.delivery.Subscriptions;
import io.javalin.http.Context;

/**
 * One-click unsubscribe (RFC 8058), without signing in: GET /unsubscribe/{token} shows what the link would do and a
 * button, and changes nothing (mail scanners open links); POST (the button, or a mail client's one-click
 * "List-Unsubscribe=One-Click") removes that address from that subscription. The token is signed for that recipient
 * ({@code delivery.Unsubscribes}); a forged one is a 404. The POST is exempt from the cross-site refusal ({@link Csrf}):
 * mail providers send it from their own servers.
 */
final class UnsubscribeRoutes {
    private final Subscriptions subscriptions;
    private final Clips clips;
    private final Pages pages;

    UnsubscribeRoutes(Subscriptions subscriptions, Clips clips, Pages pages) {
        this.subscriptions = subscriptions;
        this.clips = clips;
        this.pages = pages;
    }

    void page(Context ctx) {
        render(ctx, false);
    }

    void confirm(Context ctx) {
        render(ctx, true);
    }

    private void render(Context ctx, boolean post) {
        String token = ctx.pathParam("token");
        Subscriptions.Unsubscribing link = subscriptions.unsubscribing(token)
                .orElseThrow(() -> UserError.notFound("this unsubscribe link"));
        String title = clips.byId(link.clipId()).map(c -> c.title()).orElse("a clip");
        if (post) {
            subscriptions.unsubscribe(token);
        }
        pages.render(ctx, "delivery/unsubscribe", new UnsubscribePage(link.address(), title, post,
                "/unsubscribe/" + token));
    }

    /** templates/delivery/unsubscribe.html: done, once the address is unsubscribed (after the form's post). */
    record UnsubscribePage(String address, String clipTitle, boolean done, String action) {}
}
