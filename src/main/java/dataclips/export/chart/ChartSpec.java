package dataclips.export.chart;

import dataclips.export.Column;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The chart a clip's owner chose: the type, which columns go where, and optional title and axis labels.
 * Null or blank means "not set" (the chart decides); y is never null. The canonical JSON form is what is
 * stored, and its hash is part of cache keys and ETags, so equal settings always spell the same.
 */
public record ChartSpec(ChartType type, String x, List<String> y, String seriesBy, String title, String xLabel,
        String yLabel) {
    /** How long a title or axis label may be. */
    public static final int MAX_TEXT = 200;
    /** How many y columns one chart takes. */
    public static final int MAX_Y = 12;
    public static final ChartSpec AUTO = new ChartSpec(ChartType.AUTO, null, List.of(), null, null, null, null);

    public ChartSpec {
        if (type == null) {
            throw new ChartSettingProblem("the chart needs a type; the types are: " + ChartType.wireNames());
        }
        x = column("x", x);
        y = columns(y);
        seriesBy = column("series_by", seriesBy);
        title = text("title", title);
        xLabel = text("x_label", xLabel);
        yLabel = text("y_label", yLabel);
    }

    /** The setting stored as JSON; null or blank is {@link #AUTO}. */
    public static ChartSpec fromJson(String json) {
        return ChartSpecJson.read(json);
    }

    /** The canonical JSON: every key, always in the same order, so equal settings give equal text. */
    public String toJson() {
        return ChartSpecJson.write(this);
    }

    /**
     * The form clip versions and results keep: '' for AUTO (what every row from before charts holds, and what
     * {@link #fromJson} reads back as AUTO), else the canonical JSON.
     */
    public String stored() {
        return equals(AUTO) ? "" : toJson();
    }

    /** 12 lowercase hex digits of the SHA-256 of {@link #toJson()}: short enough for a cache key or ETag. */
    public String key() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Why this setting cannot chart a result with these columns (a column missing or of the wrong kind, as
     * when the SQL changed after the setting was saved); empty when it can. AUTO and NONE always can.
     */
    public Optional<String> problem(List<Column> columns) {
        return SpecCheck.problem(this, columns);
    }

    private static String unset(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String text(String name, String value) {
        String set = unset(value);
        if (set != null && set.codePointCount(0, set.length()) > MAX_TEXT) {
            throw new ChartSettingProblem("the chart's " + name + " is longer than " + MAX_TEXT + " characters");
        }
        return set;
    }

    /** A column name; longer than any a result can have (PostgreSQL's are at most 63 bytes) is refused. */
    private static String column(String name, String value) {
        String set = unset(value);
        if (set != null && set.length() > MAX_TEXT) {
            throw new ChartSettingProblem("the chart's " + name + " is longer than any column name can be ("
                    + MAX_TEXT + " characters); give the name of one of the result's columns");
        }
        return set;
    }

    private static List<String> columns(List<String> y) {
        if (y == null) {
            return List.of();
        }
        if (y.size() > MAX_Y) {
            throw new ChartSettingProblem("a chart takes at most " + MAX_Y + " y columns; the setting has " + y.size());
        }
        List<String> named = new ArrayList<>(y.size());
        for (String column : y) {
            if (column == null || column.isBlank()) {
                throw new ChartSettingProblem("the chart's y columns must be column names; one is empty");
            }
            named.add(column("y", column));
        }
        return List.copyOf(named);
    }
}
