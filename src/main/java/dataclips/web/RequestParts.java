package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The parts of a request that several routes read the same way (a version, snapshot or subscription number in the
 * path, the API's link expiry), read in one place so a page and its API call answer the same thing to the same text.
 */
final class RequestParts {
    private RequestParts() {}

    /** {version} in the path; anything but a number is the same 404 as an unknown version. */
    static int versionNumber(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw UserError.notFound("version " + ctx.pathParam("version") + " of this clip");
        }
    }

    /** {id} in the path: the snapshot's number; anything but a number is the same 404 as an unknown snapshot. */
    static long snapshotId(Context ctx) {
        return snapshotId(ctx.pathParam("id"));
    }

    /** A snapshot id from a URL ("12", or the "12" of "12.csv"); anything else is the 404 of an unknown snapshot. */
    static long snapshotId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw UserError.notFound("this snapshot");
        }
    }

    /** {id} in a subscription's path; anything but a number is the same 404 as an unknown subscription. */
    static long subscriptionId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw UserError.notFound("this subscription");
        }
    }

    /** The API's expires_at: JSON null removes the expiry; text must be an ISO-8601 time with its offset. */
    static Optional<OffsetDateTime> expiry(JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            try {
                return Optional.of(OffsetDateTime.parse(value.asText()));
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new UserError(422, "bad_expiry", "expires_at must be an ISO-8601 time with its offset, such as "
                + "\"2030-01-31T18:00:00Z\", or null to remove the expiry; not " + value);
    }
}
