package dataclips.web;

import dataclips.access.Level;
import dataclips.access.Policy;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.sources.Sources;

/**
 * The checks on what a request's body names rather than its URL, asked of the same policy: the database a new or moved
 * clip runs on (query needed; one the caller may not see is the 422 of an unknown name), and who may own a clip. The clips whose first column
 * lists a parameter's choices: {@link ChoicesAccess}.
 */
final class Queryable {
    private Queryable() {}

    /** A blank name is left to the clip's own check ("choose the database"). */
    static void requireNamed(Policy policy, Sources sources, User user, String name) {
        if (name != null && !name.isBlank()) {
            policy.requireQuery(user, sources.find(name.strip()), name);
        }
    }

    /** Only a user who may query the clip's database may own it (DESIGN, "Teams and access"). */
    static boolean mayOwn(Policy policy, Clips clips, User to, Clip clip) {
        return policy.levelOf(to, clips.sourceOf(clip)).atLeast(Level.QUERY);
    }
}
