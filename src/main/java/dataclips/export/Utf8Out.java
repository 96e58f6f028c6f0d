package dataclips.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A Writer that encodes UTF-8 straight into its own byte buffer, without the lock every call of a BufferedWriter
 * over an OutputStreamWriter takes (a million-row export writes tens of millions of small pieces: that lock and the
 * encoder's layers were a fifth of the CSV and XLSX writers' time, bench/README). Not thread-safe: one writer, one
 * thread. A lone surrogate is written as '?', as OutputStreamWriter does.
 */
public final class Utf8Out extends Writer {
    private final OutputStream out;
    private final byte[] buffer;
    private int used;
    private char pendingHigh;
    private boolean closed;

    public Utf8Out(OutputStream out, int size) {
        this.out = out;
        this.buffer = new byte[Math.max(size, 16)];
    }

    @Override
    public void write(int c) throws IOException {
        if (used + 4 > buffer.length) {
            drain();
        }
        char ch = (char) c;
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(ch)) {
                codePoint(Character.toCodePoint(high, ch));
                return;
            }
            buffer[used++] = '?';
            if (used + 4 > buffer.length) {
                drain();
            }
        }
        if (ch < 0x80) {
            buffer[used++] = (byte) ch;
        } else if (ch < 0x800) {
            buffer[used++] = (byte) (0xC0 | ch >> 6);
            buffer[used++] = (byte) (0x80 | ch & 0x3F);
        } else if (Character.isHighSurrogate(ch)) {
            pendingHigh = ch;
        } else if (Character.isLowSurrogate(ch)) {
            buffer[used++] = '?';
        } else {
            buffer[used++] = (byte) (0xE0 | ch >> 12);
            buffer[used++] = (byte) (0x80 | ch >> 6 & 0x3F);
            buffer[used++] = (byte) (0x80 | ch & 0x3F);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        if (offset == 0 && length == text.length() && length <= buffer.length / 4 && pendingHigh == 0) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8); // vectorised for ASCII, and right for the rest
            if (utf8.length > buffer.length - used) {
                drain();
            }
            System.arraycopy(utf8, 0, buffer, used, utf8.length);
            used += utf8.length;
            return;
        }
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x80 && pendingHigh == 0) {
                if (used == buffer.length) {
                    drain();
                }
                buffer[used++] = (byte) c;
            } else {
                write(c);
            }
        }
    }

    @Override
    public void write(String text) throws IOException {
        write(text, 0, text.length());
    }

    /** The path the CSV generator's buffer takes: runs of ASCII are copied as they are, the rest by write(int). */
    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (pendingHigh == 0) {
                if (used == buffer.length) {
                    drain();
                }
                int stop = Math.min(end, i + buffer.length - used);
                while (i < stop && chars[i] < 0x80) {
                    buffer[used++] = (byte) chars[i++];
                }
            }
            if (i < end) {
                write(chars[i++]);
            }
        }
    }

    /** Bytes that are UTF-8 already (a COPY's values), between characters: copied as they are. */
    void writeUtf8(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - used) {
            drain();
            if (length > buffer.length) {
                out.write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, used, length);
        used += length;
    }

    /** One ASCII character, as writeUtf8 writes bytes. */
    void writeAscii(byte b) throws IOException {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = b;
    }

    /** Bytes written so far that are not yet handed on (a caller may take back what it wrote since a mark). */
    int mark() {
        return used;
    }

    /**
     * Forgets what was written since the mark, if it is still in the buffer; false when it was handed on already
     * (then the caller must not have written anything it would take back).
     */
    boolean reset(int mark) {
        if (mark > used || pendingHigh != 0) {
            return false;
        }
        used = mark;
        return true;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Hands on what is left and closes the stream; a second close does nothing (as a BufferedWriter's). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flushPending();
            drain();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void codePoint(int cp) {
        buffer[used++] = (byte) (0xF0 | cp >> 18);
        buffer[used++] = (byte) (0x80 | cp >> 12 & 0x3F);
        buffer[used++] = (byte) (0x80 | cp >> 6 & 0x3F);
        buffer[used++] = (byte) (0x80 | cp & 0x3F);
    }

    private void flushPending() throws IOException {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            write('?');
        }
    }

    private void drain() throws IOException {
        if (closed && used > 0) {
            throw new IOException("the stream is closed");
        }
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
