package dataclips.serving;

import dataclips.UserError;
import dataclips.sources.Source;
import java.util.HashMap;
import java.util.Map;

/**
 * How many runs may go at once on this instance (README, "Security"): per viewer (a signed-in user, or one client
 * address without an account) and per database. Beyond either, a run is refused before anything is sent or logged:
 * 429 when it is the viewer's own limit (one of their runs must end first), 503 when the database has all it may take
 * from this instance. A viewer can never hold all of a database's slots (perViewer is below perSource, checked in
 * Settings), so one viewer's burst always leaves room for someone else's short query. A schedule's runs (no viewer)
 * count against their database but are never refused.
 */
public final class RunSlots {
    static final int RETRY_AFTER_SECONDS = 5;
    private final int perViewer;
    private final int perSource;
    private final Map<String, Integer> byViewer = new HashMap<>();
    private final Map<Long, Integer> bySource = new HashMap<>();

    public RunSlots(int perViewer, int perSource) {
        this.perViewer = perViewer;
        this.perSource = perSource;
    }

    /** One run's place, given back when closed (once, however often it is closed). */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    synchronized Slot take(Source source, Viewer viewer) {
        String who = viewer.who();
        int viewers = byViewer.getOrDefault(who, 0);
        int sources = bySource.getOrDefault(source.id(), 0);
        if (!who.isEmpty() && viewers >= perViewer) {
            throw new UserError(429, "too_many_runs", "you have " + viewers + " runs going at once, the most one "
                    + (viewer.user().isPresent() ? "user" : "client without an account") + " may have; wait for one "
                    + "to end (or cancel it) and try again in " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
        }
        if (!who.isEmpty() && sources >= perSource) {
            throw new UserError(503, "database_busy", "the database " + source.name() + " is running " + sources
                    + " clips at once, the most it takes from this app; try again in " + RETRY_AFTER_SECONDS + " s",
                    RETRY_AFTER_SECONDS);
        }
        byViewer.merge(who, 1, Integer::sum);
        bySource.merge(source.id(), 1, Integer::sum);
        boolean[] given = {false};
        return () -> give(who, source.id(), given);
    }

    private synchronized void give(String who, long sourceId, boolean[] given) {
        if (!given[0]) {
            given[0] = true;
            byViewer.computeIfPresent(who, (k, n) -> n > 1 ? n - 1 : null);
            bySource.computeIfPresent(sourceId, (k, n) -> n > 1 ? n - 1 : null);
        }
    }
}
