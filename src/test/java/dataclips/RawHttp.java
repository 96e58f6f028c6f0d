package dataclips;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 on a plain socket, to see what java.net.http hides (chunk framing and trailers) and to send what it
 * refuses to (a Host header of the caller's choice).
 */
public final class RawHttp {
    private RawHttp() {}

    /** The whole response as sent, framing included (the server closes after it). */
    public static String get(TestApp app, String path) throws IOException {
        try (Socket socket = open(app, path)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Reads about this many bytes of the response, then closes the socket, as a killed curl would; the app notices
     * later (the caller waits for what it does then, e.g. the run logged as cancelled).
     */
    public static void readThenHangUp(TestApp app, String path, int bytes) throws IOException {
        try (Socket socket = open(app, path)) {
            InputStream in = socket.getInputStream();
            in.readNBytes(bytes);
        }
    }

    /** Sends the request and answers the open socket, unread: closing it is a viewer leaving. */
    public static Socket open(TestApp app, String path) throws IOException {
        URI base = URI.create(app.base());
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nTE: trailers\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** One request with these headers (Host among them, if given) and body; the whole response as sent. */
    public static String exchange(TestApp app, String method, String path, java.util.Map<String, String> headers,
                                  String body) throws IOException {
        try (Socket socket = open(app, method, path, headers, body)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Sends the request and gives up on it after this many milliseconds, unread, as an impatient client does. */
    public static void sendThenHangUp(TestApp app, String method, String path, java.util.Map<String, String> headers,
                                      String body, long millis) throws IOException {
        try (Socket socket = open(app, method, path, headers, body)) {
            TestDatabase.sleep(millis);
        }
    }

    /** Sends the request and answers the open socket, unread: closing it is the client leaving. */
    public static Socket open(TestApp app, String method, String path, java.util.Map<String, String> headers,
                              String body) throws IOException {
        URI base = URI.create(app.base());
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(java.util.Map.of("Host", "localhost"));
        all.putAll(headers);
        all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(content);
        return socket;
    }
}
