package dataclips.clips;

import dataclips.parameters.Parameter;
import dataclips.export.chart.ChartSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A saved query on a source, at its current version. followsSchedule: its URLs serve the newest snapshot its
 * schedule took (once there is one) instead of "now". linkExpiresAt: when its link stops opening for anonymous
 * viewers (null: never); linkOpenedAt: the newest anonymous request to its page or downloads (null: none yet).
 * parameters: what its current version declares; chart: the chart setting of its current version; queryVersion:
 * the newest version whose SQL or parameters changed (results are stored under it, so a chart-only version keeps
 * them fresh). The values a request asks it with travel beside it, in an {@link AskedClip}.
 */
public record Clip(long id, String slug, String title, String description, long sourceId, String sourceName,
                   long ownerId, String ownerEmail, Access access, int maxAgeSeconds, int version, String sql,
                   OffsetDateTime createdAt, OffsetDateTime updatedAt, Long pinnedResultId, boolean followsSchedule,
                   OffsetDateTime linkExpiresAt, OffsetDateTime linkOpenedAt, List<Parameter> parameters,
                   ChartSpec chart, int queryVersion) {

    /** The snapshot the clip's URLs serve instead of "now", if it is pinned. */
    public Optional<Long> pinned() {
        return Optional.ofNullable(pinnedResultId);
    }

    public String path() {
        return "/clips/" + slug;
    }

    public boolean linkExpired(Instant now) {
        return linkExpiresAt != null && !linkExpiresAt.toInstant().isAfter(now);
    }
}
