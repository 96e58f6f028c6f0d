package dataclips;

/** A reason the app cannot start, phrased for the person starting it (printed as one line, exit 1). */
public class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
