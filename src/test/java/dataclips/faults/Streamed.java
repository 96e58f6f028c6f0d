package dataclips.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A download read as a stream: how it ended tells a whole body (the last chunk came) from an aborted one
 * (java.net.http throws when a chunked body breaks off). Reads are bounded in time: a hang fails the test.
 */
final class Streamed implements AutoCloseable {
    enum End { COMPLETE, ABORTED }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpResponse<InputStream> response;
    private long bytes;
    private long lines;
    private byte last;
    private final java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();

    private Streamed(HttpResponse<InputStream> response) {
        this.response = response;
    }

    static Streamed get(String url) throws IOException, InterruptedException {
        return new Streamed(CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Reads at least this many bytes (or to the end). */
    void read(long atLeast) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        InputStream in = response.body();
        while (bytes < atLeast) {
            int n = in.read(buffer);
            if (n < 0) {
                return;
            }
            count(buffer, n);
        }
    }

    /** Reads on to the end: COMPLETE when the body ended properly, ABORTED when the connection broke. */
    End readToEnd() {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = response.body();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                count(buffer, n);
            }
            return End.COMPLETE;
        } catch (IOException e) {
            return End.ABORTED;
        }
    }

    long bytes() {
        return bytes;
    }

    /** Lines received (CSV rows plus the header line). */
    long lines() {
        return lines;
    }

    /** The last few hundred bytes received. */
    String tail() {
        byte[] all = tail.toByteArray();
        return new String(all, Math.max(0, all.length - 300), Math.min(all.length, 300), java.nio.charset.StandardCharsets.UTF_8);
    }

    boolean endsWithNewline() {
        return last == '\n';
    }

    private void count(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
                lines++;
            }
        }
        bytes += n;
        if (tail.size() > 4096) {
            byte[] keep = java.util.Arrays.copyOfRange(tail.toByteArray(), tail.size() - 512, tail.size());
            tail.reset();
            tail.write(keep, 0, keep.length);
        }
        tail.write(buffer, Math.max(0, n - 512), Math.min(n, 512));
        if (n > 0) {
            last = buffer[n - 1];
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
