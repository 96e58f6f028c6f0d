package dataclips.access;

import java.util.Locale;

/** What one may do to a clip: the closed set the policy answers for and routes declare (README, "Teams and access"). */
public enum ClipAction {
    /** The page, results, downloads, images, snapshots, compare, parameters, chart and the schedule's times. */
    OPEN,
    /** The SQL: in the page and the API, its versions, the SQL of an error or a snapshot. */
    SEE_SQL,
    /**
     * Change SQL, parameters, chart, description, schedule; restore versions; take, pin and delete snapshots; refresh;
     * narrow the sharing; read the clip's runs.
     */
    EDIT,
    /** Members, the access log, rotate, delete, hand over, and widening the sharing: owner and admins. */
    MANAGE,
    /** Copy it into a clip of one's own. */
    FORK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
