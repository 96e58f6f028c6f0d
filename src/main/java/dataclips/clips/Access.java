package dataclips.clips;

import dataclips.UserError;
import java.util.Locale;

/**
 * Who may open a clip's URLs (README, "Teams and access"), narrowest first: its owner, admins and members
 * (restricted); also signed-in users with view or query on its database (private); also anyone holding the link
 * (link). Members count in every mode.
 */
public enum Access {
    RESTRICTED, PRIVATE, LINK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this reaches people the other does not: only the owner and admins widen access. */
    public boolean widens(Access before) {
        return compareTo(before) > 0;
    }

    public static Access parse(String value) {
        for (Access a : values()) {
            if (a.wire().equals(value)) {
                return a;
            }
        }
        throw new UserError(422, "bad_access", "access must be \"link\" (anyone with the URL), \"private\" (signed-in "
                + "users who may view or query its database) or \"restricted\" (its owner, admins and members), not "
                + (value == null ? "nothing" : "\"" + value + "\""));
    }
}
