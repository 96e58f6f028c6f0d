package dataclips.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Downloads read back by real parsers: commons-csv, Jackson, the JDK's DOM parser, POI; strict UTF-8 first. */
final class HostileData {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HostileData() {}

    record Download(int status, byte[] body, java.net.http.HttpHeaders headers) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        java.util.Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    static Download get(String base, String path) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.body(), r.headers());
    }

    /** What reader makes of a body it reads as it arrives, keeping none of it (the answer must be a 200). */
    static <T> T streamed(String base, String path, BodyReader<T> reader) throws Exception {
        HttpResponse<InputStream> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) {
                throw new AssertionError(path + ": " + r.statusCode() + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            return reader.read(body);
        }
    }

    interface BodyReader<T> {
        T read(InputStream body) throws Exception;
    }

    /** The SHA-256 of everything the stream holds, in hex. */
    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Each string of the JSON export's first row as its length and last character, read token by token. */
    static List<String> firstRowStrings(InputStream in) throws Exception {
        List<String> strings = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(in)) {
            parser.nextToken(); // { of the document
            while (parser.nextToken() == JsonToken.FIELD_NAME && !parser.currentName().equals("values")) {
                parser.nextToken();
                parser.skipChildren(); // title, fields
            }
            parser.nextToken(); // [ of the rows
            parser.nextToken(); // [ of the first row
            while (parser.nextToken() == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                strings.add(text.length() + " " + text.charAt(text.length() - 1));
            }
        }
        return strings;
    }

    /** The body as UTF-8, refusing any malformed sequence (a lone surrogate would be one). */
    static String strictUtf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }

    static List<CSVRecord> csv(byte[] body) throws Exception {
        Reader reader = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
        try (CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
            return parser.getRecords();
        }
    }

    static JsonNode json(byte[] body) throws Exception {
        strictUtf8(body);
        return JSON.readTree(body);
    }

    static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    static List<String> xmlColumnNames(Document xml) {
        List<String> names = new ArrayList<>();
        NodeList columns = xml.getElementsByTagName("column");
        for (int i = 0; i < columns.getLength(); i++) {
            names.add(((Element) columns.item(i)).getAttribute("name"));
        }
        return names;
    }

    /** The first row's values as the XML says them. */
    static List<String> xmlFirstRow(Document xml) {
        List<String> values = new ArrayList<>();
        NodeList vs = ((Element) xml.getElementsByTagName("row").item(0)).getElementsByTagName("v");
        for (int i = 0; i < vs.getLength(); i++) {
            values.add(vs.item(i).getTextContent());
        }
        return values;
    }

    static XSSFWorkbook xlsx(byte[] body) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(body));
    }
}
