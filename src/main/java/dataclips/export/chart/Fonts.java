package dataclips.export.chart;

import java.awt.Font;
import java.awt.GraphicsEnvironment;

/**
 * The fonts charts are drawn with, and the check that the JVM has any. The check runs once per JVM (asking
 * AWT for its fonts is slow the first time) and its answer never changes, so it is kept in a holder class.
 */
final class Fonts {
    /** A logical family: every JDK maps it to a real font, and SVG readers get the generic "sans-serif". */
    private static final String FAMILY = Font.SANS_SERIF;

    static {
        // A server has no display; AWT must not look for one. An explicit setting is respected.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // JFreeChart draws rotated text (the y axis label) as glyph outlines unless told not to; as SVG text it
        // stays text: readable by tests, search and screen readers. The workaround was for JDKs long gone.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Fonts() {}

    /** Throws {@link ChartFontsMissing} when text cannot be drawn. */
    static void require() {
        if (Check.PROBLEM != null) {
            throw new ChartFontsMissing(Check.PROBLEM);
        }
    }

    static Font plain(float size) {
        return new Font(FAMILY, Font.PLAIN, 1).deriveFont(size);
    }

    static Font bold(float size) {
        return new Font(FAMILY, Font.BOLD, 1).deriveFont(size);
    }

    /** Loaded on the first {@link #require}, after the static block above has made AWT headless. */
    private static final class Check {
        static final Throwable PROBLEM = problem();

        private static Throwable problem() {
            try {
                String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
                return families.length == 0 ? new IllegalStateException("AWT lists no font families") : null;
            } catch (RuntimeException | LinkageError | InternalError e) {
                // What AWT throws without fontconfig: "Fontconfig head is null", UnsatisfiedLinkError, an NPE.
                return e;
            }
        }
    }
}
