package dataclips.clips;

import dataclips.UserError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The checks on a clip's own fields as typed: title, description, max age, link expiry (a 422 saying the bounds). */
final class ClipFields {
    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 5_000;
    static final int MAX_AGE_LIMIT = 366 * 24 * 3600;
    /** The last expiry accepted: the last second with a four-digit year (PostgreSQL itself would go further). */
    static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    private ClipFields() {}

    static String title(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > MAX_TITLE) {
            throw new UserError(422, "bad_title", "the title must be 1 to " + MAX_TITLE + " characters");
        }
        return t;
    }

    static String description(String description) {
        String d = description == null ? "" : description.strip();
        if (d.length() > MAX_DESCRIPTION) {
            throw new UserError(422, "bad_description", "the description may be at most " + MAX_DESCRIPTION + " characters");
        }
        return d;
    }

    static int maxAge(int seconds) {
        if (seconds < 0 || seconds > MAX_AGE_LIMIT) {
            throw new UserError(422, "bad_max_age", "max_age_seconds must be 0 (run on every request) to " + MAX_AGE_LIMIT);
        }
        return seconds;
    }

    /** A link expiry is in the future, and no later than {@link #LATEST_EXPIRY}. */
    static void requireExpiry(Optional<OffsetDateTime> expiresAt, Instant now) {
        expiresAt.filter(t -> t.getYear() < 1 || t.toInstant().isAfter(LATEST_EXPIRY)).ifPresent(t -> {
            throw new UserError(422, "bad_expiry", "the link expiry " + t + " is out of range: choose a time between now "
                    + "and " + LATEST_EXPIRY + ", send null to remove the expiry, or make the clip private");
        });
        expiresAt.filter(t -> !t.toInstant().isAfter(now)).ifPresent(t -> {
            throw new UserError(422, "bad_expiry", "the link expiry " + t + " is not in the future (it is now "
                    + now + "); choose a later time, send null to remove the expiry, or make the clip private");
        });
    }
}
