package dataclips.export;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a writer knows before the first row: the clip's title, how fresh the data is (null: unknown) and the
 * parameter values it ran with (name to canonical text, sorted; empty for a clip without parameters).
 */
public record ResultInfo(String title, OffsetDateTime asOf, SortedMap<String, String> parameters) {
    public ResultInfo {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    public ResultInfo(String title, OffsetDateTime asOf) {
        this(title, asOf, new TreeMap<>());
    }
}
