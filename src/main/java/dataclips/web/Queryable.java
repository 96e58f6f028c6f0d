package dataclips.web;

import dataclips.access.ClipAction;
import dataclips.access.Policy;
import dataclips.accounts.User;
import dataclips.clips.Clips;
import dataclips.clips.Parameter;
import dataclips.sources.Sources;
import java.util.List;
import java.util.Optional;

/**
 * The checks on what a request's body names rather than its URL, asked of the same policy: the database a new or moved
 * clip runs on (query needed; one the caller may not see is the 422 of an unknown name), and the clips whose first
 * column lists a parameter's choices (the caller must be able to open them, else it is the 422 of an unknown clip: a
 * declaration must not read out a clip its author may not open).
 */
final class Queryable {
    private Queryable() {}

    /** A blank name is left to the clip's own check ("choose the database"). */
    static void requireNamed(Policy policy, Sources sources, User user, String name) {
        if (name != null && !name.isBlank()) {
            policy.requireQuery(user, sources.find(name.strip()), name);
        }
    }

    static void requireChoicesOpen(Policy policy, Clips clips, User user, List<Parameter> declared) {
        for (Parameter p : declared) {
            if (p.choicesFromClip() && clips.find(p.choicesClip())
                    .filter(c -> policy.clip(Optional.of(user), c).may(ClipAction.OPEN)).isEmpty()) {
                throw Clips.noChoicesClip(p);
            }
        }
    }
}
