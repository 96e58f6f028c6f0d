package dataclips;

import dataclips.embedded.EmbeddedCluster;
import dataclips.embedded.PgNode;
import java.nio.file.Path;
import java.util.Map;

/** The one embedded primary + follower pair of a test run, started on first use and stopped at JVM exit. */
public final class TestCluster {
    public static final Path HOME = Path.of("target/test-home").toAbsolutePath();
    private static EmbeddedCluster cluster;

    private TestCluster() {}

    public static synchronized EmbeddedCluster get() {
        if (cluster == null) {
            EmbeddedCluster.deleteTree(HOME);
            cluster = EmbeddedCluster.open(HOME, 0.1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> current().close()));
        }
        return cluster;
    }

    /**
     * One more follower of the shared primary, with its own settings over the embedded follower's, e.g.
     * {@code Map.of("max_standby_streaming_delay", "0", "hot_standby_feedback", "off")}; the caller stops it.
     */
    public static PgNode addFollower(String name, Map<String, String> settings) {
        return get().addFollower(name, settings);
    }

    /** Stops both servers and starts them again on the same directory, as a later app start would. */
    public static synchronized EmbeddedCluster restart() {
        get().close();
        cluster = EmbeddedCluster.open(HOME, 0.1);
        return cluster;
    }

    private static synchronized EmbeddedCluster current() {
        return cluster;
    }
}
