package dataclips.clips;

import dataclips.parameters.Parameter;
import dataclips.export.chart.ChartSpec;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One version of a clip: its SQL, the parameters it declared and its chart setting, who wrote it and when.
 * queryVersion: the newest version at or before this one whose SQL or parameters changed (itself, unless only
 * the chart changed).
 */
public record ClipVersion(int version, String sql, String author, OffsetDateTime createdAt, List<Parameter> parameters,
                          ChartSpec chart, int queryVersion) {
    /** Whether this version changed only the chart of the one before. */
    public boolean chartOnly() {
        return queryVersion != version;
    }
}
