package dataclips.web;

import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.clips.Clip;
import dataclips.parameters.Parameters;
import dataclips.results.StoredResult;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the API and pages show of a stored snapshot. */
final class SnapshotViews {
    private SnapshotViews() {}

    /** number: the snapshot's number among its clip's, for people ("Snapshot 3"); the id is in its URL. */
    record SnapshotView(long id, Integer number, String url, OffsetDateTime capturedAt, long rowCount,
                        String label, String kind, int clipVersion, OffsetDateTime asOf, boolean truncated,
                        long byteSize, long durationMs, String madeBy, String checksum, boolean pinned,
                        Map<String, String> parameters) {}

    static SnapshotView of(Clip clip, StoredResult s, Context ctx) {
        return new SnapshotView(s.id(), s.number(), ClipViews.base(ctx) + path(clip, s), s.startedAt(),
                s.rowCount(), s.label(), s.kind().wire(), s.clipVersion(), s.asOf(), s.truncated(), s.byteSize(),
                s.durationMs(), s.madeBy(), s.checksum(), clip.pinned().filter(p -> p == s.id()).isPresent(),
                s.parameters());
    }

    /**
     * The snapshots this caller may see: one who may not see the clip's SQL (a link holder, a view member), for whom
     * fixed parameters hold their defaults, none taken with other values ({@link FixedValues}).
     */
    static List<StoredResult> shown(ClipRights rights, List<StoredResult> snapshots) {
        return snapshots.stream().filter(s -> shown(rights, s)).toList();
    }

    /** Whether this caller may see this snapshot (as above); one they may not is the 404 of an unknown one. */
    static boolean shown(ClipRights rights, StoredResult s) {
        return rights.may(ClipAction.SEE_SQL) || Parameters.shownToDefaultsOnly(rights.clip().parameters(), s.parameters(), s.startedAt());
    }

    static String path(Clip clip, StoredResult s) {
        return clip.path() + "/snapshots/" + s.id();
    }
}
