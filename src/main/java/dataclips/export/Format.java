package dataclips.export;

import dataclips.export.chart.ChartWriter;
import dataclips.export.chart.Drawing;
import dataclips.export.chart.ImageFormat;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats of a clip's URL (/clips/{slug}.csv …): media type, whether gzip helps, the writer. The tables carry
 * every row; SVG and PNG are the clip's chart drawn from them (README, "Charts").
 */
public enum Format {
    CSV("text/csv; charset=utf-8", true, true),
    JSON("application/json; charset=utf-8", true, true),
    XML("application/xml; charset=utf-8", true, false),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false, false),
    SVG("image/svg+xml", true, true),
    PNG("image/png", false, true);

    private final String contentType;
    private final boolean compressible;
    private final boolean inlineAllowed;

    Format(String contentType, boolean compressible, boolean inlineAllowed) {
        this.contentType = contentType;
        this.compressible = compressible;
        this.inlineAllowed = inlineAllowed;
    }

    public static Optional<Format> byExtension(String extension) {
        for (Format f : values()) {
            if (f.extension().equals(extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String contentType() {
        return contentType;
    }

    /** A chart image rather than a table: shown where it is linked (an img, a sheet's =IMAGE), never saved as a file. */
    public boolean isImage() {
        return this == SVG || this == PNG;
    }

    /** XLSX is a zip already and PNG compressed: gzip would cost time and save nothing. */
    public boolean compressible() {
        return compressible;
    }

    /** CSV and JSON may be shown in the browser (?inline=1), images always are; the others always download. */
    public boolean inlineAllowed() {
        return inlineAllowed;
    }

    /**
     * A writer for this format straight onto the response; bom asks CSV for a UTF-8 BOM (Excel), drawing is the
     * chart an image shows (tables ignore it).
     */
    public ResultWriter writer(OutputStream out, boolean bom, Drawing drawing) throws java.io.IOException {
        return switch (this) {
            case CSV -> new CsvWriter(out, bom);
            case JSON -> new JsonWriter(out);
            case XML -> new XmlWriter(out);
            case XLSX -> new XlsxWriter(out);
            case SVG -> new ChartWriter(out, ImageFormat.SVG, drawing.spec(), drawing.size());
            case PNG -> new ChartWriter(out, ImageFormat.PNG, drawing.spec(), drawing.size());
        };
    }

    /** A table's writer (no chart). */
    public ResultWriter writer(OutputStream out, boolean bom) throws java.io.IOException {
        return writer(out, bom, Drawing.AUTOMATIC);
    }
}
