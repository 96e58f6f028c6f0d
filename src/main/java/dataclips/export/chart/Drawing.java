package dataclips.export.chart;

/**
 * What one chart image shows: the setting it is drawn with (the clip's, or the one a snapshot kept) and its
 * pixel size. Its {@link #tag} tells apart the bytes of different drawings of one result, for ETags and kept copies.
 */
public record Drawing(ChartSpec spec, ImageSize size) {
    public static final Drawing AUTOMATIC = new Drawing(ChartSpec.AUTO, ImageSize.DEFAULT);

    /** "800x400-1a2b3c4d5e6f": the size and the setting's key. */
    public String tag() {
        return size.width() + "x" + size.height() + "-" + spec.key();
    }

    public Drawing with(ChartSpec other) {
        return new Drawing(other, size);
    }
}
