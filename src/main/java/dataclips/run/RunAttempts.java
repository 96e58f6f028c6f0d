package dataclips.run;

import dataclips.sources.Source;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The attempts of one run that did not serve it, in order. The caller makes one per run and writes it to the run log
 * when the run ends, however it ends (the run package knows followers, not the log).
 */
public final class RunAttempts {
    private final List<Attempt> attempts = new ArrayList<>();

    public synchronized List<Attempt> list() {
        return List.copyOf(attempts);
    }

    synchronized int conflicts() {
        return (int) attempts.stream().filter(Attempt::conflict).count();
    }

    /** How many followers cancelled the run's query to replay changes (one, usually). */
    synchronized long conflictedFollowers() {
        return attempts.stream().filter(Attempt::conflict).map(Attempt::followerId).distinct().count();
    }

    void add(Source.Follower follower, String outcome, SQLException e) {
        add(follower, outcome, e.getSQLState(), String.valueOf(e.getMessage()));
    }

    synchronized void add(Source.Follower follower, String outcome, String sqlState, String message) {
        attempts.add(new Attempt(attempts.size() + 1, follower.id(), follower.display(), outcome, sqlState, message));
    }
}
