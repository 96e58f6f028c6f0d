package dataclips;

/**
 * A request the app refuses, with the HTTP status, a stable machine-readable code and a message that
 * says what is wrong and what to do. The web layer renders it as {"error": {"code", "message"}} or as
 * the error page; it never becomes a 500.
 */
public class UserError extends RuntimeException {
    private final int status;
    private final String code;
    private final int retryAfterSeconds;

    public UserError(int status, String code, String message) {
        this(status, code, message, 0);
    }

    /** A refusal that passes: the answer carries {@code Retry-After} with this many seconds (0: none). */
    public UserError(int status, String code, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static UserError notFound(String what) {
        return new UserError(404, "not_found", what + " was not found");
    }

    /** A value the caller sent, as a message shows it: in quotes, cut so a megabyte of it is not sent back. */
    public static String quoted(String value) {
        return value == null ? "nothing" : "\"" + (value.length() > 60 ? value.substring(0, 60) + "…" : value) + "\"";
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
