package dataclips.web;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The app's own (metadata) database failing under a request: restarting, unreachable, or out of disk. Such
 * a request answers 503 with what happened and that it passes, not a bare 500: nothing is wrong with the
 * request, and the app reconnects on its own.
 */
final class MetadataTrouble {
    private MetadataTrouble() {}

    record Answer(String code, String message) {}

    static Optional<Answer> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("53")) { // insufficient resources: disk full, out of memory, too many connections
                    return Optional.of(new Answer("storage_unavailable", "the app's own database cannot store more right "
                            + "now (" + sql.getMessage().lines().findFirst().orElse(state) + "); nothing was stored, "
                            + "try again later, and tell an admin if it lasts"));
                }
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return Optional.of(new Answer("metadata_unavailable", "the app's own database is unavailable right "
                            + "now (restarting or unreachable); the app reconnects on its own: try again in a few seconds"));
                }
            }
        }
        return Optional.empty();
    }
}
