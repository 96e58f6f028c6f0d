package dataclips.clips;

import dataclips.parameters.Parameter;
import dataclips.export.chart.ChartSpec;
import java.util.List;
import java.util.Optional;

/**
 * What an edit changes, named at the call site: {@code ClipChanges.none().sql(sql).parameters(declared)}. Whatever is
 * not named (or named with null, as a JSON body leaves out a field) is left as it is. A new SQL, new parameters or a
 * new chart setting make a new version ({@link Clips#edit}).
 */
public final class ClipChanges {
    private static final ClipChanges NONE = new ClipChanges(null, null, null, null, null, null, null);
    private final String title;
    private final String description;
    private final String source;
    private final String sql;
    private final Integer maxAgeSeconds;
    private final List<Parameter> parameters;
    private final ChartSpec chart;

    private ClipChanges(String title, String description, String source, String sql, Integer maxAgeSeconds,
                        List<Parameter> parameters, ChartSpec chart) {
        this.title = title;
        this.description = description;
        this.source = source;
        this.sql = sql;
        this.maxAgeSeconds = maxAgeSeconds;
        this.parameters = parameters;
        this.chart = chart;
    }

    /** Nothing changes yet: name each change on it. */
    public static ClipChanges none() {
        return NONE;
    }

    public ClipChanges title(String title) {
        return new ClipChanges(title, description, source, sql, maxAgeSeconds, parameters, chart);
    }

    public ClipChanges description(String description) {
        return new ClipChanges(title, description, source, sql, maxAgeSeconds, parameters, chart);
    }

    /** The database the clip runs on, by its registered name. */
    public ClipChanges source(String source) {
        return new ClipChanges(title, description, source, sql, maxAgeSeconds, parameters, chart);
    }

    public ClipChanges sql(String sql) {
        return new ClipChanges(title, description, source, sql, maxAgeSeconds, parameters, chart);
    }

    public ClipChanges maxAgeSeconds(Integer maxAgeSeconds) {
        return new ClipChanges(title, description, source, sql, maxAgeSeconds, parameters, chart);
    }

    public ClipChanges parameters(List<Parameter> parameters) {
        return new ClipChanges(title, description, source, sql, maxAgeSeconds, parameters, chart);
    }

    public ClipChanges chart(ChartSpec chart) {
        return new ClipChanges(title, description, source, sql, maxAgeSeconds, parameters, chart);
    }

    Optional<String> newTitle() {
        return Optional.ofNullable(title);
    }

    Optional<String> newDescription() {
        return Optional.ofNullable(description);
    }

    Optional<String> newSource() {
        return Optional.ofNullable(source);
    }

    Optional<String> newSql() {
        return Optional.ofNullable(sql);
    }

    Optional<Integer> newMaxAgeSeconds() {
        return Optional.ofNullable(maxAgeSeconds);
    }

    Optional<List<Parameter>> newParameters() {
        return Optional.ofNullable(parameters);
    }

    Optional<ChartSpec> newChart() {
        return Optional.ofNullable(chart);
    }
}
