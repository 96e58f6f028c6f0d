package dataclips.web;

import dataclips.access.Teams;
import dataclips.accounts.OidcProvider;
import dataclips.accounts.SingleSignOn;
import dataclips.accounts.SsoRefusal;
import io.javalin.http.Context;
import io.javalin.http.SameSite;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Single sign-on's two URLs (README, "Single sign-on"): GET /auth/oidc sends the browser to the identity provider (with
 * ?next= under the sign-in page's rules), GET /auth/oidc/callback takes it back, signs the person in and sets their
 * identity-provider teams; every refusal is a page saying what happened and what to do. A sign-on is bound to the
 * browser that started it by a cookie of its own (HttpOnly, SameSite=Lax: it must come back with the provider's
 * top-level redirect), so a callback URL sent to someone else signs nobody in.
 */
final class OidcRoutes {
    static final String COOKIE = "dataclips_oidc";
    static final String CALLBACK = "/auth/oidc/callback";
    private final Optional<SingleSignOn> sso;
    private final Teams teams;
    private final Auth auth;
    private final Pages pages;

    /** The sign-in page's button; problem: why it is unavailable (null when it may be clicked). */
    record Button(String name, String href, String problem) {}

    OidcRoutes(Optional<SingleSignOn> sso, Teams teams, Auth auth, Pages pages) {
        this.sso = sso;
        this.teams = teams;
        this.auth = auth;
        this.pages = pages;
    }

    void start(Context ctx) {
        String next = RedirectTarget.safe(ctx.queryParam("next"));
        if (sso.isEmpty()) {
            refuse(ctx, SsoRefusal.NOT_SET_UP, "", next);
            return;
        }
        if (Auth.user(ctx).isPresent()) {
            ctx.redirect(next);
            return;
        }
        URI redirectUri = URI.create(SiteAddress.of(ctx).base(ctx) + CALLBACK);
        SingleSignOn.Begun begun = sso.get().begin(browser(ctx), redirectUri, next);
        if (begun instanceof SingleSignOn.Begun.ToProvider to) {
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(to.authorization().toString());
        } else if (begun instanceof SingleSignOn.Begun.Unreachable down) {
            refuse(ctx, SsoRefusal.UNREACHABLE, down.reason(), next);
        }
    }

    void callback(Context ctx) {
        if (sso.isEmpty()) {
            refuse(ctx, SsoRefusal.NOT_SET_UP, "", "/");
            return;
        }
        SingleSignOn.Finished finished = sso.get().finish(new SingleSignOn.Callback(ctx.queryParam("state"),
                ctx.queryParam("code"), ctx.queryParam("error"), ctx.queryParam("iss"), ctx.cookie(COOKIE)));
        ctx.header("Cache-Control", "no-store");
        if (finished instanceof SingleSignOn.Finished.SignedIn in) {
            in.groups().ifPresent(groups -> teams.followIdpGroups(in.user(), groups));
            auth.signIn(ctx, in.user(), Optional.of(in.idToken()));
            ctx.redirect(in.next());
        } else if (finished instanceof SingleSignOn.Finished.Refused refused) {
            refuse(ctx, refused.reason(), refused.detail(), refused.next());
        }
    }

    /** The button for the sign-in page, or empty when single sign-on is not set up. */
    Optional<Button> button(String next) {
        return sso.map(s -> {
            String href = "/auth/oidc" + (next.equals("/") ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            String problem = s.availability() instanceof OidcProvider.Availability.Unreachable u
                    ? s.providerName() + " could not be reached when Dataclips last asked (" + u.reason() + "). "
                    + "Dataclips asks again every 30 seconds: reload this page in a minute." : null;
            return new Button(s.providerName(), href, problem);
        });
    }

    /** Where to sign out at the provider too, for a session that single sign-on began. */
    Optional<URI> endSession(Optional<String> idToken) {
        return sso.flatMap(s -> idToken.flatMap(s::endSession));
    }

    String providerName() {
        return sso.map(SingleSignOn::providerName).orElse("");
    }

    /** templates/accounts/sso-error.html: retry, the address that starts again (null when that cannot help). */
    record RefusedPage(SsoMessages.Message message, String provider, String retry) {}

    private void refuse(Context ctx, SsoRefusal reason, String detail, String next) {
        SsoMessages.Message message = SsoMessages.of(reason, detail, providerName(),
                sso.map(SingleSignOn::emailDomains).orElse(java.util.Set.of()));
        ctx.status(reason.status());
        pages.render(ctx, "accounts/sso-error", new RefusedPage(message, providerName(),
                message.retry() ? button(next).map(Button::href).orElse(null) : null));
    }

    /** This browser's binding cookie (kept for parallel sign-ons in two tabs; it outlives a sign-on's 10 minutes). */
    private static String browser(Context ctx) {
        return BrowserSecret.of(ctx, COOKIE, "/auth/oidc", 15 * 60, SameSite.LAX);
    }
}
