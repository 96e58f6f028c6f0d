package dataclips;

import java.util.Map;

/**
 * How many runs may go at once on one instance, and how often a user may preview (README, "Security"), read with the
 * other {@link Settings}. perViewer: runs of one signed-in user, or of one client address without an account;
 * perSource: runs on one database, from everyone; perViewer must stay below perSource, so one viewer never takes all
 * of a database's slots. previewsPerMinute: previews one user may start a minute.
 */
public record RunCaps(int perViewer, int perSource, int previewsPerMinute) {
    public static final int DEFAULT_PER_VIEWER = 3;
    public static final int DEFAULT_PER_SOURCE = 4;
    public static final int DEFAULT_PREVIEWS_PER_MINUTE = 60;

    static RunCaps fromEnvironment(Map<String, String> env) {
        int perViewer = Settings.wholeNumber(env, "DATACLIPS_RUNS_PER_USER", DEFAULT_PER_VIEWER, 1, 10_000,
                "runs one user (or one client without an account) may have going at once, from 1 to 10000");
        int perSource = Settings.wholeNumber(env, "DATACLIPS_RUNS_PER_SOURCE", DEFAULT_PER_SOURCE, 2, 10_000,
                "runs one database may have going at once from this instance, from 2 to 10000");
        if (perViewer >= perSource) {
            throw new Settings.Invalid("DATACLIPS_RUNS_PER_USER", Integer.toString(perViewer), "must be below "
                    + "DATACLIPS_RUNS_PER_SOURCE (" + perSource + "), so one user's runs never take all of a "
                    + "database's");
        }
        return new RunCaps(perViewer, perSource, Settings.wholeNumber(env, "DATACLIPS_PREVIEWS_PER_MINUTE",
                DEFAULT_PREVIEWS_PER_MINUTE, 1, 100_000, "previews one user may start a minute, from 1 to 100000"));
    }
}
