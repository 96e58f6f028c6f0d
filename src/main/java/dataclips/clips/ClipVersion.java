package dataclips.clips;

import java.time.OffsetDateTime;

/** One SQL a clip had, who wrote it and when. */
public record ClipVersion(int version, String sql, String author, OffsetDateTime createdAt) {}
