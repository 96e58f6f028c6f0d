package dataclips.access;

import dataclips.UserError;
import dataclips.clips.Clip;
import java.util.List;
import java.util.Set;

/**
 * What one caller may do to one clip, decided by {@link Policy} from their {@link Standing}. A refusal is the 404 of an
 * unknown clip when the clip may not be opened, else a 403 with a stable code: needs_query (the database's level is too
 * low), needs_edit (not an editor of the clip), needs_owner (only its owner and admins).
 */
public record ClipRights(Clip clip, Standing standing, Set<ClipAction> can) {

    public boolean may(ClipAction action) {
        return can.contains(action);
    }

    /** Nothing, or the refusal of this action. */
    public void require(ClipAction action) {
        if (!may(action)) {
            throw refusal(action);
        }
    }

    /** The actions as the API's "can" lists them. */
    public List<String> wire() {
        return can.stream().map(ClipAction::wire).toList();
    }

    /** The same 404 as an unknown slug, or the 403 saying what is missing. */
    public UserError refusal(ClipAction action) {
        if (!may(ClipAction.OPEN)) {
            return notFound();
        }
        String database = clip.sourceName();
        return switch (action) {
            case OPEN -> notFound();
            case SEE_SQL -> new UserError(403, "needs_query", "this clip's SQL is shown to those who may query its database "
                    + database + " and to its edit members; you see its results");
            case EDIT -> standing.editor() ? needsQuery("changing this clip")
                    : new UserError(403, "needs_edit", "only this clip's owner (" + clip.ownerEmail() + "), admins and its "
                    + "edit members change it" + (may(ClipAction.FORK) ? "; fork it to make your own copy" : ""));
            case MANAGE -> standing.owner() && !standing.level().atLeast(Level.QUERY) ? needsQuery("managing this clip")
                    : new UserError(403, "needs_owner", "only this clip's owner (" + clip.ownerEmail() + ") and admins "
                    + "change its members, read its access log, rotate its link, delete it, hand it over or widen who may "
                    + "open it");
            case FORK -> needsQuery("forking this clip");
        };
    }

    /** The answer for a clip one may not open: exactly an unknown slug's. */
    public static UserError notFound() {
        return UserError.notFound("this clip");
    }

    private UserError needsQuery(String what) {
        return new UserError(403, "needs_query", what + " needs query on its database " + clip.sourceName()
                + ", which you may not query; an admin grants it on the Databases page");
    }
}
