package dataclips.sources;

import dataclips.UserError;
import java.util.Optional;

/** The per-source replay lag limit: how stale a follower may be before live runs prefer a fresher one. */
public final class MaxLag {
    static final int MIN = 1;
    static final int MAX = 86_400;

    private MaxLag() {}

    /** The given limit, or the default; 422 outside 1 s .. 1 day (the database refuses the same range). */
    static int require(Optional<Integer> given) {
        int seconds = given.orElse(Sources.DEFAULT_MAX_LAG_SECONDS);
        if (seconds < MIN || seconds > MAX) {
            throw new UserError(422, "bad_max_lag", "max_lag_seconds must be a whole number from " + MIN + " to " + MAX
                    + " (one day), not " + seconds + "; it is how many seconds a follower may be behind before live "
                    + "runs prefer a fresher one");
        }
        return seconds;
    }

    /** Reads the form field: blank means the default; anything else must be a whole number. */
    public static Optional<Integer> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            throw new UserError(422, "bad_max_lag", "max lag must be a whole number of seconds from " + MIN + " to " + MAX
                    + ", not '" + text.strip() + "'");
        }
    }

    /** Whether a follower this far behind is beyond the source's limit; an unknown lag is not known to be. */
    public static boolean exceeded(Double lagSeconds, int maxLagSeconds) {
        return lagSeconds != null && lagSeconds > maxLagSeconds;
    }
}
