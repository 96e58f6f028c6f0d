package dataclips.delivery;

import dataclips.UserError;
import java.util.Locale;

/**
 * When a subscription sends a new snapshot ("when" in the API): always; when it changed since the previous snapshot of
 * the same values (a clip's first snapshot counts as changed); when it has rows; when any row meets a condition.
 */
public enum Fires {
    ALWAYS, CHANGED, ROWS, CONDITION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Fires parse(String value) {
        if (value == null) {
            return ALWAYS;
        }
        for (Fires f : values()) {
            if (f.wire().equals(value)) {
                return f;
            }
        }
        throw new UserError(422, "bad_when", "when must be \"always\", \"changed\" (since the previous snapshot), \"rows\" "
                + "(the snapshot has rows) or \"condition\" (with {\"column\", \"op\", \"value\"}), not " + UserError.quoted(value));
    }
}
