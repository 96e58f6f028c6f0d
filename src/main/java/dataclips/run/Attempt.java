package dataclips.run;

/**
 * One attempt of a run on a follower that did not serve it, as the run log keeps it: the follower gave no connection,
 * refused the run (it is not a follower any more), dropped the connection before the first row, or cancelled the
 * query to replay the primary's changes (a recovery conflict; before the first row the run is tried again, after
 * it the conflict ends the run). {@code number} counts the run's attempts from 1: the one that served it comes next.
 */
public record Attempt(int number, long followerId, String follower, String outcome, String sqlState, String message) {
    public static final String RECOVERY_CONFLICT = "recovery_conflict";
    public static final String CONNECTION_LOST = "connection_lost";
    public static final String NO_CONNECTION = "no_connection";
    public static final String REFUSED = "refused";

    public boolean conflict() {
        return RECOVERY_CONFLICT.equals(outcome);
    }
}
