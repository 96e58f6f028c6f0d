package dataclips.embedded;

import dataclips.PrivateFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One embedded PostgreSQL server (primary or follower) on a data directory that outlives the process. */
public final class PgNode implements AutoCloseable {
    private final Path dataDir;
    private final Path binaries;
    private final int port;
    private final String superuserPassword;
    private final Map<String, String> serverConfig;
    private volatile EmbeddedPostgres server;

    PgNode(Path dataDir, Path binaries, int port, String superuserPassword, Map<String, String> serverConfig) {
        this.dataDir = dataDir;
        this.binaries = binaries;
        this.port = port;
        this.superuserPassword = superuserPassword;
        this.serverConfig = serverConfig;
    }

    /** Starts the server; runs initdb first when the directory holds no cluster yet. */
    public synchronized PgNode start() {
        if (server != null) {
            return this;
        }
        stopOrphanedPostmaster(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(port)
                .setLocaleConfig("locale", "C")
                .setConnectConfig("password", superuserPassword)
                .setPGStartupWait(Duration.ofSeconds(120));
        serverConfig.forEach(builder::setServerConfig);
        try {
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL in " + dataDir + " did not start: " + e.getMessage(), e);
        }
        // zonky made its working directory world-writable (it expects a shared /tmp); its parent is closed to other
        // users already (EmbeddedCluster.binaries), and this closes the directory itself too.
        PrivateFiles.ownerOnlyDirectory(binaries);
        PrivateFiles.noWriteByOthers(binaries);
        return this;
    }

    /** Fast shutdown (sessions are disconnected, nothing is lost). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(dataDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of);
        try {
            server.close();
            // zonky waits 5 s at most; a big shutdown checkpoint can take longer, and nothing may outlive us.
            postmaster.ifPresent(p -> p.onExit().completeOnTimeout(p, 120, TimeUnit.SECONDS).join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    public boolean running() {
        return server != null;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public Connection superuserConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", superuserPassword);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * A previous instance killed with SIGKILL leaves its postmasters running. We hold the home lock, so any
     * postmaster still running on our data directory is such an orphan: stop it (SIGINT = fast shutdown).
     */
    static void stopOrphanedPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        try {
            new ProcessBuilder(List.of("kill", "-INT", Long.toString(orphan.get().pid()))).start().waitFor();
            orphan.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the orphaned PostgreSQL (pid "
                    + orphan.get().pid() + ") on " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
