package dataclips.export.chart;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A chart as an SVG document. Byte-identical for identical input: the defs prefix (a timestamp by default) is
 * fixed and coordinates are written with two decimals. The viewBox lets a page scale it to any width; the
 * width and height attributes give its natural size.
 */
final class SvgOut {
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private SvgOut() {}

    static void write(JFreeChart chart, ImageSize size, XScale x, OutputStream out) throws IOException {
        SVGGraphics2D g2 = new SVGGraphics2D(size.width(), size.height());
        g2.setDefsKeyPrefix("dataclips-");
        g2.setGeomDoubleConverter(SvgOut::twoDecimals);
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g2, new Rectangle2D.Double(0, 0, size.width(), size.height()), info);
        HoverTitles.draw(g2, info.getEntityCollection(), x);
        String svg = g2.getSVGElement(null, true, new ViewBox(0, 0, size.width(), size.height()), null, null);
        out.write((XML_DECLARATION + svg + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** "12.5", "-3", "1234.57": at most two decimals, no exponent, the same on every JVM. */
    static String twoDecimals(double value) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        long hundredths = Math.round(value * 100);
        long whole = Math.abs(hundredths) / 100;
        long fraction = Math.abs(hundredths) % 100;
        String sign = hundredths < 0 ? "-" : "";
        if (fraction == 0) {
            return sign + whole;
        }
        return sign + whole + "." + (fraction < 10 ? "0" + fraction : fraction % 10 == 0 ? fraction / 10 : fraction);
    }
}
