package dataclips.schedules;

import java.time.OffsetDateTime;

/** A clip's schedule as stored, and whether the clip's URLs follow it (serve its newest snapshot). */
public record ClipSchedule(long clipId, SnapshotSchedule schedule, boolean follow, OffsetDateTime updatedAt) {}
