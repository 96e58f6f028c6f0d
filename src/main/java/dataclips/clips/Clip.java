package dataclips.clips;

import dataclips.accounts.User;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A saved query on a source, at its current version. followsSchedule: its URLs serve the newest snapshot its
 * schedule took (once there is one) instead of "now". linkExpiresAt: when its link stops opening for anonymous
 * viewers (null: never); linkOpenedAt: the newest anonymous request to its page or downloads (null: none yet).
 */
public record Clip(long id, String slug, String title, String description, long sourceId, String sourceName,
                   long ownerId, String ownerEmail, Access access, int maxAgeSeconds, int version, String sql,
                   OffsetDateTime createdAt, OffsetDateTime updatedAt, Long pinnedResultId, boolean followsSchedule,
                   OffsetDateTime linkExpiresAt, OffsetDateTime linkOpenedAt) {

    /** The snapshot the clip's URLs serve instead of "now", if it is pinned. */
    public Optional<Long> pinned() {
        return Optional.ofNullable(pinnedResultId);
    }

    public String path() {
        return "/clips/" + slug;
    }

    /** Link clips open for anyone with the URL until the link expires; private ones only for signed-in users. */
    public boolean visibleTo(Optional<User> viewer, Instant now) {
        return viewer.isPresent() || (access == Access.LINK && !linkExpired(now));
    }

    public boolean linkExpired(Instant now) {
        return linkExpiresAt != null && !linkExpiresAt.toInstant().isAfter(now);
    }

    /** Its owner and admins change a clip; everyone else may fork it. */
    public boolean editableBy(Optional<User> viewer) {
        return viewer.map(u -> u.isAdmin() || u.id() == ownerId).orElse(false);
    }
}
