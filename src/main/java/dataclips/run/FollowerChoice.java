package dataclips.run;

import dataclips.UserError;
import dataclips.sources.FollowerHealth;
import dataclips.sources.MaxLag;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which followers a run may use, best first: healthy ones within the source's max lag (least behind first),
 * then healthy ones beyond it (freshest first: used only when no follower within the limit takes the run),
 * then ones not checked yet (the run itself verifies recovery before sending the clip). Unhealthy followers
 * are never used.
 */
final class FollowerChoice {
    private FollowerChoice() {}

    static List<Source.Follower> candidates(Sources sources, Source source) {
        List<Source.Follower> usable = source.followers().stream()
                .filter(f -> usable(sources.health(f)))
                .sorted(Comparator.comparingInt((Source.Follower f) -> rank(sources.health(f), source.maxLagSeconds()))
                        .thenComparing(f -> lagSecondsOf(sources.health(f)))
                        .thenComparing(f -> lagOf(sources.health(f))))
                .toList();
        if (usable.isEmpty()) {
            throw unavailable(sources, source);
        }
        return usable;
    }

    static UserError unavailable(Sources sources, Source source) {
        OffsetDateTime lastSeen = source.followers().stream().map(f -> sources.health(f).lastSeenAt())
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return new UserError(503, "database_unavailable", "the database " + source.name()
                + " is unavailable: none of its followers answers right now"
                + (lastSeen == null ? "" : " (last seen " + lastSeen.withNano(0) + ")")
                + "; try again in a minute, or ask an admin to check the Databases page");
    }

    /** 0: healthy and within the max lag; 1: healthy but lagging beyond it; 2: not checked yet. */
    private static int rank(FollowerHealth health, int maxLagSeconds) {
        if (!health.healthy()) {
            return 2;
        }
        return MaxLag.exceeded(health.lagSeconds(), maxLagSeconds) ? 1 : 0;
    }

    private static boolean usable(FollowerHealth health) {
        return health.healthy() || health.checkedAt() == null;
    }

    private static double lagSecondsOf(FollowerHealth health) {
        return health.lagSeconds() == null ? Double.MAX_VALUE : health.lagSeconds();
    }

    private static long lagOf(FollowerHealth health) {
        return health.lagBytes() == null ? Long.MAX_VALUE : health.lagBytes();
    }
}
