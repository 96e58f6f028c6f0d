package dataclips;

/**
 * A refusal that passes with time: too many runs at once, a busy database, a busy image renderer, a rate limit. The web
 * layer answers it like any {@link UserError} and adds HTTP's Retry-After with {@link #retryAfterSeconds}.
 */
public final class TryLater extends UserError {
    private final long retryAfterSeconds;

    public TryLater(int status, String code, String message, long retryAfterSeconds) {
        super(status, code, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
