package dataclips.export.chart;

/**
 * The JVM cannot draw text: it has no fonts (a slim JDK image without fontconfig). Thrown before anything is
 * written, so the web layer can answer with an error page instead of a broken image; the message says how the
 * server's operator fixes it.
 */
public final class ChartFontsMissing extends RuntimeException {
    ChartFontsMissing(Throwable cause) {
        super("charts need fonts, and this Java runtime has none; install them on the server (for example "
                + "`apt-get install fonts-dejavu-core fontconfig`) and restart", cause);
    }
}
