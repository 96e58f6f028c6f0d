package dataclips.embedded;

import dataclips.PrivateFiles;
import dataclips.StartupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The embedded default: a PostgreSQL primary (metadata + sample database) and a streaming-replication
 * follower, both under DATACLIPS_HOME/postgres and reused on every later start.
 */
public final class EmbeddedCluster implements AutoCloseable {
    public static final String READER_ROLE = "dataclips_reader";
    public static final String METADATA_DATABASE = "dataclips";
    public static final String SAMPLE_DATABASE = SampleDatabase.NAME;
    private static final String SLOT = "dataclips_follower";
    // zonky starts PostgreSQL for throwaway test databases, with fsync and synchronous_commit off: here the data
    // directory holds the users' clips, accounts and snapshots, so a power cut must not corrupt or lose them.
    // (The app turns synchronous_commit off itself where it is safe: result chunks, flushed by their "complete".)
    private static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on");
    private static final Map<String, String> PRIMARY_CONFIG = withDurable(Map.of(
            "listen_addresses", "localhost", "wal_level", "replica", "max_wal_senders", "10",
            "wal_keep_size", "256MB"));
    // Feedback keeps the primary's vacuum from cancelling long clips on the follower; the cost is the primary's:
    // while a clip runs, vacuum keeps the dead rows of every database here (README, "Followers and long clips").
    private static final Map<String, String> FOLLOWER_CONFIG = withDurable(Map.of(
            "listen_addresses", "localhost", "hot_standby", "on", "hot_standby_feedback", "on"));

    private final Path dir;
    private final HomeLock lock;
    private final EmbeddedState state;
    private final PgNode primary;
    private final PgNode follower;
    private final boolean created;
    private final List<PgNode> extraFollowers = new ArrayList<>();

    private EmbeddedCluster(Path dir, HomeLock lock, EmbeddedState state, PgNode primary, PgNode follower, boolean created) {
        this.dir = dir;
        this.lock = lock;
        this.state = state;
        this.primary = primary;
        this.follower = follower;
        this.created = created;
    }

    /** Starts both servers, creating them first when DATACLIPS_HOME holds none (or only a half-made one). */
    public static EmbeddedCluster open(Path home, double sampleScale) {
        HomeLock lock = HomeLock.acquire(home);
        try {
            return start(home, lock, sampleScale);
        } catch (RuntimeException | SQLException e) {
            lock.close();
            if (e instanceof StartupException se) {
                throw se;
            }
            throw new StartupException("the embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static EmbeddedCluster start(Path home, HomeLock lock, double scale) throws SQLException {
        Path dir = home.resolve("postgres");
        EmbeddedState state = EmbeddedState.load(home);
        Path primaryReady = dir.resolve("primary.ready");
        boolean create = !Files.exists(primaryReady);
        if (create) {
            // an earlier first start was interrupted: start over rather than trust what it left
            PgNode.stopOrphanedPostmaster(dir.resolve("primary"));
            PgNode.stopOrphanedPostmaster(dir.resolve("follower"));
            deleteTree(dir);
        }
        PrivateFiles.ownerOnlyDirectory(dir);
        closeBinaries(home);
        PgNode primary = node(dir.resolve("primary"), dir, state.port("primary"), state, PRIMARY_CONFIG);
        state.save();
        primary.start();
        try {
            if (create) {
                PrimarySetup.initialize(primary, state, scale, SLOT);
                touch(primaryReady);
            }
            PrimarySetup.harden(primary);
            PgNode follower = startFollower(dir, primary, state);
            return new EmbeddedCluster(dir, lock, state, primary, follower, create);
        } catch (RuntimeException | SQLException e) {
            primary.stop();
            throw e;
        }
    }

    private static PgNode startFollower(Path dir, PgNode primary, EmbeddedState state) {
        Path followerDir = dir.resolve("follower");
        Path followerReady = dir.resolve("follower.ready");
        if (!Files.exists(followerReady)) {
            deleteTree(followerDir);
            FollowerMaker.create(primary, followerDir);
            touch(followerReady);
        }
        FollowerMaker.connectTo(followerDir, primary.port(), state.password("replicator"), SLOT);
        PgNode follower = node(followerDir, dir, state.port("follower"), state, FOLLOWER_CONFIG);
        state.save();
        return follower.start();
    }

    /** Another follower of the same primary (tests use it for failover and health checks). */
    public PgNode addFollower(String name) {
        return addFollower(name, Map.of());
    }

    /** Another follower, its settings (e.g. hot_standby_feedback off) over the embedded follower's own. */
    public synchronized PgNode addFollower(String name, Map<String, String> settings) {
        Path target = dir.resolve("follower-" + name);
        deleteTree(target);
        FollowerMaker.create(primary, target);
        FollowerMaker.connectTo(target, primary.port(), state.password("replicator"), null);
        Map<String, String> config = new java.util.HashMap<>(FOLLOWER_CONFIG);
        config.putAll(settings);
        PgNode node = node(target, dir, state.port("follower-" + name), state, Map.copyOf(config));
        state.save();
        extraFollowers.add(node);
        return node.start();
    }

    /** True when this start created the servers (first start), false when it reused them. */
    public boolean created() {
        return created;
    }

    public PgNode primary() {
        return primary;
    }

    public PgNode follower() {
        return follower;
    }

    public String metadataJdbcUrl() {
        return primary.jdbcUrl(METADATA_DATABASE);
    }

    public String metadataUser() {
        return PrimarySetup.APP_ROLE;
    }

    public String metadataPassword() {
        return state.password(PrimarySetup.APP_ROLE);
    }

    /** A postgres:// URL for the sample database on the given node, as the read-only role. */
    public String readerUrl(PgNode node) {
        return "postgres://" + READER_ROLE + ":" + state.password(READER_ROLE) + "@localhost:" + node.port()
                + "/" + SAMPLE_DATABASE;
    }

    /** Superuser connection to the primary, for set-up and for tests that need to write. */
    public Connection superuserConnection(String database) throws SQLException {
        return primary.superuserConnection(database);
    }

    @Override
    public synchronized void close() {
        try {
            extraFollowers.forEach(PgNode::stop);
            follower.stop();
            primary.stop();
        } finally {
            lock.close();
        }
    }

    private static PgNode node(Path dataDir, Path dir, int port, EmbeddedState state, Map<String, String> config) {
        // Binaries live beside the data, not under it, so starting over keeps the unpacked PostgreSQL.
        return new PgNode(dataDir, binaries(dir.getParent()), port, state.password("postgres"), config);
    }

    /**
     * zonky's working directory, where it unpacks PostgreSQL: it makes that directory world-writable (it expects a
     * shared /tmp), so it sits inside one only the app's user may enter, and another local user can never reach,
     * let alone swap, the binaries the app runs.
     */
    private static Path binaries(Path home) {
        return home.resolve("postgres-binaries").resolve("unpacked");
    }

    /** Makes postgres-binaries private before anything is unpacked, and drops binaries unpacked where earlier
     *  versions of the app put them (directly in it, open to others). */
    private static void closeBinaries(Path home) {
        Path outer = binaries(home).getParent();
        PrivateFiles.ownerOnlyDirectory(outer);
        try (Stream<Path> old = Files.list(outer)) {
            old.filter(p -> p.getFileName().toString().startsWith("PG-")).forEach(EmbeddedCluster::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void execute(PgNode node, String database, String... statements) throws SQLException {
        try (Connection c = node.superuserConnection(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "ok\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and everything under it (absent is fine). */
    private static Map<String, String> withDurable(Map<String, String> config) {
        Map<String, String> all = new java.util.HashMap<>(config);
        all.putAll(DURABLE);
        return Map.copyOf(all);
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + root + ": " + e.getMessage(), e);
        }
    }
}
