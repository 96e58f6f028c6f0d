package dataclips.web;

import dataclips.UserError;
import dataclips.access.Policy;
import dataclips.accounts.Role;
import dataclips.accounts.User;
import dataclips.accounts.Users;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The admins' user management: the API (list, create, PATCH role and active) and the Users page (add, change the role,
 * deactivate and reactivate, hand a user's clips to another). Deactivating ends the user's sessions and API tokens at
 * once; their clips stay until handed over.
 */
final class UserRoutes {
    private final Users users;
    private final Clips clips;
    private final Policy policy;
    private final Pages pages;

    record UserRequest(String email, String password, String role) {}

    record UserPatch(String role, Boolean active) {}

    /** A row of the Users page: the user and how many clips they own. */
    record UserRow(User user, int clips) {}

    UserRoutes(Users users, Clips clips, Policy policy, Pages pages) {
        this.users = users;
        this.clips = clips;
        this.policy = policy;
        this.pages = pages;
    }

    void list(Context ctx, User admin) {
        ctx.json(users.list());
    }

    void create(Context ctx, User admin) {
        UserRequest body = Json.body(ctx, UserRequest.class);
        ctx.status(201).json(users.create(body.email(), body.password(), role(body.role())));
    }

    void patch(Context ctx, User admin) {
        User target = target(ctx);
        UserPatch body = Json.body(ctx, UserPatch.class);
        ctx.json(users.change(target, Optional.ofNullable(body.role()).map(UserRoutes::role),
                Optional.ofNullable(body.active()), admin));
    }

    void page(Context ctx, User admin) {
        render(ctx, null, null, null);
    }

    void createFromPage(Context ctx, User admin) {
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        try {
            User created = users.create(email, ctx.formParam("password"), role(ctx.formParam("role")));
            render(ctx, "Added " + created.email() + " as " + created.role().dbValue() + ".", null, null);
        } catch (UserError e) {
            ctx.status(e.status());
            render(ctx, null, e.getMessage(), email);
        }
    }

    /** The role form: "admin" or "member", nothing else (a blank role is no change to guess at). */
    void roleFromPage(Context ctx, User admin) {
        String role = Optional.ofNullable(ctx.formParam("role")).orElse("");
        change(ctx, admin, () -> Optional.of(role(role.isBlank() ? "(none)" : role)), Optional::empty);
    }

    /** The activity form: "true" reactivates, "false" deactivates; anything else is a 422 and changes nothing. */
    void activeFromPage(Context ctx, User admin) {
        String active = Optional.ofNullable(ctx.formParam("active")).orElse("");
        change(ctx, admin, Optional::empty, () -> switch (active) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new UserError(422, "bad_active", "active must be true (reactivate) or false (deactivate)");
        });
    }

    /** Gives every clip of the user to another who may query its database; the others stay, and the page says why. */
    void handOverFromPage(Context ctx, User admin) {
        User from = target(ctx);
        String toEmail = Optional.ofNullable(ctx.formParam("to")).orElse("");
        try {
            User to = users.find(toEmail).filter(User::active).orElseThrow(() -> new UserError(422, "unknown_user",
                    "there is no active user " + UserError.quoted(toEmail) + " to hand the clips to"));
            int handed = 0;
            TreeSet<String> refused = new TreeSet<>();
            List<Clip> kept = new ArrayList<>();
            for (Clip clip : clips.ownedBy(from)) {
                if (Queryable.mayOwn(policy, clips, to, clip)) {
                    clips.handOver(clip, to, admin);
                    handed++;
                } else {
                    kept.add(clip);
                    refused.add(clip.sourceName());
                }
            }
            String notice = "Handed " + handed + (handed == 1 ? " clip" : " clips") + " of " + from.email() + " to "
                    + to.email() + "." + (kept.isEmpty() ? "" : " " + kept.size() + (kept.size() == 1 ? " clip stays" : " clips stay")
                    + " with " + from.email() + ": " + to.email() + " may not query " + String.join(", ", refused) + ".");
            render(ctx, notice, null, null);
        } catch (UserError e) {
            ctx.status(e.status());
            render(ctx, null, e.getMessage(), null);
        }
    }

    private void change(Context ctx, User admin, Supplier<Optional<Role>> role, Supplier<Optional<Boolean>> active) {
        User target = target(ctx);
        try {
            User changed = users.change(target, role.get(), active.get(), admin);
            render(ctx, changed.email() + " is " + (changed.active() ? "an active " + changed.role().dbValue() + "."
                    : "deactivated (" + changed.role().dbValue() + "): their sessions and API tokens have ended."),
                    null, null);
        } catch (UserError e) {
            ctx.status(e.status());
            render(ctx, null, e.getMessage(), null);
        }
    }

    /** templates/accounts/users.html: after a form, what it did (notice) or why not (error, with the email typed). */
    record UsersPage(List<UserRow> users, List<String> handOverTo, String notice, String error, String email) {}

    private void render(Context ctx, String notice, String error, String email) {
        List<User> all = users.list();
        Map<Long, Integer> owned = clips.ownedCounts();
        pages.render(ctx, "accounts/users", new UsersPage(all.stream().map(u -> new UserRow(u, owned.getOrDefault(u.id(),
                0))).toList(), all.stream().filter(User::active).map(User::email).toList(), notice, error, email));
    }

    /** The user named by {email}; an unknown one is a 404. */
    private User target(Context ctx) {
        String email = ctx.pathParam("email");
        return users.find(email).orElseThrow(() -> new UserError(404, "not_found", "there is no user " + UserError.quoted(email)
                + "; GET /api/v1/users lists them"));
    }

    static Role role(String value) {
        if (value == null || value.isBlank()) {
            return Role.MEMBER;
        }
        try {
            return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError(422, "bad_role", "role must be 'admin' or 'member', not " + UserError.quoted(value));
        }
    }
}
