package dataclips.web;

import dataclips.UserError;
import dataclips.access.Teams;
import dataclips.accounts.User;
import dataclips.accounts.Users;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * Teams: /api/v1/teams (admins see every team, others their own) and the admins' Teams page. A team whose members the
 * identity provider keeps (idp_group) refuses manual member changes (409); deleting a team removes its database levels
 * and clip memberships.
 */
final class TeamRoutes {
    private final Teams teams;
    private final Users users;
    private final Pages pages;

    record TeamRequest(String name, String idpGroup) {}

    /** A team as the API shows it. */
    record TeamView(String name, String idpGroup, List<String> members) {
        static TeamView of(Teams.Team team) {
            return new TeamView(team.name(), team.idpGroup(), team.members());
        }
    }

    TeamRoutes(Teams teams, Users users, Pages pages) {
        this.teams = teams;
        this.users = users;
        this.pages = pages;
    }

    void list(Context ctx, User user) {
        ctx.json((user.isAdmin() ? teams.all() : teams.of(user)).stream().map(TeamView::of).toList());
    }

    void create(Context ctx, User admin) {
        TeamRequest body = Json.body(ctx, TeamRequest.class);
        ctx.status(201).json(TeamView.of(teams.create(body.name(), Optional.ofNullable(body.idpGroup()), admin)));
    }

    void delete(Context ctx, User admin) {
        teams.delete(team(ctx), admin);
        ctx.status(204);
    }

    void addMember(Context ctx, User admin) {
        ctx.json(TeamView.of(teams.addMember(team(ctx), user(ctx.pathParam("email"), 404), admin)));
    }

    void removeMember(Context ctx, User admin) {
        teams.removeMember(team(ctx), user(ctx.pathParam("email"), 404), admin);
        ctx.status(204);
    }

    void page(Context ctx, User admin) {
        render(ctx, null, null, "");
    }

    void createFromPage(Context ctx, User admin) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
        form(ctx, () -> "Created the team " + teams.create(name, Optional.ofNullable(ctx.formParam("idp_group")), admin)
                .name() + ".", name);
    }

    void deleteFromPage(Context ctx, User admin) {
        form(ctx, () -> {
            Teams.Team team = team(ctx);
            teams.delete(team, admin);
            return "Deleted the team " + team.name() + ", its database levels and its clip memberships.";
        }, "");
    }

    void addFromPage(Context ctx, User admin) {
        form(ctx, () -> {
            Teams.Team team = teams.addMember(team(ctx), user(ctx.formParam("email"), 422), admin);
            int n = team.members().size();
            return "The team " + team.name() + " has " + n + (n == 1 ? " member." : " members.");
        }, "");
    }

    void removeFromPage(Context ctx, User admin) {
        form(ctx, () -> {
            User member = user(ctx.formParam("email"), 422);
            teams.removeMember(team(ctx), member, admin);
            return "Removed " + member.email() + " from the team " + ctx.pathParam("name") + ".";
        }, "");
    }

    /** Runs a form's change: the page again with what happened, or with the refusal and what was typed. */
    private void form(Context ctx, java.util.function.Supplier<String> change, String typedName) {
        try {
            render(ctx, change.get(), null, "");
        } catch (UserError e) {
            ctx.status(e.status());
            render(ctx, null, e.getMessage(), typedName);
        }
    }

    /** templates/accounts/teams.html: name, the new team's name as typed ("" unless a form came back). */
    record TeamsPage(List<Teams.Team> teams, List<String> emails, String name, String notice, String error) {}

    private void render(Context ctx, String notice, String error, String name) {
        pages.render(ctx, "accounts/teams", new TeamsPage(teams.all(), users.list().stream().filter(User::active)
                .map(User::email).toList(), name, notice, error));
    }

    private Teams.Team team(Context ctx) {
        String name = ctx.pathParam("name");
        return teams.find(name).orElseThrow(() -> new UserError(404, "not_found", "there is no team named " + UserError.quoted(name)
                + "; GET /api/v1/teams lists them"));
    }

    /** The user with this email; status: 404 when the email is the URL's, 422 when a form field's. */
    private User user(String email, int status) {
        return users.find(email == null ? "" : email).orElseThrow(() -> new UserError(status, status == 404 ? "not_found"
                : "unknown_user", "there is no user " + UserError.quoted(email) + "; the Users page lists them"));
    }
}
