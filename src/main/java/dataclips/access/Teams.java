package dataclips.access;

import static dataclips.db.Tables.CLIP_MEMBERS;
import static dataclips.db.Tables.SOURCE_TEAM_LEVELS;
import static dataclips.db.Tables.TEAMS;
import static dataclips.db.Tables.TEAM_MEMBERS;
import static dataclips.db.Tables.USERS;

import dataclips.UserError;
import dataclips.accounts.AccessAudit;
import dataclips.accounts.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * Teams and their members. A team that names an identity provider group (idp_group) is kept by single sign-on alone:
 * changing its members by hand is a 409. Deleting a team removes its database levels and clip memberships with it.
 * Every change is audited in its own transaction.
 */
public final class Teams {
    static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
    static final int MAX_IDP_GROUP = 200;
    private final DSLContext db;

    /** A team with its members' emails, in order. */
    public record Team(long id, String name, String idpGroup, List<String> members) {
        public boolean managedByIdp() {
            return idpGroup != null;
        }
    }

    public Teams(DSLContext db) {
        this.db = db;
    }

    public List<Team> all() {
        return read(DSL.noCondition());
    }

    /** The teams the user belongs to. */
    public List<Team> of(User user) {
        return read(TEAMS.ID.in(DSL.select(TEAM_MEMBERS.TEAM_ID).from(TEAM_MEMBERS).where(TEAM_MEMBERS.USER_ID.eq(user.id()))));
    }

    public Optional<Team> find(String name) {
        return read(TEAMS.NAME.eq(name == null ? "" : name)).stream().findFirst();
    }

    public Team create(String name, Optional<String> idpGroup, User actor) {
        String checked = name(name);
        Optional<String> group = idpGroup.map(String::strip).filter(g -> !g.isEmpty());
        group.filter(g -> g.length() > MAX_IDP_GROUP).ifPresent(g -> {
            throw new UserError(422, "bad_idp_group", "idp_group may be at most " + MAX_IDP_GROUP + " characters");
        });
        try {
            db.transaction(tx -> {
                tx.dsl().insertInto(TEAMS).set(TEAMS.NAME, checked).set(TEAMS.IDP_GROUP, group.orElse(null)).execute();
                AccessAudit.record(tx.dsl(), actor, "team_created", "team " + checked,
                        group.<Map<String, Object>>map(g -> Map.of("idp_group", g)).orElse(Map.of()));
            });
        } catch (IntegrityConstraintViolationException e) {
            boolean nameTaken = find(checked).isPresent();
            throw new UserError(409, nameTaken ? "team_taken" : "idp_group_taken", nameTaken
                    ? "there is a team named " + checked + " already"
                    : "another team names the identity provider group " + group.orElse("") + " already");
        }
        return find(checked).orElseThrow();
    }

    /** Removes the team, its members, its database levels and its clip memberships. */
    public void delete(Team team, User actor) {
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("members", team.members());
            details.put("database_levels", t.fetchCount(SOURCE_TEAM_LEVELS, SOURCE_TEAM_LEVELS.TEAM_ID.eq(team.id())));
            details.put("clip_memberships", t.fetchCount(CLIP_MEMBERS, CLIP_MEMBERS.TEAM_ID.eq(team.id())));
            t.deleteFrom(TEAMS).where(TEAMS.ID.eq(team.id())).execute(); // the rest goes by "on delete cascade"
            AccessAudit.record(t, actor, "team_deleted", "team " + team.name(), details);
        });
    }

    /** Adds the user (already a member: nothing changes); 409 for a team the identity provider keeps. */
    public Team addMember(Team team, User member, User actor) {
        requireManual(team);
        db.transaction(tx -> {
            int added = tx.dsl().insertInto(TEAM_MEMBERS).set(TEAM_MEMBERS.TEAM_ID, team.id())
                    .set(TEAM_MEMBERS.USER_ID, member.id()).onConflictDoNothing().execute();
            if (added > 0) {
                AccessAudit.record(tx.dsl(), actor, "team_member_added", "team " + team.name(), Map.of("user", member.email()));
            }
        });
        return find(team.name()).orElseThrow();
    }

    /** Removes the user; 404 when they are not a member, 409 for a team the identity provider keeps. */
    public void removeMember(Team team, User member, User actor) {
        requireManual(team);
        db.transaction(tx -> {
            int removed = tx.dsl().deleteFrom(TEAM_MEMBERS).where(TEAM_MEMBERS.TEAM_ID.eq(team.id()))
                    .and(TEAM_MEMBERS.USER_ID.eq(member.id())).execute();
            if (removed == 0) {
                throw new UserError(404, "not_a_member", member.email() + " is not a member of the team " + team.name());
            }
            AccessAudit.record(tx.dsl(), actor, "team_member_removed", "team " + team.name(), Map.of("user", member.email()));
        });
    }

    /**
     * Single sign-on's part: the user's memberships of the teams that name an identity provider group become exactly
     * those whose group is in groups (the provider's claim, names compared exactly); other teams are left alone. Each
     * change is audited as made by single sign-on.
     */
    public void followIdpGroups(User user, Set<String> groups) {
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            Set<Long> member = new HashSet<>(t.select(TEAM_MEMBERS.TEAM_ID).from(TEAM_MEMBERS)
                    .where(TEAM_MEMBERS.USER_ID.eq(user.id())).forUpdate().fetch(TEAM_MEMBERS.TEAM_ID));
            for (var team : t.selectFrom(TEAMS).where(TEAMS.IDP_GROUP.isNotNull()).orderBy(TEAMS.NAME).fetch()) {
                boolean wanted = groups.contains(team.getIdpGroup());
                if (wanted == member.contains(team.getId())) {
                    continue;
                }
                if (wanted) {
                    t.insertInto(TEAM_MEMBERS).set(TEAM_MEMBERS.TEAM_ID, team.getId()).set(TEAM_MEMBERS.USER_ID, user.id())
                            .onConflictDoNothing().execute();
                } else {
                    t.deleteFrom(TEAM_MEMBERS).where(TEAM_MEMBERS.TEAM_ID.eq(team.getId()))
                            .and(TEAM_MEMBERS.USER_ID.eq(user.id())).execute();
                }
                AccessAudit.recordBySingleSignOn(t, wanted ? "team_member_added" : "team_member_removed",
                        "team " + team.getName(), Map.of("user", user.email(), "idp_group", team.getIdpGroup()));
            }
        });
    }

    private static void requireManual(Team team) {
        if (team.managedByIdp()) {
            throw new UserError(409, "managed_by_idp", "the team " + team.name() + " takes its members from the identity "
                    + "provider group " + team.idpGroup() + " at each sign-in; change the group there");
        }
    }

    private static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (!NAME.matcher(n).matches()) {
            throw new UserError(422, "bad_team_name", "a team's name is 1 to 63 lower-case letters, digits, '-' or '_', "
                    + "starting with a letter or digit (it appears in URLs), not " + UserError.quoted(n));
        }
        return n;
    }

    private List<Team> read(Condition which) {
        Map<Long, Team> teams = new LinkedHashMap<>();
        db.select(TEAMS.ID, TEAMS.NAME, TEAMS.IDP_GROUP, USERS.EMAIL).from(TEAMS)
                .leftJoin(TEAM_MEMBERS).on(TEAM_MEMBERS.TEAM_ID.eq(TEAMS.ID))
                .leftJoin(USERS).on(USERS.ID.eq(TEAM_MEMBERS.USER_ID))
                .where(which).orderBy(TEAMS.NAME, USERS.EMAIL)
                .forEach(r -> {
                    Team team = teams.computeIfAbsent(r.value1(), id -> new Team(id, r.value2(), r.value3(), new ArrayList<>()));
                    if (r.value4() != null) {
                        team.members().add(r.value4());
                    }
                });
        return teams.values().stream().map(t -> new Team(t.id(), t.name(), t.idpGroup(), List.copyOf(t.members()))).toList();
    }
}
