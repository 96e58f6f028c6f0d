package dataclips.export;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import dataclips.embedded.EmbeddedCluster;
import dataclips.sources.SecretBox;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `java [options] -cp <test classpath> dataclips.App` in its own JVM, as a second instance in production runs:
 * DATABASE_URL is the tests' metadata database and DATACLIPS_SECRET_KEY the in-JVM apps' key, so it serves the
 * same clips and decrypts the same `employees` source. Its output goes to files under its own DATACLIPS_HOME.
 */
public final class ChildApp implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Dataclips is ready at (http://localhost:\\d+)/");
    private final Process process;
    private final Path home;
    private final String base;

    private ChildApp(Process process, Path home, String base) {
        this.process = process;
        this.home = home;
        this.base = base;
    }

    public static ChildApp start(String... jvmOptions) throws Exception {
        return start(java.util.Map.of(), jvmOptions);
    }

    /** With these environment variables over the ones above (the delivery settings, an admin, …). */
    public static ChildApp start(java.util.Map<String, String> env, String... jvmOptions) throws Exception {
        Path home = Files.createTempDirectory("dataclips-child");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dataclips.App"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(home.resolve("stdout.txt").toFile())
                .redirectError(home.resolve("stderr.txt").toFile());
        builder.environment().clear();
        builder.environment().put("DATABASE_URL", metadataUrl(TestCluster.get()));
        builder.environment().put("DATACLIPS_SECRET_KEY", Base64.getEncoder().encodeToString(SecretBox.keyFromHome(TestCluster.HOME)));
        builder.environment().put("PORT", "0");
        builder.environment().put("DATACLIPS_HOME", home.toString());
        builder.environment().put("DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIP", "0"); // as TestApp: tests are one client
        builder.environment().put("DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIENT", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            return new ChildApp(process, home, awaitReady(process, home));
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The welcome line on stdout says it serves, and where (it picked its own port). */
    private static String awaitReady(Process process, Path home) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher ready = READY.matcher(Files.readString(home.resolve("stdout.txt")));
            if (ready.find()) {
                return ready.group(1);
            }
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                fail("the child app exited with " + process.exitValue() + ": " + Files.readString(home.resolve("stderr.txt")));
            }
        }
        throw new AssertionError("the child app did not get ready within 120 s");
    }

    private static String metadataUrl(EmbeddedCluster cluster) {
        return "postgres://" + URLEncoder.encode(cluster.metadataUser(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(cluster.metadataPassword(), StandardCharsets.UTF_8) + "@localhost:"
                + cluster.primary().port() + "/" + EmbeddedCluster.METADATA_DATABASE;
    }

    public String base() {
        return base;
    }

    /** A clip's newest run in the audit log, waited for until it is the given download's and has ended. */
    JsonNode newestRun(String slug, String via, String token) {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode run = null;
        while (System.currentTimeMillis() < deadline) {
            run = new Http(base).get("/api/v1/clips/" + slug + "/runs", Http.bearer(token)).json().get(0);
            if (run.get("via").asText().equals(via) && !run.get("duration_ms").isNull()) {
                break;
            }
            TestDatabase.sleep(200);
        }
        return run;
    }

    /** SIGKILL: no shutdown hook, no clean-up, as when the machine or the OOM killer stops the app. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderr() throws IOException {
        return Files.readString(home.resolve("stderr.txt"));
    }

    public String stderrTail() throws IOException {
        String all = stderr();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    /** SIGTERM first so its shutdown hook closes pools cleanly; killed if it does not go within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        EmbeddedCluster.deleteTree(home);
    }
}
