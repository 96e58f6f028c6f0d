package dataclips.results;

import dataclips.TestApp;
import dataclips.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 on a plain socket, to see what java.net.http hides: chunk framing and trailers. */
final class RawHttp {
    private RawHttp() {}

    /** The whole response as sent, framing included (the server closes after it). */
    static String get(TestApp app, String path) throws IOException {
        try (Socket socket = open(app, path)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Reads about this many bytes of the response, then closes the socket, as a killed curl would. */
    static void readThenHangUp(TestApp app, String path, int bytes) throws IOException {
        try (Socket socket = open(app, path)) {
            InputStream in = socket.getInputStream();
            in.readNBytes(bytes);
        }
        TestDatabase.sleep(1500); // the app notices the closed socket and cancels the run
    }

    /** Sends the request and answers the open socket, unread: closing it is a viewer leaving. */
    static Socket open(TestApp app, String path) throws IOException {
        URI base = URI.create(app.base());
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nTE: trailers\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }
}
