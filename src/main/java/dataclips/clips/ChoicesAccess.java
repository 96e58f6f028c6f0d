package dataclips.clips;

import dataclips.UserError;
import dataclips.accounts.User;
import java.time.Instant;
import java.util.Optional;

/**
 * Whose values a choice list may show (README, "Parameters"). A parameter whose choices come from another clip shows
 * that clip's values to whoever may set it, link holders included; that is right only when the viewer could open the
 * listed clip themselves (a signed-in user who may see it), or when the declaring clip's owner owns the listed clip and
 * shares it by link (its owner chose to show those values to anyone with a link). The one place this is decided, so
 * the access policy of "Teams and access" can take it over.
 */
final class ChoicesAccess {
    private ChoicesAccess() {}

    /** Whether this viewer of the declaring clip may see the listed clip's values. */
    static boolean listable(Clip listed, Clip declaring, Optional<User> viewer, Instant now) {
        return viewer.map(v -> listed.visibleTo(viewer, now)).orElse(false)
                || sharedByOwner(listed, declaring.ownerId(), now);
    }

    /**
     * Refuses a declaration whose list the declaring clip's audience could not see: a clip the editor cannot open is
     * no clip to them (the same 422 as an unknown slug), and a link clip's choices must come from a clip its owner owns
     * and shares by link (409: link holders could not see the values otherwise). A clip with parameters of its own
     * lists nothing (its values would depend on them).
     */
    static void checkDeclaration(Parameter p, Optional<Clip> listed, long ownerId, Access access, User editor,
                                 Instant now) {
        if (listed.isEmpty() || !listed.get().visibleTo(Optional.of(editor), now)) {
            throw new UserError(422, "bad_parameters", "parameter '" + p.name() + "': choices_clip " + p.choicesClip()
                    + " is no clip; give the slug from the URL of the clip whose first column lists the choices");
        }
        if (access == Access.LINK && !sharedByOwner(listed.get(), ownerId, now)) {
            throw new UserError(409, "choices_clip_hidden", "parameter '" + p.name() + "': people holding this clip's "
                    + "link could not open the choices clip (it is not this clip's owner's, is private, or its link "
                    + "expired), so its values cannot be their choices; list them from a clip this clip's owner owns and "
                    + "shares by link, or make this clip private");
        }
        if (!listed.get().parameters().isEmpty()) {
            throw new UserError(422, "bad_parameters", "parameter '" + p.name() + "': the choices clip has "
                    + "parameters of its own; choose a clip without any, so its list is one list");
        }
    }

    private static boolean sharedByOwner(Clip listed, long ownerId, Instant now) {
        return listed.ownerId() == ownerId && listed.access() == Access.LINK && !listed.linkExpired(now);
    }
}
