package dataclips.embedded;

import dataclips.sources.PostgresUrl;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Registers the sample database as the source "employees" once, through the same checks as any other
 * source, and keeps it pointing at the embedded servers if they come up on other ports. An admin who
 * deletes it does not see it come back.
 */
public final class SampleSource {
    public static final String NAME = "employees";

    private SampleSource() {}

    public static void ensure(Sources sources, EmbeddedCluster cluster) {
        PostgresUrl follower = PostgresUrl.parse(cluster.readerUrl(cluster.follower()));
        PostgresUrl primary = PostgresUrl.parse(cluster.readerUrl(cluster.primary()));
        Path marker = cluster.primary().dataDir().resolveSibling("sample-registered");
        Optional<Source> existing = sources.find(NAME);
        if (Files.exists(marker)) {
            existing.ifPresent(s -> sources.repoint(s, follower, Optional.of(primary)));
            return;
        }
        if (existing.isEmpty()) {
            sources.register(new Sources.Registration(NAME, List.of(follower.toUrlString()),
                    Optional.of(primary.toUrlString())), null);
        }
        try {
            Files.writeString(marker, "ok\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
