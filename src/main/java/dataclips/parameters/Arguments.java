package dataclips.parameters;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parameter values a clip is asked with (README, "Parameters"): name to typed value (String, Long,
 * BigDecimal, LocalDate, OffsetDateTime or Boolean), sorted by name. A parameter with no value is absent (its
 * optional blocks are dropped). Stored results are keyed by {@link #key()}, so each value set is its own result.
 */
public record Arguments(SortedMap<String, Object> values) {
    public Arguments {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** What results of these values are stored under: "" for none, else a SHA-256 of the normalised values. */
    public String key() {
        return ParameterValues.setKey(values);
    }

    /** Name to normalised text, as downloads' metadata, the snapshot page and the API show them. */
    public SortedMap<String, String> shown() {
        SortedMap<String, String> shown = new TreeMap<>();
        values.forEach((name, value) -> shown.put(name, ParameterValues.canonical(value)));
        return shown;
    }
}
