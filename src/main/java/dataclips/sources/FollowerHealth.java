package dataclips.sources;

import dataclips.HumanBytes;
import java.time.OffsetDateTime;

/**
 * What the last check saw of one follower. Lag is replay lag: bytes of WAL not yet replayed (against the
 * primary's current position when a primary is registered) and seconds since the last replayed commit
 * while anything is pending (0 when caught up). standby is its hot-standby settings as last read (null before).
 */
public record FollowerHealth(boolean healthy, Boolean inRecovery, Long lagBytes, Double lagSeconds,
                             OffsetDateTime checkedAt, OffsetDateTime lastSeenAt, String error, StandbySettings standby) {

    public static FollowerHealth unknown() {
        return new FollowerHealth(false, null, null, null, null, null, "not checked yet", null);
    }

    public FollowerHealth failed(String message, OffsetDateTime now) {
        return new FollowerHealth(false, inRecovery, lagBytes, lagSeconds, now, lastSeenAt, message, standby);
    }

    /** "0 bytes, 0 s" in the style of heroku pg:info's "Behind By". */
    public String behindBy() {
        if (lagBytes == null) {
            return "unknown";
        }
        return HumanBytes.of(lagBytes) + (lagSeconds == null ? "" : ", " + humanSeconds(lagSeconds));
    }

    public static String humanSeconds(double seconds) {
        long s = Math.round(seconds);
        if (s < 120) {
            return s + " s";
        }
        return s < 7200 ? (s / 60) + " min" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
