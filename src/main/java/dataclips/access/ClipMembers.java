package dataclips.access;

import static dataclips.db.Tables.CLIP_MEMBERS;
import static dataclips.db.Tables.TEAMS;
import static dataclips.db.Tables.USERS;

import dataclips.UserError;
import dataclips.accounts.AccessAudit;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * A clip's members: users or teams with view or edit. Members count in every sharing mode (README, "Teams and
 * access"); only the owner and admins change them (the route says so). Changes are audited.
 */
public final class ClipMembers {
    static final int MAX_MEMBERS = 1_000;
    private final DSLContext db;

    /** One member: exactly one of user (an email) and team (a name). */
    public record Member(String user, String team, MemberRole role) {
        public Member {
            if ((user == null) == (team == null)) {
                throw new UserError(422, "bad_member", "each member names either \"user\" (an email) or \"team\" (a team's "
                        + "name), with \"role\": \"view\" or \"edit\"");
            }
            user = user == null ? null : user.strip().toLowerCase(Locale.ROOT);
            team = team == null ? null : team.strip();
        }

        public String who() {
            return user != null ? "user " + user : "team " + team;
        }
    }

    public ClipMembers(DSLContext db) {
        this.db = db;
    }

    /** Users first (by email), then teams (by name). */
    public List<Member> of(Clip clip) {
        List<Member> users = db.select(USERS.EMAIL, CLIP_MEMBERS.ROLE).from(CLIP_MEMBERS).join(USERS)
                .on(USERS.ID.eq(CLIP_MEMBERS.USER_ID)).where(CLIP_MEMBERS.CLIP_ID.eq(clip.id())).orderBy(USERS.EMAIL)
                .fetch(r -> new Member(r.value1(), null, MemberRole.parse(r.value2())));
        List<Member> teams = db.select(TEAMS.NAME, CLIP_MEMBERS.ROLE).from(CLIP_MEMBERS).join(TEAMS)
                .on(TEAMS.ID.eq(CLIP_MEMBERS.TEAM_ID)).where(CLIP_MEMBERS.CLIP_ID.eq(clip.id())).orderBy(TEAMS.NAME)
                .fetch(r -> new Member(null, r.value1(), MemberRole.parse(r.value2())));
        return java.util.stream.Stream.concat(users.stream(), teams.stream()).toList();
    }

    /** Replaces the members; an unknown user or team, or one named twice, is a 422 and nothing changes. */
    public List<Member> replace(Clip clip, List<Member> members, User actor) {
        if (members.size() > MAX_MEMBERS) {
            throw new UserError(422, "too_many_members", "a clip may have at most " + MAX_MEMBERS + " members; share it "
                    + "with teams instead of so many people");
        }
        Set<String> named = new HashSet<>();
        members.stream().filter(m -> !named.add(m.who())).findFirst().ifPresent(m -> {
            throw new UserError(422, "duplicate_member", UserError.quoted(m.who()) + " is named twice; name each member once");
        });
        List<Member> before = of(clip);
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            t.deleteFrom(CLIP_MEMBERS).where(CLIP_MEMBERS.CLIP_ID.eq(clip.id())).execute();
            for (Member m : members) {
                var insert = t.insertInto(CLIP_MEMBERS).set(CLIP_MEMBERS.CLIP_ID, clip.id()).set(CLIP_MEMBERS.ROLE, m.role().wire());
                if (m.user() != null) {
                    insert.set(CLIP_MEMBERS.USER_ID, userId(t, m.user())).execute();
                } else {
                    insert.set(CLIP_MEMBERS.TEAM_ID, teamId(t, m.team())).execute();
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", wire(before));
            details.put("to", wire(members));
            AccessAudit.record(t, actor, "clip_members_set", "clip " + clip.title() + " (id " + clip.id() + ")", details);
        });
        return of(clip);
    }

    /** The user's role on each of the clips, directly or through a team, the stronger of the two; absent: none. */
    Map<Long, MemberRole> rolesOf(User user, Collection<Long> clipIds) {
        Map<Long, MemberRole> roles = new HashMap<>();
        db.select(CLIP_MEMBERS.CLIP_ID, CLIP_MEMBERS.ROLE).from(CLIP_MEMBERS).where(CLIP_MEMBERS.CLIP_ID.in(clipIds))
                .and(CLIP_MEMBERS.USER_ID.eq(user.id()).or(CLIP_MEMBERS.TEAM_ID.in(SourceLevels.teamsOf(user.id()))))
                .forEach(r -> roles.merge(r.value1(), MemberRole.parse(r.value2()),
                        (a, b) -> a == MemberRole.EDIT ? a : b));
        return roles;
    }

    private static long userId(DSLContext t, String email) {
        return t.select(USERS.ID).from(USERS).where(USERS.EMAIL.eq(email)).fetchOptional(USERS.ID)
                .orElseThrow(() -> new UserError(422, "unknown_user", "there is no user " + UserError.quoted(email)
                        + "; an admin adds users on the Users page"));
    }

    private static long teamId(DSLContext t, String name) {
        return t.select(TEAMS.ID).from(TEAMS).where(TEAMS.NAME.eq(name)).fetchOptional(TEAMS.ID)
                .orElseThrow(() -> new UserError(422, "unknown_team", "there is no team named " + UserError.quoted(name)
                        + "; GET /api/v1/teams lists yours"));
    }

    /** The API's form: [{"user": "a@x", "role": "view"}, {"team": "sales", "role": "edit"}]. */
    public static List<Map<String, String>> wire(List<Member> members) {
        return members.stream().map(m -> m.user() != null ? Map.of("user", m.user(), "role", m.role().wire())
                : Map.of("team", m.team(), "role", m.role().wire())).toList();
    }
}
