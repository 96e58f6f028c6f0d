package dataclips.web;

import dataclips.access.Policy;
import dataclips.accounts.User;
import dataclips.sources.Sources;

/**
 * The checks on what a request's body names rather than its URL, asked of the same policy: the database a new or moved
 * clip runs on (query needed; one the caller may not see is the 422 of an unknown name). The clips whose first column
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
}
