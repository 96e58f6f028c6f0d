package dataclips.run;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * How one run ended (runId is its audit row): on which follower, with data as of when, how many rows went to the writer and whether
 * the query had more. A SQL error or a cancel is a value here (Blazer style), not an exception.
 */
public record RunOutcome(long runId, long followerId, String follower, OffsetDateTime asOf, double lagSeconds, long rows,
                         boolean more, Duration duration, Optional<SqlProblem> problem, Optional<String> cancelled) {

    public boolean ok() {
        return problem.isEmpty() && cancelled.isEmpty();
    }

    public String status() {
        return cancelled.isPresent() ? "cancelled" : problem.isPresent() ? "error" : "ok";
    }
}
