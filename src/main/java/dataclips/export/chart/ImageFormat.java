package dataclips.export.chart;

/**
 * The picture a chart is written as: SVG (scalable, values on hover) or PNG (for e-mail, chat and =IMAGE). Media
 * types and URL extensions are export.Format's, which names these two among the download formats.
 */
public enum ImageFormat {
    SVG,
    PNG
}
