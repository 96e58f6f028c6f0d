package dataclips.results;

import dataclips.export.Column;
import dataclips.export.chart.ChartSpec;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SortedMap;

/**
 * One complete stored result: what it holds and how it was made (the clip's query version, follower, freshness)
 * and the chart setting of the clip when it was made (a snapshot draws that one forever). number: a snapshot's
 * number among its clip's, for people (1 is its first); null for a live result.
 */
public record StoredResult(long id, long clipId, int clipVersion, ResultKind kind, String label, String title,
                           List<Column> columns, OffsetDateTime asOf, String follower, Double lagSeconds, String madeBy,
                           OffsetDateTime startedAt, OffsetDateTime completedAt, long durationMs, long rowCount,
                           boolean truncated, int chunkCount, long byteSize, String checksum,
                           SortedMap<String, String> parameters, ChartSpec chart, Integer number) {

    /** "Snapshot 3" ("Snapshot" alone for a result without a number). */
    public String name() {
        return number == null ? "Snapshot" : "Snapshot " + number;
    }
}
