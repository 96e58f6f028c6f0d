package dataclips.web;

import dataclips.accounts.PasswordSignIn;
import dataclips.accounts.User;
import dataclips.accounts.Users;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in, sign-out and the health check. Users: {@link UserRoutes}; API tokens: {@link TokenRoutes}; single sign-on:
 * {@link OidcRoutes}, whose button the sign-in page shows.
 */
final class AccountRoutes {
    /** The same answer whether the email is unknown or the password wrong: no account enumeration. */
    static final String WRONG_CREDENTIALS = "wrong email or password";
    private final Users users;
    private final Auth auth;
    private final Pages pages;
    private final SignInLimits limits;
    private final PasswordSignIn passwords;
    private final OidcRoutes sso;

    AccountRoutes(Users users, Auth auth, Pages pages, SignInLimits limits, PasswordSignIn passwords, OidcRoutes sso) {
        this.users = users;
        this.auth = auth;
        this.pages = pages;
        this.limits = limits;
        this.passwords = passwords;
        this.sso = sso;
    }

    /** 200 once a round trip to the metadata database comes back. */
    void health(Context ctx) {
        users.ping();
        ctx.json(Map.of("status", "ok"));
    }

    void signInPage(Context ctx) {
        if (Auth.user(ctx).isPresent()) {
            ctx.redirect(RedirectTarget.safe(ctx.queryParam("next")));
            return;
        }
        renderSignIn(ctx, RedirectTarget.safe(ctx.queryParam("next")), "", null);
    }

    /** After a single sign-on, a page that offers signing out at the provider too (when its discovery names how). */
    void signOut(Context ctx) {
        Optional<java.net.URI> providerToo = sso.endSession(auth.signOut(ctx));
        if (providerToo.isEmpty()) {
            ctx.redirect("/sign-in");
            return;
        }
        pages.render(ctx, "accounts/signed-out", new SignedOutPage(sso.providerName(), providerToo.get().toString()));
    }

    void signIn(Context ctx) {
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        String next = RedirectTarget.safe(ctx.formParam("next"));
        if (!passwords.allows(email)) {
            ctx.status(403);
            renderSignIn(ctx, next, email, SsoMessages.passwordSignInOff(sso.providerName()));
            return;
        }
        Optional<User> user;
        try {
            user = limits.attempt(ctx, email, () -> users.authenticate(email, ctx.formParam("password")));
        } catch (SignInLimits.Locked e) {
            ctx.status(429).header("Retry-After", Long.toString(e.retryAfterSeconds()));
            renderSignIn(ctx, next, email, e.getMessage());
            return;
        }
        if (user.isEmpty()) {
            ctx.status(401);
            renderSignIn(ctx, next, email, WRONG_CREDENTIALS);
            return;
        }
        auth.signIn(ctx, user.get());
        ctx.redirect(next);
    }

    private void renderSignIn(Context ctx, String next, String email, String error) {
        pages.render(ctx, "accounts/sign-in", new SignInPage(next, email, Csrf.preSessionToken(ctx), passwords.open(),
                sso.button(next).orElse(null), error));
    }

    /** templates/accounts/sign-in.html: sso, the single sign-on button (null without a provider). */
    record SignInPage(String next, String email, String signInCsrf, boolean passwordOpen, OidcRoutes.Button sso,
                      String error) {}

    /** templates/accounts/signed-out.html: signed out here; endSession signs out at the provider too. */
    record SignedOutPage(String provider, String endSession) {}
}
