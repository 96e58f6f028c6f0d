package dataclips.export;

import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

/** The download formats of a clip's URL (/clips/{slug}.csv …): media type, whether gzip helps, the writer. */
public enum Format {
    CSV("text/csv; charset=utf-8", true, true),
    JSON("application/json; charset=utf-8", true, true),
    XML("application/xml; charset=utf-8", true, false),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false, false);

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

    /** XLSX is a zip already: gzip would cost time and save nothing. */
    public boolean compressible() {
        return compressible;
    }

    /** CSV and JSON may be shown in the browser (?inline=1); the others always download. */
    public boolean inlineAllowed() {
        return inlineAllowed;
    }

    /** A writer for this format straight onto the response; bom asks CSV for a UTF-8 BOM (Excel). */
    public ResultWriter writer(OutputStream out, boolean bom) throws java.io.IOException {
        return switch (this) {
            case CSV -> new CsvWriter(out, bom);
            case JSON -> new JsonWriter(out);
            case XML -> new XmlWriter(out);
            case XLSX -> new XlsxWriter(out);
        };
    }
}
