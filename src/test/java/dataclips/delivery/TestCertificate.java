package dataclips.delivery;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate for localhost made by the JDK's own keytool for one test run: the TLS servers' key (as an SSLContext)
 * and a trust store holding it, which an app started in its own JVM is given, as an operator with a private CA would
 * (-Djavax.net.ssl.trustStore).
 */
final class TestCertificate {
    private static final String PASSWORD = "changeit";
    private final Path keyStore;
    private final Path trustStore;

    private TestCertificate(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    static TestCertificate make() throws Exception {
        Path dir = Files.createTempDirectory("dataclips-tls");
        Path keys = dir.resolve("server.p12");
        Path cert = dir.resolve("server.cer");
        Path trust = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keys.toString(), "-storetype",
                "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "localhost", "-keystore", keys.toString(), "-storepass", PASSWORD, "-file",
                cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "localhost", "-file", cert.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new TestCertificate(keys, trust);
    }

    /** The servers' side: the key and certificate for localhost. */
    SSLContext serverContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The JVM options that make a client trust it. */
    String[] trustOptions() {
        return new String[] {"-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"};
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + output);
        }
    }
}
