package dataclips.web;

import dataclips.sources.FollowerHealth;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Says so when a result came from a follower further behind than its source allows (every follower was
 * lagging, so the freshest one served): the page shows a notice, the live downloads a header.
 */
final class LagNotice {
    /** Seconds the follower was behind when it served a live run; only sent when beyond the source's max lag. */
    static final String HEADER = "X-Data-Lag-Seconds";

    private LagNotice() {}

    /** "Data is 12 min old: the database's followers are more than 5 min behind". */
    static String text(double lagSeconds, int maxLagSeconds) {
        return "Data is " + old(lagSeconds) + " old: the database's followers are more than "
                + FollowerHealth.humanSeconds(maxLagSeconds) + " behind, so this is the freshest data they have";
    }

    /** The age of data as of this time, in whole seconds (0 when unknown or in the future). */
    static long ageSeconds(OffsetDateTime asOf) {
        return asOf == null ? 0 : Math.max(0, Duration.between(asOf, OffsetDateTime.now()).toSeconds());
    }

    private static String old(double lagSeconds) {
        long s = Math.round(lagSeconds);
        return s < 120 ? s + " s" : FollowerHealth.humanSeconds(s);
    }
}
