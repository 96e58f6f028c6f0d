package dataclips.export.chart;

/**
 * The pixel size of a chart image. Bounded both ways: too small and nothing readable fits, too large and one
 * request costs the server a big bitmap (2400 x 2400 x 4 bytes is 23 MB).
 */
public record ImageSize(int width, int height) {
    public static final int MIN_WIDTH = 200;
    public static final int MAX_WIDTH = 2400;
    public static final int MIN_HEIGHT = 150;
    public static final int MAX_HEIGHT = 2400;
    public static final ImageSize DEFAULT = new ImageSize(800, 400);

    public ImageSize {
        check("width", width, MIN_WIDTH, MAX_WIDTH, Integer.toString(width));
        check("height", height, MIN_HEIGHT, MAX_HEIGHT, Integer.toString(height));
    }

    /** The size from request parameters; a side that is null or blank takes the default. */
    public static ImageSize parse(String width, String height) {
        return new ImageSize(side("width", width, DEFAULT.width, MIN_WIDTH, MAX_WIDTH),
                side("height", height, DEFAULT.height, MIN_HEIGHT, MAX_HEIGHT));
    }

    private static int side(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String digits = text.trim();
        // At most 5 digits: anything longer is out of bounds anyway and must not overflow an int.
        if (!digits.matches("[0-9]{1,5}")) {
            throw outOfBounds(name, min, max, text);
        }
        int value = Integer.parseInt(digits);
        check(name, value, min, max, text);
        return value;
    }

    private static void check(String name, int value, int min, int max, String given) {
        if (value < min || value > max) {
            throw outOfBounds(name, min, max, given);
        }
    }

    private static ChartSettingProblem outOfBounds(String name, int min, int max, String given) {
        String shown = Labels.clean(given, 40);
        return new ChartSettingProblem(name + " must be a whole number of pixels from " + min + " to " + max
                + "; got \"" + shown + "\"");
    }
}
