package dataclips.run;

import dataclips.UserError;
import dataclips.sources.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's hot-standby conflict (README, "Followers and long clips"): a follower cancels a query to replay the
 * primary's changes (its vacuum removed rows the query might still need, a lock, a pinned buffer) with SQLSTATE
 * 40001, or 40P01 for a deadlock with recovery. A clip meets 40001 nowhere else on a follower, which cannot run
 * serializable transactions. Before the first row the run starts over on the healthy follower least behind after a
 * short pause, {@value #ATTEMPTS} attempts in all, then every surface says what happened and what to change (a 503 with
 * Retry-After). After the first row the conflict ends the run like any failure in the middle of a stream.
 */
final class RecoveryConflict {
    static final int ATTEMPTS = 3;
    /** What downloads and the API tell a client to wait: the primary's vacuum of a table is usually over by then. */
    static final int RETRY_AFTER_SECONDS = 10;
    private static final long FIRST_PAUSE_MS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryConflict.class);
    private static final String WHAT_TO_CHANGE = "Ask the database's admin to raise max_standby_streaming_delay on "
            + "the %s, or turn on hot_standby_feedback (which lets long clips delay cleanup on the primary).";

    /** Out of an attempt that met a conflict before its first row: nothing was sent, the run starts over. */
    static final class StartOver extends RuntimeException {
        StartOver() {
            super("a recovery conflict before the first row", null, false, false);
        }
    }

    private RecoveryConflict() {}

    static boolean is(SqlProblem problem) {
        return "40001".equals(problem.sqlState()) || "40P01".equals(problem.sqlState());
    }

    /**
     * An attempt met a conflict, which the run log keeps. Before the first row this throws {@link StartOver}; after it,
     * the answer is the problem that ends the run, with what to change as its hint.
     */
    static SqlProblem met(SqlProblem problem, boolean begun, Source.Follower follower, RunAttempts attempts) {
        attempts.add(follower, Attempt.RECOVERY_CONFLICT, problem.sqlState(), problem.message());
        LOG.warn("follower {} cancelled a query to replay the primary's changes (recovery conflict {}, {} the first row)",
                follower.display(), problem.sqlState(), begun ? "after" : "before");
        if (!begun) {
            throw new StartOver();
        }
        return new SqlProblem(problem.sqlState(), problem.message(), problem.detail(), "The follower cancelled this "
                + "query to replay changes from the primary (a recovery conflict) after its first rows were sent, so "
                + "it could not be tried again. " + WHAT_TO_CHANGE.formatted("follower"), problem.position());
    }

    /** Pauses before the next attempt (250 ms, then 500 ms; a cancel ends the pause), or gives up after the last one. */
    static void pauseOrGiveUp(RunAttempts attempts, Cancellation cancel) {
        int conflicts = attempts.conflicts();
        if (conflicts >= ATTEMPTS) {
            throw usedUp(conflicts, attempts.conflictedFollowers() > 1);
        }
        long until = System.nanoTime() + (FIRST_PAUSE_MS << (conflicts - 1)) * 1_000_000;
        while (!cancel.requested() && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static UserError usedUp(int conflicts, boolean severalFollowers) {
        String who = severalFollowers ? "followers" : "follower";
        return new UserError(503, "recovery_conflict", "The " + who + " cancelled this query to replay changes from "
                + "the primary (a recovery conflict), " + conflicts + " times. " + WHAT_TO_CHANGE.formatted(who),
                RETRY_AFTER_SECONDS);
    }
}
