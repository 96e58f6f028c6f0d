package dataclips.access;

import dataclips.clips.Access;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the policy knows of one caller and one clip, read at request time: signed in or not, admin, owner, their
 * membership (directly or through a team, the stronger), their level on the clip's database, the clip's access and
 * whether its link has expired. {@link #allowed} is the whole rule (README, "Teams and access"); where the contract is
 * silent, it refuses.
 */
public record Standing(boolean signedIn, boolean admin, boolean owner, Optional<MemberRole> member, Level level,
                       Access access, boolean linkExpired) {

    /** Anonymous: a link holder at most. */
    public static Standing anonymous(Access access, boolean linkExpired) {
        return new Standing(false, false, false, Optional.empty(), Level.NONE, access, linkExpired);
    }

    public Set<ClipAction> allowed() {
        boolean linkHolder = access == Access.LINK && !linkExpired;
        boolean audience = signedIn && level.atLeast(Level.VIEW) && access != Access.RESTRICTED;
        if (!(admin || owner || member.isPresent() || audience || linkHolder)) {
            return EnumSet.noneOf(ClipAction.class);
        }
        Set<ClipAction> can = EnumSet.of(ClipAction.OPEN);
        boolean query = admin || level == Level.QUERY;
        boolean editor = admin || owner || member.filter(m -> m == MemberRole.EDIT).isPresent();
        if (query || editor) {
            can.add(ClipAction.SEE_SQL);
        }
        if (query && editor) {
            can.add(ClipAction.EDIT); // every edit power, the owner's too, needs query at request time
        }
        if (query && (admin || owner)) {
            can.add(ClipAction.MANAGE);
        }
        if (query && signedIn) {
            can.add(ClipAction.FORK);
        }
        return can;
    }

    /**
     * Whether the clip opens for this caller without holding its link: as owner, admin, member or through its
     * database's level (a link clip reaches the private audience and, besides, anyone with the URL).
     */
    public boolean opensWithoutLink() {
        Access reach = access == Access.LINK ? Access.PRIVATE : access;
        return new Standing(signedIn, admin, owner, member, level, reach, linkExpired).allowed().contains(ClipAction.OPEN);
    }

    /** An owner, admin or edit member: refused an edit only for want of query on the database. */
    boolean editor() {
        return admin || owner || member.filter(m -> m == MemberRole.EDIT).isPresent();
    }
}
