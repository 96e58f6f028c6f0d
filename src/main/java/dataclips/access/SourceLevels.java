package dataclips.access;

import static dataclips.db.Tables.SOURCES;
import static dataclips.db.Tables.SOURCE_TEAM_LEVELS;
import static dataclips.db.Tables.TEAMS;
import static dataclips.db.Tables.TEAM_MEMBERS;

import dataclips.UserError;
import dataclips.accounts.AccessAudit;
import dataclips.accounts.User;
import dataclips.sources.Source;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What each registered database grants: everyone (every signed-in user) one level, each team one of its own; a team's
 * none is no row. Changes are audited.
 */
public final class SourceLevels {
    private final DSLContext db;

    /** A database's levels: everyone's, and each team's that is not none, by team name in order. */
    public record Grants(Level everyone, Map<String, Level> teams) {
        public static final Grants DEFAULT = new Grants(Level.QUERY, Map.of());

        public Grants {
            teams = new TreeMap<>(teams);
        }
    }

    public SourceLevels(DSLContext db) {
        this.db = db;
    }

    public Grants of(Source source) {
        Level everyone = Level.parse(db.select(SOURCES.EVERYONE_LEVEL).from(SOURCES).where(SOURCES.ID.eq(source.id()))
                .fetchOptional(SOURCES.EVERYONE_LEVEL).orElseThrow(() -> UserError.notFound("the source " + source.name())),
                "everyone");
        Map<String, Level> teams = new HashMap<>();
        db.select(TEAMS.NAME, SOURCE_TEAM_LEVELS.TEAM_LEVEL).from(SOURCE_TEAM_LEVELS).join(TEAMS)
                .on(TEAMS.ID.eq(SOURCE_TEAM_LEVELS.TEAM_ID)).where(SOURCE_TEAM_LEVELS.SOURCE_ID.eq(source.id()))
                .forEach(r -> teams.put(r.value1(), Level.parse(r.value2(), "teams")));
        return new Grants(everyone, teams);
    }

    /** Replaces the database's levels; a team that does not exist is a 422 and nothing changes. */
    public Grants set(Source source, Grants grants, User actor) {
        Grants before = of(source);
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            t.update(SOURCES).set(SOURCES.EVERYONE_LEVEL, grants.everyone().wire()).where(SOURCES.ID.eq(source.id())).execute();
            t.deleteFrom(SOURCE_TEAM_LEVELS).where(SOURCE_TEAM_LEVELS.SOURCE_ID.eq(source.id())).execute();
            for (Map.Entry<String, Level> team : grants.teams().entrySet()) {
                Long teamId = t.select(TEAMS.ID).from(TEAMS).where(TEAMS.NAME.eq(team.getKey())).fetchOptional(TEAMS.ID)
                        .orElseThrow(() -> new UserError(422, "unknown_team", "there is no team named "
                                + UserError.quoted(team.getKey()) + "; GET /api/v1/teams lists them"));
                if (team.getValue() != Level.NONE) {
                    t.insertInto(SOURCE_TEAM_LEVELS).set(SOURCE_TEAM_LEVELS.SOURCE_ID, source.id())
                            .set(SOURCE_TEAM_LEVELS.TEAM_ID, teamId).set(SOURCE_TEAM_LEVELS.TEAM_LEVEL, team.getValue().wire())
                            .execute();
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", wire(before));
            details.put("to", wire(grants));
            AccessAudit.record(t, actor, "database_levels_set", "database " + source.name(), details);
        });
        return of(source);
    }

    /**
     * The user's level on every database (by source id) as their teams and everyone's give it; not for admins, who
     * always query (the policy decides that). selected: which sources to read.
     */
    Map<Long, Level> levelsOf(User user, Condition selected) {
        Map<Long, Level> levels = new HashMap<>();
        db.select(SOURCES.ID, SOURCES.EVERYONE_LEVEL, SOURCE_TEAM_LEVELS.TEAM_LEVEL).from(SOURCES)
                .leftJoin(SOURCE_TEAM_LEVELS).on(SOURCE_TEAM_LEVELS.SOURCE_ID.eq(SOURCES.ID)
                        .and(SOURCE_TEAM_LEVELS.TEAM_ID.in(teamsOf(user.id()))))
                .where(selected)
                .forEach(r -> {
                    Level level = Level.parse(r.value2(), "everyone");
                    if (r.value3() != null) {
                        level = Level.max(level, Level.parse(r.value3(), "teams"));
                    }
                    levels.merge(r.value1(), level, Level::max);
                });
        return levels;
    }

    /** The ids of the user's teams, as a subquery. */
    static org.jooq.Select<org.jooq.Record1<Long>> teamsOf(long userId) {
        return DSL.select(TEAM_MEMBERS.TEAM_ID).from(TEAM_MEMBERS).where(TEAM_MEMBERS.USER_ID.eq(userId));
    }

    /** The API's form: {"everyone": "query", "teams": {"sales": "view"}} (teams at none left out). */
    public static Map<String, Object> wire(Grants grants) {
        Map<String, String> teams = new LinkedHashMap<>();
        grants.teams().forEach((name, level) -> {
            if (level != Level.NONE) {
                teams.put(name, level.wire());
            }
        });
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("everyone", grants.everyone().wire());
        wire.put("teams", teams);
        return wire;
    }
}
