package dataclips;

/**
 * A request the app refuses, with the HTTP status, a stable machine-readable code and a message that
 * says what is wrong and what to do. The web layer renders it as {"error": {"code", "message"}} or as
 * the error page; it never becomes a 500.
 */
public class UserError extends RuntimeException {
    private final int status;
    private final String code;

    public UserError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static UserError notFound(String what) {
        return new UserError(404, "not_found", what + " was not found");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
