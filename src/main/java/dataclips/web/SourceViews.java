package dataclips.web;

import dataclips.access.Level;
import dataclips.sources.FollowerHealth;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import dataclips.sources.StandbySettings;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API and pages show of a source: addresses and health, never a user name or password. Each follower's
 * hot-standby settings are named after PostgreSQL's (max_standby_streaming_delay in milliseconds, -1 for ever);
 * recovery_conflicts is PostgreSQL's count for the source's database, run_conflicts_last_day the conflicts runs met
 * there in the last 24 hours (from the run log); warnings say what long clips meet on the followers.
 */
final class SourceViews {
    record FollowerView(int position, String host, int port, String database, boolean healthy, Boolean inRecovery,
                        Long lagBytes, Double lagSeconds, String behindBy, OffsetDateTime checkedAt,
                        OffsetDateTime lastSeenAt, String error, Boolean hotStandbyFeedback,
                        Long maxStandbyStreamingDelay, Long recoveryConflicts, int runConflictsLastDay,
                        String standbyText) {}

    record PrimaryView(String host, int port, String database) {}

    /** level: what the caller may do on it ("query", "view"; admins "query"). */
    record SourceView(String name, List<FollowerView> followers, PrimaryView primary, int statementTimeoutSeconds,
                      int maxLagSeconds, OffsetDateTime createdAt, List<String> warnings, String level) {}

    private SourceViews() {}

    /** runConflicts: recovery conflicts of the last 24 hours by follower id (RunLog.conflictsPerFollower). */
    static SourceView of(Source source, Sources sources, Level level, Map<Long, Integer> runConflicts) {
        List<FollowerView> followers = source.followers().stream()
                .map(f -> follower(f, sources.health(f), runConflicts.getOrDefault(f.id(), 0))).toList();
        PrimaryView primary = source.primary().map(p -> new PrimaryView(p.host(), p.port(), p.database())).orElse(null);
        return new SourceView(source.name(), followers, primary, source.statementTimeoutSeconds(),
                source.maxLagSeconds(), source.createdAt(), sources.standbyWarnings(source), level.wire());
    }

    private static FollowerView follower(Source.Follower f, FollowerHealth h, int runConflicts) {
        Optional<StandbySettings> standby = Optional.ofNullable(h.standby());
        return new FollowerView(f.position(), f.url().host(), f.url().port(), f.url().database(), h.healthy(),
                h.inRecovery(), h.lagBytes(), h.lagSeconds(), h.behindBy(), h.checkedAt(), h.lastSeenAt(), h.error(),
                standby.map(StandbySettings::hotStandbyFeedback).orElse(null),
                standby.map(StandbySettings::maxStandbyStreamingDelayMs).orElse(null),
                standby.map(StandbySettings::recoveryConflicts).orElse(null), runConflicts,
                standby.map(StandbySettings::text).orElse("not read yet"));
    }
}
