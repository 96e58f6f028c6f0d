package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import dataclips.access.Level;
import dataclips.access.SourceLevels;
import dataclips.access.SourceRights;
import dataclips.access.Teams;
import dataclips.accounts.User;
import dataclips.sources.Source;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may use a registered database (README, "Teams and access"): GET/PUT /api/v1/sources/{name}/access as
 * {"everyone": "query"|"view"|"none", "teams": {"<team>": "query"|"view"|"none"}}, the Databases page's form, and the
 * optional "access" of a registration. A team's none is the same as no entry.
 */
final class SourceLevelRoutes {
    private static final String TEAM_FIELD = "team:";
    private final SourceLevels levels;
    private final Teams teams;

    SourceLevelRoutes(SourceLevels levels, Teams teams) {
        this.levels = levels;
        this.teams = teams;
    }

    void get(Context ctx, SourceRights source) {
        ctx.json(SourceLevels.wire(levels.of(source.source())));
    }

    void put(Context ctx, SourceRights source) {
        User admin = Auth.user(ctx).orElseThrow();
        ctx.json(SourceLevels.wire(set(source.source(), grants(body(ctx)), admin)));
    }

    /** The Databases page's form: everyone's level and one select per team (team:<name>). */
    void putFromPage(Context ctx, SourceRights source) {
        Map<String, Level> byTeam = new LinkedHashMap<>();
        ctx.formParamMap().forEach((field, values) -> {
            if (field.startsWith(TEAM_FIELD) && !values.isEmpty()) {
                byTeam.put(field.substring(TEAM_FIELD.length()), Level.parse(values.get(0), "the level of a team"));
            }
        });
        Level everyone = Level.parse(ctx.formParam("everyone"), "everyone");
        set(source.source(), new SourceLevels.Grants(everyone, byTeam), Auth.user(ctx).orElseThrow());
        ctx.redirect("/sources?notice=levels");
    }

    SourceLevels.Grants set(Source source, SourceLevels.Grants grants, User admin) {
        return levels.set(source, grants, admin);
    }

    /** The JSON form read strictly: everyone is required, teams optional; an unknown team is a 422 before any change. */
    SourceLevels.Grants grants(JsonNode access) {
        if (!access.isObject()) {
            throw new UserError(422, "bad_access", "access must be an object: {\"everyone\": \"query\"|\"view\"|\"none\", "
                    + "\"teams\": {\"<team>\": \"query\"|\"view\"|\"none\"}}");
        }
        access.fieldNames().forEachRemaining(field -> {
            if (!field.equals("everyone") && !field.equals("teams")) {
                throw new UserError(422, "bad_access", "unknown field " + UserError.quoted(field) + " in access; it takes everyone "
                        + "and teams");
            }
        });
        Level everyone = Level.parse(text(access.get("everyone")), "everyone");
        JsonNode byTeam = access.path("teams");
        if (!byTeam.isMissingNode() && !byTeam.isNull() && !byTeam.isObject()) {
            throw new UserError(422, "bad_access", "teams must be an object of team names to levels, like {\"sales\": \"view\"}");
        }
        Map<String, Level> teamLevels = new LinkedHashMap<>();
        byTeam.fields().forEachRemaining(e -> {
            teams.find(e.getKey()).orElseThrow(() -> new UserError(422, "unknown_team", "there is no team named "
                    + UserError.quoted(e.getKey()) + "; GET /api/v1/teams lists them"));
            teamLevels.put(e.getKey(), Level.parse(text(e.getValue()), "the level of team " + e.getKey()));
        });
        return new SourceLevels.Grants(everyone, teamLevels);
    }

    /** For admins on the Databases page: each database's levels (by its name), the teams and the choices. */
    record LevelsPanel(Map<String, SourceLevels.Grants> grants, List<String> teamNames, List<String> levelChoices)
            implements Pages.Section {}

    LevelsPanel panel(List<Source> sources) {
        Map<String, SourceLevels.Grants> bySource = new HashMap<>();
        sources.forEach(s -> bySource.put(s.name(), levels.of(s)));
        return new LevelsPanel(bySource, teams.all().stream().map(Teams.Team::name).toList(),
                List.of("query", "view", "none"));
    }

    private static JsonNode body(Context ctx) {
        String body = ctx.body();
        try {
            JsonNode tree = body.isBlank() ? null : Json.MAPPER.readTree(body);
            if (tree == null) {
                throw new UserError(400, "bad_json", "send {\"everyone\": \"query\"|\"view\"|\"none\", \"teams\": {…}}");
            }
            InputText.checkJson(tree, "");
            return tree;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError(400, "bad_json", "the request body is not valid JSON (" + e.getOriginalMessage()
                    + "); send {\"everyone\": \"query\"|\"view\"|\"none\", \"teams\": {…}}");
        }
    }

    private static String text(JsonNode value) {
        return value == null || !value.isTextual() ? (value == null ? null : value.toString()) : value.asText();
    }
}
