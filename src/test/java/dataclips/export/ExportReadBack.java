package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dataclips.TestApp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Downloads over real HTTP, read back with real parsers, and the same result as PostgreSQL returns it. */
final class ExportReadBack {
    /** Every digit as sent: floats as BigDecimal, and no trailing zeros stripped on the way into the tree. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ExportReadBack() {}

    record Download(int status, HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Content-Type without optional whitespace: Jetty sends its cached "application/json;charset=utf-8". */
        String mediaType() {
            return header("Content-Type").replace(" ", "").toLowerCase(Locale.ROOT);
        }

        /** The type, and the file name from the title: safe in ASCII, and exact in RFC 6266's filename*. */
        void assertFile(String mediaType, String title, String extension) {
            assertEquals(mediaType, mediaType());
            assertEquals("attachment; filename=\"" + title.replace(' ', '-') + "." + extension + "\"; filename*=UTF-8''"
                    + title.replace(" ", "%20") + "." + extension, header("Content-Disposition"));
        }
    }

    /** The raw bytes: java.net.http neither decompresses gzip nor hides a broken stream. */
    static Download get(TestApp app, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.base() + path)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<byte[]> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.headers(), r.body());
    }

    /** A result as PostgreSQL returned it on the follower: columns with their types, each value's text. */
    record Expected(List<Column> columns, List<String[]> rows) {
        List<String> names() {
            return columns.stream().map(Column::name).toList();
        }

        List<String> pgTypes() {
            return columns.stream().map(Column::pgType).toList();
        }
    }

    static Expected fromFollower(String sql) throws Exception {
        List<Column> columns = new ArrayList<>();
        ResultWriter capture = new ResultWriter() {
            public void begin(List<Column> cs, ResultInfo info) {
                columns.addAll(cs);
            }

            public boolean row(String[] values) {
                return true;
            }

            public void finish(boolean truncated) {}
        };
        List<String[]> rows = FollowerResults.feed(sql, "expected", capture);
        return new Expected(columns, rows);
    }

    static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON", e);
        }
    }

    static JsonNode json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.textValue()));
        return out;
    }

    /** The JDK's DOM parser, with DOCTYPEs refused: a download never needs one. */
    static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    static List<Element> elements(Document xml, String tag) {
        return elements(xml.getDocumentElement(), tag);
    }

    static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    static List<String> attributes(Document xml, String tag, String attribute) {
        return elements(xml, tag).stream().map(e -> e.getAttribute(attribute)).toList();
    }

    /** Each row's values as the XML says them: null for {@code null="true"}, else the element's exact text. */
    static List<List<String>> xmlRows(Document xml) {
        List<List<String>> rows = new ArrayList<>();
        for (Element row : elements(xml, "row")) {
            List<String> values = new ArrayList<>();
            for (Element v : elements(row, "v")) {
                values.add(!v.hasAttribute("null") ? v.getTextContent()
                        : v.getAttribute("null").equals("true") ? null : "null=\"" + v.getAttribute("null") + "\"?");
            }
            rows.add(values);
        }
        return rows;
    }

    static List<String> headerOf(Sheet sheet) {
        List<String> names = new ArrayList<>();
        for (Cell cell : sheet.getRow(0)) {
            names.add(cell.getStringCellValue());
        }
        return names;
    }
}
