package dataclips.web;

import dataclips.UserError;
import dataclips.access.ClipAction;
import dataclips.access.Policy;
import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.parameters.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * Whose values a choice list may show (README, "Parameters"): the one place this is decided, with the access policy. A
 * parameter whose choices come from another clip shows that clip's values to whoever may set it, link holders included;
 * that is right only when the viewer could open the listed clip without holding its link (a signed-in user it reaches
 * as a member, through its database's level, or as owner or admin), or when the declaring clip's owner owns the listed
 * clip and shares it by link (its owner chose to show those values to anyone with a link). Declaring one needs sight of
 * it (else the 422 of an unknown clip), and a link clip's choices must come from a clip its owner shares by link (409).
 */
final class ChoicesAccess {
    private ChoicesAccess() {}

    /** Whether this viewer of the declaring clip may see the listed clip's values; when not, the default is the one. */
    static boolean listable(Policy policy, Clips clips, Clip listed, Clip declaring, Optional<User> viewer) {
        return sharedByOwner(clips, listed, declaring.ownerId())
                || viewer.isPresent() && policy.clip(viewer, listed).standing().opensWithoutLink();
    }

    /**
     * Refuses declarations whose lists the editor may not open (the 422 of an unknown clip, whether it exists or not),
     * or that the declaring clip's link holders could not see: for a clip of ownerId with this access.
     */
    static void requireDeclarable(Policy policy, Clips clips, User editor, List<Parameter> declared, long ownerId,
                                  Access access) {
        for (Parameter p : declared.stream().filter(Parameter::choicesFromClip).toList()) {
            Clip listed = clips.find(p.choicesClip())
                    .filter(c -> policy.clip(Optional.of(editor), c).may(ClipAction.OPEN))
                    .orElseThrow(() -> Clips.noChoicesClip(p));
            if (access == Access.LINK && !sharedByOwner(clips, listed, ownerId)) {
                throw new UserError(409, "choices_clip_hidden", "parameter '" + p.name() + "': people holding this "
                        + "clip's link could not open the choices clip (it is not this clip's owner's, is not shared by "
                        + "link, or its link expired), so its values cannot be their choices; list them from a clip this "
                        + "clip's owner shares by link, or make this clip private");
            }
        }
    }

    private static boolean sharedByOwner(Clips clips, Clip listed, long ownerId) {
        return listed.ownerId() == ownerId && listed.access() == Access.LINK && !clips.linkExpired(listed);
    }
}
