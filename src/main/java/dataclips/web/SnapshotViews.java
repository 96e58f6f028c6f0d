package dataclips.web;

import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.FixedValues;
import dataclips.results.StoredResult;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the API and pages show of a stored snapshot. */
final class SnapshotViews {
    private SnapshotViews() {}

    record SnapshotView(long id, String url, OffsetDateTime capturedAt, long rowCount, String label, String kind,
                        int clipVersion, OffsetDateTime asOf, boolean truncated, long byteSize, long durationMs,
                        String madeBy, String checksum, boolean pinned, Map<String, String> parameters) {}

    static SnapshotView of(Clip clip, StoredResult s, Context ctx) {
        return new SnapshotView(s.id(), ClipViews.base(ctx) + path(clip, s), s.startedAt(), s.rowCount(), s.label(),
                s.kind().wire(), s.clipVersion(), s.asOf(), s.truncated(), s.byteSize(), s.durationMs(), s.madeBy(),
                s.checksum(), clip.pinned().filter(p -> p == s.id()).isPresent(), s.parameters());
    }

    /** The snapshots this viewer may see: a link holder none taken with values fixed otherwise for them. */
    static List<StoredResult> shown(Clip clip, List<StoredResult> snapshots, Optional<User> viewer) {
        return snapshots.stream().filter(s -> FixedValues.shownTo(viewer, clip, s.parameters(), s.startedAt())).toList();
    }

    static String path(Clip clip, StoredResult s) {
        return clip.path() + "/snapshots/" + s.id();
    }
}
