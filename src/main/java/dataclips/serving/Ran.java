package dataclips.serving;

import dataclips.run.RunOutcome;
import java.util.Optional;

/**
 * How a run that a request led ended: the run's own outcome (rows, follower, "as of", a SQL error or a cancel as
 * values), the stored result's checksum (empty when the run failed or storing it did), and whether its viewer
 * had gone by the end.
 */
public record Ran(RunOutcome outcome, Optional<String> checksum, boolean viewerGone) {
    public boolean ok() {
        return outcome.ok();
    }
}
