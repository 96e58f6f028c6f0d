package dataclips.results;

/** A stored result that does not match its checksum, or is missing a part: an error, never wrong data. */
public final class CorruptResult extends RuntimeException {
    CorruptResult(String message) {
        super(message);
    }
}
