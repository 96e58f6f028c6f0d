package dataclips.web;

import dataclips.UserError;
import dataclips.accounts.Role;
import dataclips.accounts.User;
import dataclips.accounts.Users;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Sign-in and sign-out, and the admins' user management (page and API). API tokens: {@link TokenRoutes}. */
final class AccountRoutes {
    /** The same answer whether the email is unknown or the password wrong: no account enumeration. */
    static final String WRONG_CREDENTIALS = "wrong email or password";
    private final Users users;
    private final Auth auth;
    private final Pages pages;
    private final SignInLimits limits;

    record UserRequest(String email, String password, String role) {}

    AccountRoutes(Users users, Auth auth, Pages pages, SignInLimits limits) {
        this.users = users;
        this.auth = auth;
        this.pages = pages;
        this.limits = limits;
    }

    void register(Javalin app) {
        app.get("/sign-in", this::signInPage);
        app.post("/sign-in", this::signIn);
        app.post("/sign-out", ctx -> {
            auth.signOut(ctx);
            ctx.redirect("/sign-in");
        });
        app.get("/api/v1/me", ctx -> ctx.json(Auth.requireUser(ctx)));
        app.get("/api/v1/users", ctx -> {
            Auth.requireAdmin(ctx);
            ctx.json(users.list());
        });
        app.post("/api/v1/users", ctx -> {
            Auth.requireAdmin(ctx);
            UserRequest body = Json.body(ctx, UserRequest.class);
            ctx.status(201).json(users.create(body.email(), body.password(), role(body.role())));
        });
        app.get("/admin/users", ctx -> usersPage(ctx, Map.of()));
        app.post("/admin/users", this::addUserFromForm);
    }

    private void signInPage(Context ctx) {
        if (Auth.user(ctx).isPresent()) {
            ctx.redirect(RedirectTarget.safe(ctx.queryParam("next")));
            return;
        }
        renderSignIn(ctx, RedirectTarget.safe(ctx.queryParam("next")), "", null);
    }

    private void signIn(Context ctx) {
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        String next = RedirectTarget.safe(ctx.formParam("next"));
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
        Map<String, Object> model = new HashMap<>(Map.of("next", next, "email", email,
                "signInCsrf", Csrf.preSessionToken(ctx)));
        if (error != null) {
            model.put("error", error);
        }
        pages.render(ctx, "accounts/sign-in", model);
    }

    private void usersPage(Context ctx, Map<String, Object> extra) {
        Auth.requireAdmin(ctx);
        Map<String, Object> model = new HashMap<>(extra);
        model.put("users", users.list());
        pages.render(ctx, "accounts/users", model);
    }

    private void addUserFromForm(Context ctx) {
        Auth.requireAdmin(ctx);
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        try {
            User created = users.create(email, ctx.formParam("password"), role(ctx.formParam("role")));
            usersPage(ctx, Map.of("notice", "Added " + created.email() + " as " + created.role().dbValue() + "."));
        } catch (UserError e) {
            ctx.status(e.status());
            usersPage(ctx, Map.of("error", e.getMessage(), "email", email));
        }
    }

    private static Role role(String value) {
        if (value == null || value.isBlank()) {
            return Role.MEMBER;
        }
        try {
            return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError(422, "bad_role", "role must be 'admin' or 'member', not '" + value + "'");
        }
    }
}
