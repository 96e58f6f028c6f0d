package dataclips.embedded;

import dataclips.PrivateFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * What the embedded servers need across restarts: their ports and the generated role passwords.
 * Kept in a 0600 file under DATACLIPS_HOME; ports are reused while free so registered URLs stay valid.
 */
final class EmbeddedState {
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();

    private EmbeddedState(Path file) {
        this.file = file;
    }

    static EmbeddedState load(Path home) {
        EmbeddedState state = new EmbeddedState(home.resolve("embedded.properties"));
        if (Files.exists(state.file)) {
            try {
                state.values.load(new StringReader(PrivateFiles.read(state.file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return state;
    }

    /** The password of an embedded role, generated on first use. */
    String password(String role) {
        return values.computeIfAbsent("password." + role, k -> randomPassword()).toString();
    }

    /** The port a node last used if it is still free, else a new free port. */
    int port(String node) {
        String key = "port." + node;
        String stored = values.getProperty(key);
        if (stored != null && isFree(Integer.parseInt(stored))) {
            return Integer.parseInt(stored);
        }
        int port = freePort();
        values.setProperty(key, Integer.toString(port));
        return port;
    }

    void save() {
        StringWriter out = new StringWriter();
        try {
            values.store(out, "Dataclips embedded PostgreSQL: ports and generated role passwords. Keep private.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrivateFiles.write(file, out.toString());
    }

    private static String randomPassword() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
