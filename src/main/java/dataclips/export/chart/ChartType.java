package dataclips.export.chart;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of chart a clip can show. AUTO picks one from the result's column kinds (see {@link ChartPlan});
 * NONE is the owner turning the chart off. The wire form is what settings, URLs and JSON spell.
 */
public enum ChartType {
    AUTO("auto", "an automatic chart"),
    LINE("line", "a line chart"),
    AREA("area", "an area chart"),
    BAR("bar", "a bar chart"),
    STACKED_BAR("stacked_bar", "a stacked bar chart"),
    SCATTER("scatter", "a scatter chart"),
    PIE("pie", "a pie chart"),
    NUMBER("number", "a number chart"),
    NONE("none", "no chart");

    private final String wire;
    private final String noun;

    ChartType(String wire, String noun) {
        this.wire = wire;
        this.noun = noun;
    }

    public String wire() {
        return wire;
    }

    /** The type with an indefinite article, for messages: "a line chart's y columns must be numbers". */
    String noun() {
        return noun;
    }

    /** The type a wire name spells, ignoring case and surrounding spaces; empty for anything else. */
    public static Optional<ChartType> parse(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        String wanted = wire.trim().toLowerCase(Locale.ROOT);
        for (ChartType type : values()) {
            if (type.wire.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** "auto, line, …, none": the allowed names, for the message that rejects an unknown one. */
    static String wireNames() {
        StringBuilder names = new StringBuilder();
        for (ChartType type : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(type.wire);
        }
        return names.toString();
    }
}
