package dataclips.export.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers read from PostgreSQL's text and written for people: thousands separators, a point for decimals,
 * whatever the server's locale (an image is served byte-identical to everyone, forever).
 */
final class Numbers {
    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.US);
    /** Beyond this length a figure is shown in scientific form: it would not fit a picture otherwise. */
    private static final int LONGEST_FIGURE = 24;

    private Numbers() {}

    /** The value as a finite double; NaN for NULL, NaN, ±Infinity or text that is not a number. */
    static double read(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** "1,234.5", "0.000123", "1.5E20": grouping for ordinary sizes, scientific for the extreme ones. */
    static String format(double value) {
        double size = Math.abs(value);
        if (size != 0 && (size >= 1e15 || size < 1e-6)) {
            return new DecimalFormat("0.######E0", SYMBOLS).format(value);
        }
        return new DecimalFormat("#,##0.######", SYMBOLS).format(value);
    }

    /** A count with thousands separators: "1,000,000". */
    static String count(long count) {
        return new DecimalFormat("#,##0", SYMBOLS).format(count);
    }

    /**
     * PostgreSQL's text of one number as a headline figure: thousands separators added, the decimals kept
     * as PostgreSQL gave them ("1234.50" is "1,234.50"); too long, scientific with 10 digits; not a plain
     * decimal (NaN, Infinity, "1e+20"), as it is.
     */
    static String figure(String text) {
        if (text == null) {
            return "NULL";
        }
        if (!text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return Labels.clean(text, LONGEST_FIGURE);
        }
        int point = text.indexOf('.');
        String whole = point < 0 ? text : text.substring(0, point);
        String grouped = new DecimalFormat("#,##0", SYMBOLS).format(new BigDecimal(whole)) + (point < 0 ? "" : text.substring(point));
        if (grouped.length() <= LONGEST_FIGURE) {
            return grouped;
        }
        BigDecimal rounded = new BigDecimal(text).round(new MathContext(10));
        return new DecimalFormat("0.#########E0", SYMBOLS).format(rounded);
    }
}
