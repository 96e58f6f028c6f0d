package dataclips.results;

import dataclips.export.RowBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How rows sit in a stored chunk: per value a varint (0 for NULL, else its UTF-8 length + 1) and then its
 * bytes. PostgreSQL's text form goes in and comes out unchanged, so a stored result replays exactly as
 * the live run streamed it.
 */
final class RowCodec {
    private RowCodec() {}

    /** A growable byte buffer rows are appended to until a chunk is full. */
    static final class Buffer {
        private byte[] bytes = new byte[1 << 16];
        private int size;

        void append(String[] values) {
            for (String value : values) {
                if (value == null) {
                    varint(0);
                } else {
                    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                    varint(utf8.length + 1L);
                    ensure(utf8.length);
                    System.arraycopy(utf8, 0, bytes, size, utf8.length);
                    size += utf8.length;
                }
            }
        }

        /** The same bytes for a COPY's row: its values are UTF-8 already. */
        void append(RowBytes row) {
            byte[] values = row.bytes();
            for (int i = 0; i < row.size(); i++) {
                if (row.isNull(i)) {
                    varint(0);
                } else {
                    int length = row.end(i) - row.start(i);
                    varint(length + 1L);
                    ensure(length);
                    System.arraycopy(values, row.start(i), bytes, size, length);
                    size += length;
                }
            }
        }

        int size() {
            return size;
        }

        /** The bytes so far (the first size() of the array, handed over, not copied); the buffer starts afresh. */
        byte[] take() {
            byte[] taken = bytes;
            bytes = new byte[taken.length];
            size = 0;
            return taken;
        }

        private void varint(long value) {
            ensure(10);
            long v = value;
            while ((v & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads the rows of one chunk back, in order. */
    static final class Reader {
        private final byte[] bytes;
        private final int columns;
        private int at;

        Reader(byte[] bytes, int columns) {
            this.bytes = bytes;
            this.columns = columns;
        }

        boolean hasNext() {
            return at < bytes.length;
        }

        String[] next() {
            String[] values = new String[columns];
            for (int i = 0; i < columns; i++) {
                long marker = varint();
                if (marker > 0) {
                    int length = Math.toIntExact(marker - 1);
                    if (length > bytes.length - at) {
                        throw new IllegalStateException("a stored value runs past the end of its chunk");
                    }
                    values[i] = new String(bytes, at, length, StandardCharsets.UTF_8);
                    at += length;
                }
            }
            return values;
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= bytes.length) {
                    throw new IllegalStateException("a stored row ends in the middle of a value");
                }
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("a stored value has a malformed length");
        }
    }
}
