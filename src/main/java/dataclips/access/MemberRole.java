package dataclips.access;

import dataclips.UserError;
import java.util.Locale;

/** What a clip's member (a user or a team) may do with it. */
public enum MemberRole {
    /** Results, snapshots and the schedule's times. */
    VIEW,
    /** Also the SQL, parameters, chart, schedule and sharing (narrowing it), with query on the database. */
    EDIT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MemberRole parse(String value) {
        for (MemberRole role : values()) {
            if (role.wire().equals(value)) {
                return role;
            }
        }
        throw new UserError(422, "bad_role", "a member's role must be \"view\" (results) or \"edit\" (SQL, parameters, "
                + "chart, schedule, sharing), not " + (value == null ? "nothing"
                : "\"" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "\""));
    }
}
