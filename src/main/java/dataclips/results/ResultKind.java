package dataclips.results;

import java.util.Locale;

/** Why a result was stored, which decides how long it is kept. */
public enum ResultKind {
    /** A run of the clip's "now": kept per the retention setting. */
    LIVE,
    /** Taken by a user: kept until deleted. */
    SNAPSHOT,
    /** Taken by the clip's schedule: kept until deleted. */
    SCHEDULED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ResultKind of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean isSnapshot() {
        return this != LIVE;
    }
}
