package dataclips.export;

import java.nio.charset.StandardCharsets;

/**
 * One row as the follower's COPY sent it (issue 32): each value's UTF-8 bytes in PostgreSQL's text form, COPY's
 * escapes already undone, NULL apart from the empty string. Writers that work on bytes (CSV, the result store) take
 * them as they are; every other writer gets {@link #strings()}, the values a cursor's getString gives, decoded once.
 */
public final class RowBytes {
    private final byte[] bytes;
    /** Value i is bytes[bounds[2i], bounds[2i + 1]); its start is -1 for NULL. */
    private final int[] bounds;
    private String[] strings;

    public RowBytes(byte[] bytes, int[] bounds) {
        this.bytes = bytes;
        this.bounds = bounds;
    }

    public int size() {
        return bounds.length / 2;
    }

    public boolean isNull(int i) {
        return bounds[2 * i] < 0;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int start(int i) {
        return bounds[2 * i];
    }

    public int end(int i) {
        return bounds[2 * i + 1];
    }

    /** The values as text (null for NULL), decoded at the first call. */
    public String[] strings() {
        if (strings == null) {
            String[] values = new String[size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = isNull(i) ? null : new String(bytes, start(i), end(i) - start(i), StandardCharsets.UTF_8);
            }
            strings = values;
        }
        return strings;
    }
}
