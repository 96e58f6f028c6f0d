package dataclips.clips;

import java.time.OffsetDateTime;
import java.util.List;

/** One SQL a clip had, with the parameters it declared, who wrote it and when. */
public record ClipVersion(int version, String sql, String author, OffsetDateTime createdAt, List<Parameter> parameters) {}
