package dataclips.access;

import static dataclips.db.Tables.CLIPS;
import static dataclips.db.Tables.CLIP_MEMBERS;
import static dataclips.db.Tables.SOURCES;
import static dataclips.db.Tables.SOURCE_TEAM_LEVELS;

import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.ListScope;
import org.jooq.Condition;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * {@link Standing#allowed}'s rules as SQL conditions over a clip joined with its source, for lists: what one may open
 * without holding the link, see the SQL of, or edit. AccessMatrixTest and the list tests hold the two to the same
 * answers.
 */
final class ScopeSql {
    private ScopeSql() {}

    static ListScope listScope(User user) {
        if (user.isAdmin()) {
            return new ListScope(DSL.trueCondition(), DSL.trueCondition());
        }
        Condition audience = CLIPS.ACCESS.in(Access.LINK.wire(), Access.PRIVATE.wire()).and(levelAtLeastView(user));
        Condition listed = CLIPS.OWNER_ID.eq(user.id()).or(member(user, null)).or(audience);
        Condition sql = CLIPS.OWNER_ID.eq(user.id()).or(member(user, MemberRole.EDIT)).or(levelQuery(user));
        return new ListScope(listed, sql);
    }

    /** The clips the user may EDIT: an editor (owner, edit member) with query on the database; admins all. */
    static Select<Record1<Long>> editable(User user) {
        Condition editable = user.isAdmin() ? DSL.trueCondition()
                : CLIPS.OWNER_ID.eq(user.id()).or(member(user, MemberRole.EDIT)).and(levelQuery(user));
        return DSL.select(CLIPS.ID).from(CLIPS).join(SOURCES).on(SOURCES.ID.eq(CLIPS.SOURCE_ID)).where(editable);
    }

    /** A member of the clip, directly or through a team; role null: any role. */
    private static Condition member(User user, MemberRole role) {
        Condition who = CLIP_MEMBERS.USER_ID.eq(user.id()).or(CLIP_MEMBERS.TEAM_ID.in(SourceLevels.teamsOf(user.id())));
        Condition roleIs = role == null ? DSL.noCondition() : CLIP_MEMBERS.ROLE.eq(role.wire());
        return DSL.exists(DSL.selectOne().from(CLIP_MEMBERS).where(CLIP_MEMBERS.CLIP_ID.eq(CLIPS.ID)).and(who).and(roleIs));
    }

    private static Condition levelAtLeastView(User user) {
        return SOURCES.EVERYONE_LEVEL.in(Level.VIEW.wire(), Level.QUERY.wire()).or(teamLevel(user, null));
    }

    private static Condition levelQuery(User user) {
        return SOURCES.EVERYONE_LEVEL.eq(Level.QUERY.wire()).or(teamLevel(user, Level.QUERY));
    }

    /** A team of the user's holds a level on the clip's database (any stored level is view or query). */
    private static Condition teamLevel(User user, Level level) {
        Condition levelIs = level == null ? DSL.noCondition() : SOURCE_TEAM_LEVELS.TEAM_LEVEL.eq(level.wire());
        return DSL.exists(DSL.selectOne().from(SOURCE_TEAM_LEVELS).where(SOURCE_TEAM_LEVELS.SOURCE_ID.eq(CLIPS.SOURCE_ID))
                .and(SOURCE_TEAM_LEVELS.TEAM_ID.in(SourceLevels.teamsOf(user.id()))).and(levelIs));
    }
}
