package dataclips.run;

import dataclips.UserError;
import dataclips.sources.FollowerPools;
import java.sql.SQLException;

/**
 * A fetch bigger than {@link FollowerPools#MAX_FETCH_BYTES}: pgjdbc refuses it (and closes the connection) before
 * reading it, and the viewer gets a 422 that names the limit and how to stay under it, instead of the app
 * running out of memory for everyone.
 */
final class ResultTooLarge {
    private ResultTooLarge() {}

    static boolean is(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("maxResultBuffer");
    }

    static UserError error() {
        return new UserError(422, "result_too_large", "the result is too large to stream safely: one batch of rows "
                + "(up to " + ClipRunner.FETCH_SIZE + " rows, or a single row) came to more than "
                + (FollowerPools.MAX_FETCH_BYTES >> 20) + " MB, the most the app holds at once. Select fewer or "
                + "narrower columns, cut long values (e.g. left(body, 10000)), or split the clip.");
    }
}
