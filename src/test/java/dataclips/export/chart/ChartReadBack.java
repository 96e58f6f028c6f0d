package dataclips.export.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.export.FollowerResults;
import dataclips.export.ResultInfo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Charts of real query results, read back: SVG with a namespace-aware XML parser, PNG with ImageIO. */
public final class ChartReadBack {
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final ResultInfo PLAIN = new ResultInfo("Chart test", null);

    private ChartReadBack() {}

    /** The query charted once per writer, all fed from one run; the images' bytes in order. */
    static List<byte[]> chart(String sql, ResultInfo info, ImageFormat format, ChartSpec spec, ImageSize size,
            int copies) throws Exception {
        List<ByteArrayOutputStream> outs = new ArrayList<>();
        ChartWriter[] writers = new ChartWriter[copies];
        for (int i = 0; i < copies; i++) {
            outs.add(new ByteArrayOutputStream());
            writers[i] = new ChartWriter(outs.get(i), format, spec, size);
        }
        FollowerResults.stream(sql, info, writers);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            writers[i].finish(false);
            images.add(outs.get(i).toByteArray());
        }
        return images;
    }

    /** Why the query's result gets no chart (the writer then writes nothing), or empty when it drew one. */
    static java.util.Optional<String> missing(String sql, ChartSpec spec) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartWriter writer = new ChartWriter(out, ImageFormat.SVG, spec, ImageSize.DEFAULT);
        FollowerResults.stream(sql, PLAIN, writer);
        writer.finish(false);
        assertEquals(writer.missing().isPresent() ? 0 : out.size(), out.size(), "no bytes without a chart");
        return writer.missing();
    }

    static Svg svg(String sql, ChartSpec spec) throws Exception {
        return svg(chart(sql, PLAIN, ImageFormat.SVG, spec, ImageSize.DEFAULT, 1).get(0));
    }

    /** An SVG document read back; one that is not well-formed XML, or not an svg, fails the test. */
    public static Svg svg(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        assertEquals(SVG_NS, document.getDocumentElement().getNamespaceURI(), "an SVG document");
        assertEquals("svg", document.getDocumentElement().getLocalName());
        return new Svg(document, bytes.length);
    }

    /** The PNG decoded, checked for the requested size and for holding more than a background. */
    public static BufferedImage png(byte[] bytes, ImageSize size) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(size.width(), image.getWidth());
        assertEquals(size.height(), image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 3, "the image is not blank: " + colours.size() + " colours");
        return image;
    }

    public record Svg(Document document, int bytes) {
        public Element root() {
            return document.getDocumentElement();
        }

        /** Every hover text: the {@code <title>} elements JFreeSVG writes. */
        public List<String> hovers() {
            return texts("title");
        }

        /** Every drawn text: axis labels, tick labels, titles, the caption. */
        public List<String> texts() {
            return texts("text");
        }

        String allText() {
            return String.join("\n", texts());
        }

        long hoversContaining(String part) {
            return hovers().stream().filter(h -> h.contains(part)).count();
        }

        public int elements(String localName) {
            return document.getElementsByTagNameNS("*", localName).getLength();
        }

        /** Attributes named on… (event handlers) anywhere in the document, as name=value: there must be none. */
        public List<String> onAttributes() {
            List<String> found = new ArrayList<>();
            NodeList all = document.getElementsByTagNameNS("*", "*");
            for (int i = 0; i < all.getLength(); i++) {
                org.w3c.dom.NamedNodeMap attributes = all.item(i).getAttributes();
                for (int a = 0; a < attributes.getLength(); a++) {
                    String name = attributes.item(a).getNodeName();
                    if (name.toLowerCase(java.util.Locale.ROOT).startsWith("on")) {
                        found.add(name + "=" + attributes.item(a).getNodeValue());
                    }
                }
            }
            return found;
        }

        private List<String> texts(String localName) {
            NodeList nodes = document.getElementsByTagNameNS(SVG_NS, localName);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                texts.add(nodes.item(i).getTextContent());
            }
            return texts;
        }
    }
}
