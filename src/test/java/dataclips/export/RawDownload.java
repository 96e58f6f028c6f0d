package dataclips.export;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One GET over a plain socket, its chunked body decoded by hand, so a test sees exactly how the body ended:
 * with the terminating zero-length chunk (a complete download), or with the connection closed or reset
 * without it (a broken one, as curl and pandas report it). The socket stays keep-alive, so the end of the
 * body is only ever said by that last chunk, never by the close.
 */
final class RawDownload implements AutoCloseable {
    enum End { COMPLETE, CLOSED_WITHOUT_LAST_CHUNK, RESET }

    private static final int TIMEOUT_MILLIS = 30_000;
    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, String> headers = new HashMap<>();
    private final int status;
    private long leftInChunk;
    private boolean firstChunk = true;
    private End end;

    private RawDownload(String base, String path) throws IOException {
        URI uri = URI.create(base);
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(TIMEOUT_MILLIS); // a download that neither ends nor breaks fails the test, never hangs it
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        in = new BufferedInputStream(socket.getInputStream());
        status = Integer.parseInt(line().split(" ")[1]);
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
    }

    static RawDownload get(String base, String path) throws IOException {
        return new RawDownload(base, path);
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    byte[] body() {
        return body.toByteArray();
    }

    /** Reads body bytes until at least n have come; fails if the body ends first. */
    void readAtLeast(long n) throws IOException {
        while (body.size() < n) {
            if (!readSome()) {
                throw new AssertionError("the body ended (" + end + ") after " + body.size() + " bytes, before " + n);
            }
        }
    }

    /** Reads until the body ends and says how. */
    End readToEnd() throws IOException {
        while (readSome()) {
            // keep reading
        }
        return end;
    }

    /** Reads one piece of the body; false once it has ended, with {@link #end} saying how. */
    private boolean readSome() throws IOException {
        try {
            if (leftInChunk == 0 && !nextChunk()) {
                return false;
            }
            byte[] buffer = new byte[(int) Math.min(leftInChunk, 64 * 1024)];
            int n = in.read(buffer);
            if (n < 0) {
                end = End.CLOSED_WITHOUT_LAST_CHUNK;
                return false;
            }
            body.write(buffer, 0, n);
            leftInChunk -= n;
            return true;
        } catch (SocketTimeoutException hung) {
            throw new AssertionError("the download neither ended nor broke within " + TIMEOUT_MILLIS + " ms", hung);
        } catch (IOException reset) {
            end = End.RESET;
            return false;
        }
    }

    /** Starts the next chunk; false at the last chunk (COMPLETE) or when the connection ends before it. */
    private boolean nextChunk() throws IOException {
        String size = firstChunk ? line() : afterCrlf(line());
        firstChunk = false;
        if (size == null) {
            end = End.CLOSED_WITHOUT_LAST_CHUNK;
            return false;
        }
        leftInChunk = Long.parseLong(size.split(";")[0].trim(), 16);
        if (leftInChunk == 0) {
            end = End.COMPLETE;
            return false;
        }
        return true;
    }

    /** The line after the CRLF that ends a chunk's data (null at the end of the stream). */
    private String afterCrlf(String crlf) throws IOException {
        if (crlf != null && !crlf.isEmpty()) {
            throw new AssertionError("a chunk's data was not followed by CRLF: " + crlf);
        }
        return crlf == null ? null : line();
    }

    /** One CRLF-terminated line, or null when the stream ends before its end. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            line.append((char) c);
        }
        return line.toString().stripTrailing();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
