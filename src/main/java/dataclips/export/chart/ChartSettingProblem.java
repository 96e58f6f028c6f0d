package dataclips.export.chart;

/**
 * A chart setting that cannot be used (bad JSON, an unknown type, a size out of bounds); the message is
 * written for the clip's owner and says what is allowed, so the web layer can show it as it is.
 */
public class ChartSettingProblem extends RuntimeException {
    public ChartSettingProblem(String message) {
        super(message);
    }
}
