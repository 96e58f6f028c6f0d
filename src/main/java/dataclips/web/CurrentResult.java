package dataclips.web;

import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.results.Kind;
import dataclips.results.ResultRecorder;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import java.util.Optional;

/**
 * Decides where a clip's current result comes from (DESIGN.md decision 5), for the page and every
 * download alike: the pinned snapshot; else, for a clip that follows its schedule, the newest scheduled
 * snapshot (once there is one); else the newest stored result within the clip's max age; else one
 * shared run, which this request either leads (running the clip) or follows (reading the leader's rows as
 * they are stored, on this instance or another). A shared run that vanishes before this viewer got a byte
 * (its leader's viewer left, or its instance died) is retried.
 */
final class CurrentResult {
    private static final int ATTEMPTS = 5;
    private final Results results;

    /** What the route does with each source; follow answers empty when the run vanished before its first byte. */
    interface Handler<T> {
        T stored(StoredResult result, String how) throws Exception;

        T lead(ResultRecorder recorder) throws Exception;

        Optional<T> follow(long resultId) throws Exception;
    }

    /** A stored result to serve, and why: "pinned", "scheduled" (the clip follows its schedule) or "stored". */
    record Chosen(StoredResult result, String how) {}

    CurrentResult(Results results) {
        this.results = results;
    }

    /**
     * What {@link #serve} answers without running anything, if anything: HEAD asks this too, so both agree.
     * refresh skips only the fresh live result (a pinned or schedule-following clip stays so).
     */
    Optional<Chosen> stored(Clip clip, boolean refresh) {
        Optional<StoredResult> pinned = results.pins().pinned(clip);
        if (pinned.isPresent()) {
            return Optional.of(new Chosen(pinned.get(), "pinned"));
        }
        if (clip.followsSchedule()) {
            Optional<StoredResult> scheduled = results.newest(clip, Kind.SCHEDULED);
            if (scheduled.isPresent()) {
                return Optional.of(new Chosen(scheduled.get(), "scheduled"));
            }
        }
        return refresh ? Optional.empty() : results.fresh(clip).map(fresh -> new Chosen(fresh, "stored"));
    }

    /** refresh: the owner asks for a new run whatever is stored (a pinned clip stays pinned). */
    <T> T serve(Clip clip, String madeBy, boolean refresh, Handler<T> handler) throws Exception {
        Optional<Chosen> stored = stored(clip, refresh);
        if (stored.isPresent()) {
            return handler.stored(stored.get().result(), stored.get().how());
        }
        if (clip.maxAgeSeconds() == 0) { // "run on every request": nothing to share
            return handler.lead(results.own(clip, madeBy, Kind.LIVE, null));
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ResultRecorder> lead = results.lead(clip, madeBy, refresh);
            if (lead.isPresent()) {
                return handler.lead(lead.get());
            }
            Optional<Long> flight = results.flight(clip);
            if (flight.isPresent()) {
                Optional<T> followed = handler.follow(flight.get());
                if (followed.isPresent()) {
                    return followed.get();
                }
            } else {
                Optional<StoredResult> justDone = results.fresh(clip); // the run ended between our two looks
                if (justDone.isPresent()) {
                    return handler.stored(justDone.get(), "stored");
                }
            }
        }
        throw new UserError(503, "run_unsettled", "the clip's shared run ended without a result " + ATTEMPTS
                + " times in a row (its viewers left or the app instance running it stopped); try again");
    }
}
