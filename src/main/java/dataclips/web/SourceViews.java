package dataclips.web;

import dataclips.access.Level;
import dataclips.sources.FollowerHealth;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import java.time.OffsetDateTime;
import java.util.List;

/** What the API and pages show of a source: addresses and health, never a user name or password. */
final class SourceViews {
    record FollowerView(int position, String host, int port, String database, boolean healthy, Boolean inRecovery,
                        Long lagBytes, Double lagSeconds, String behindBy, OffsetDateTime checkedAt,
                        OffsetDateTime lastSeenAt, String error) {}

    record PrimaryView(String host, int port, String database) {}

    /** level: what the caller may do on it ("query", "view"; admins "query"). */
    record SourceView(String name, List<FollowerView> followers, PrimaryView primary, int statementTimeoutSeconds,
                      int maxLagSeconds, OffsetDateTime createdAt, String level) {}

    private SourceViews() {}

    static SourceView of(Source source, Sources sources, Level level) {
        List<FollowerView> followers = source.followers().stream().map(f -> follower(f, sources.health(f))).toList();
        PrimaryView primary = source.primary().map(p -> new PrimaryView(p.host(), p.port(), p.database())).orElse(null);
        return new SourceView(source.name(), followers, primary, source.statementTimeoutSeconds(),
                source.maxLagSeconds(), source.createdAt(), level.wire());
    }

    private static FollowerView follower(Source.Follower f, FollowerHealth h) {
        return new FollowerView(f.position(), f.url().host(), f.url().port(), f.url().database(), h.healthy(),
                h.inRecovery(), h.lagBytes(), h.lagSeconds(), h.behindBy(), h.checkedAt(), h.lastSeenAt(), h.error());
    }
}
