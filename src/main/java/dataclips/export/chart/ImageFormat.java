package dataclips.export.chart;

import java.util.Locale;
import java.util.Optional;

/** The image formats a chart is drawn in: SVG (scalable, hover values) and PNG (for e-mail and chat). */
public enum ImageFormat {
    SVG("image/svg+xml", "svg"),
    PNG("image/png", "png");

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** The format a file extension names ("svg", "PNG"), without the dot; empty for any other. */
    public static Optional<ImageFormat> byExtension(String extension) {
        if (extension == null) {
            return Optional.empty();
        }
        String wanted = extension.toLowerCase(Locale.ROOT);
        for (ImageFormat format : values()) {
            if (format.extension.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
