package dataclips.web;

import dataclips.UserError;
import dataclips.accounts.ApiTokens;
import dataclips.accounts.PasswordSignIn;
import dataclips.accounts.User;
import dataclips.accounts.Users;
import io.javalin.http.Context;
import java.util.List;

/**
 * API tokens: created with a password (API) or from the signed-in page, listed with their last use,
 * revoked by their owner. The secret is shown once, at creation; only its hash is kept.
 */
final class TokenRoutes {
    private static final int MAX_NAME = 200;
    private final Users users;
    private final ApiTokens tokens;
    private final Pages pages;
    private final SignInLimits limits;
    private final PasswordSignIn passwords;
    private final String provider;

    record TokenRequest(String email, String password, String name) {}

    /** provider: the single sign-on provider's name, for who may not use a password. */
    TokenRoutes(Users users, ApiTokens tokens, Pages pages, SignInLimits limits, PasswordSignIn passwords, String provider) {
        this.users = users;
        this.tokens = tokens;
        this.pages = pages;
        this.limits = limits;
        this.passwords = passwords;
        this.provider = provider;
    }

    void list(Context ctx, User user) {
        ctx.json(tokens.list(user));
    }

    void revoke(Context ctx, User user) {
        revokeOwn(ctx, user);
        ctx.status(204);
    }

    void page(Context ctx, User user) {
        page(ctx, user, null);
    }

    void createFromPage(Context ctx, User user) {
        ApiTokens.Created created = tokens.create(user, name(ctx.formParam("name")));
        ctx.status(201);
        page(ctx, user, created);
    }

    void revokeFromPage(Context ctx, User user) {
        revokeOwn(ctx, user);
        ctx.redirect("/account/tokens?revoked=1");
    }

    void createWithPassword(Context ctx) {
        TokenRequest body = Json.body(ctx, TokenRequest.class);
        String name = name(body.name());
        if (!passwords.allows(body.email())) {
            throw new UserError(403, "password_sign_in_off", SsoMessages.passwordSignInOff(provider)
                    + "; then create an API token on your account page, /account/tokens");
        }
        User user;
        try {
            user = limits.attempt(ctx, body.email(), () -> users.authenticate(body.email(), body.password()))
                    .orElseThrow(() -> new UserError(401, "unauthorized", AccountRoutes.WRONG_CREDENTIALS));
        } catch (SignInLimits.Locked e) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            throw new UserError(429, "too_many_attempts", e.getMessage());
        }
        ctx.status(201).json(tokens.create(user, name));
    }

    /** templates/accounts/tokens.html: created, the token just made (shown once), or null. */
    record TokensPage(List<ApiTokens.Listed> tokens, boolean revoked, ApiTokens.Created created) {}

    private void page(Context ctx, User user, ApiTokens.Created created) {
        pages.render(ctx, "accounts/tokens", new TokensPage(tokens.list(user), "1".equals(ctx.queryParam("revoked")),
                created));
    }

    /** Own tokens only; another user's token id answers 404 like one that never existed. */
    private void revokeOwn(Context ctx, User user) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (!tokens.revoke(user, id)) {
            throw new UserError(404, "not_found", "you have no API token with the id " + ctx.pathParam("id")
                    + "; GET /api/v1/tokens lists yours");
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            return "API token";
        }
        if (name.strip().length() > MAX_NAME) {
            throw new UserError(422, "bad_name", "the token name must be at most " + MAX_NAME + " characters");
        }
        return name.strip();
    }
}
