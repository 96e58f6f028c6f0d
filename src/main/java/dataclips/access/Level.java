package dataclips.access;

import dataclips.UserError;
import java.util.Locale;

/**
 * What a registered database grants a user, weakest first (README, "Teams and access"). A user's level is the highest
 * of everyone's and their teams'; admins always query.
 */
public enum Level {
    /** Its clips are invisible unless shared with the user by name or by link. */
    NONE,
    /** Opens its private clips and sees their results, never their SQL nor the schema. */
    VIEW,
    /** Writes SQL on it: new clips, preview, schema, and edits the clips one may edit. */
    QUERY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Level other) {
        return compareTo(other) >= 0;
    }

    public static Level max(Level a, Level b) {
        return a.atLeast(b) ? a : b;
    }

    /** "query", "view" or "none"; anything else is a 422 naming the field. */
    public static Level parse(String value, String field) {
        for (Level level : values()) {
            if (level.wire().equals(value)) {
                return level;
            }
        }
        throw new UserError(422, "bad_level", field + " must be \"query\" (write SQL on the database), \"view\" (open "
                + "its private clips' results) or \"none\", not " + (value == null ? "nothing"
                : "\"" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "\""));
    }
}
