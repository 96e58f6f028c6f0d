package dataclips.serving;

/**
 * Where a request's result comes from, decided by {@link Serving#serve}: a stored result to replay (pinned,
 * scheduled, fresh or a snapshot), a run this request leads, or another request's run it joins. The caller
 * streams it into its writer; closing it releases what serving held for it (a claimed run never started, a
 * follower's place), so callers hold it in try-with-resources.
 */
public sealed interface Outcome extends AutoCloseable permits Stored, Led, Joined {
    @Override
    void close();
}
