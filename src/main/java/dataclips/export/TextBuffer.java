package dataclips.export;

import java.io.IOException;
import java.io.Writer;

/**
 * A character buffer in front of a Writer, for one thread. It does what BufferedWriter does, without the lock
 * BufferedWriter takes on every call: an export makes several short writes per value, and the lock cost more
 * than copying the characters.
 */
final class TextBuffer {
    private final Writer out;
    private final char[] buffer;
    private int used;

    TextBuffer(Writer out, int size) {
        this.out = out;
        this.buffer = new char[size];
    }

    void write(String text) throws IOException {
        write(text, 0, text.length());
    }

    /** Writes length characters of text from offset, handing the buffer on whenever it fills. */
    void write(String text, int offset, int length) throws IOException {
        while (length > 0) {
            if (used == buffer.length) {
                drain();
            }
            int n = Math.min(length, buffer.length - used);
            text.getChars(offset, offset + n, buffer, used);
            used += n;
            offset += n;
            length -= n;
        }
    }

    void write(char c) throws IOException {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = c;
    }

    /** Hands on everything buffered and flushes the writer (not close: the caller owns the stream). */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
