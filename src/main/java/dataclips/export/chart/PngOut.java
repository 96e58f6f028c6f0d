package dataclips.export.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jfree.chart.JFreeChart;

/**
 * A chart as a PNG. The stream is cached in memory rather than through ImageIO's global cache-file setting
 * (which would write temp files, and is state shared by the whole JVM); closing it leaves the response open.
 */
final class PngOut {
    private PngOut() {}

    static void write(JFreeChart chart, ImageSize size, OutputStream out) throws IOException {
        BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            chart.draw(g2, new Rectangle2D.Double(0, 0, size.width(), size.height()));
        } finally {
            g2.dispose();
        }
        ImageWriter png = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            png.setOutput(stream);
            png.write(image);
        } finally {
            png.dispose();
        }
        out.flush();
    }
}
