package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dataclips.Http;
import dataclips.TestApp;
import dataclips.TestClips;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A million rows in every format from an app held to -Xmx256m in its own JVM (ChildApp): each download is
 * read while it streams (no format is ever held whole, here or there), counted, its last row checked, and
 * the app must still be alive and free of OutOfMemoryError afterwards. Part of the normal `mvn verify` run.
 */
@Tag("large")
class LargeExportTest {
    private static final int ROWS = 1_000_000;
    private static final String SQL = "select g as id, md5(g::text) as name, g * 1.5 as amount, "
            + "timestamptz '2020-01-01' + g * interval '1 second' as at, g % 2 = 0 as flag, g % 1000 as bucket "
            + "from generate_series(1, " + ROWS + ") g";
    private static final List<String> HEADER = List.of("id", "name", "amount", "at", "flag", "bucket");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ChildApp child;
    private static String slug;
    private static String token;

    /** What a reader saw: how many data rows, the last one as text, and the format's own summary if it has one. */
    record Seen(long rows, List<String> lastRow, String summary) {}

    /** The last row as the format shows it; every format holds all the rows, none says it is truncated. */
    private static Seen allRowsEndingWith(String amount, String at, String flag, String summary) throws Exception {
        return new Seen(ROWS, List.of("1000000", md5("1000000"), amount, at, flag, "0"), summary);
    }

    @BeforeAll
    static void start() throws Exception {
        try (TestApp app = TestApp.start()) {
            token = app.adminToken();
            slug = TestClips.slug(app, token, "A million rows", SQL);
            // max age 0: every download is a live run of the clip, never a stored result of an earlier one
            Http.Response patched = app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0),
                    Http.bearer(token));
            assertEquals(200, patched.status(), patched.body());
        }
        child = ChildApp.start("-Xmx256m");
    }

    @AfterAll
    static void stop() {
        if (child != null) {
            child.close();
        }
    }

    @AfterEach
    void theAppSurvived() throws Exception {
        assertTrue(child.isAlive(), "the -Xmx256m app died: " + child.stderrTail());
        assertFalse(child.stderr().contains("OutOfMemoryError"), child.stderrTail());
        assertEquals(200, new Http(child.base()).get("/health").status());
        Runtime rt = Runtime.getRuntime();
        System.out.printf("  test JVM heap: %d MB used of %d MB max%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }

    @Test
    void csv() throws Exception {
        Seen seen = timed("csv", in -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            assertEquals(String.join(",", HEADER), lines.readLine());
            long count = 0;
            String last = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine(), count++) {
                last = line; // no value here holds a line break, so a line is a row
            }
            return new Seen(count, List.of(last.split(",", -1)), ""); // a cut file would end with a "# truncated" line
        });
        assertEquals(allRowsEndingWith("1500000.0", "2020-01-12 13:46:40+00", "t", ""), seen);
    }

    @Test
    void json() throws Exception {
        Seen seen = timed("json", in -> {
            List<String> last = List.of();
            StringBuilder summary = new StringBuilder();
            long count = 0;
            try (JsonParser json = new JsonFactory().createParser(in)) {
                while (json.nextToken() != null) {
                    if (json.currentToken() == JsonToken.FIELD_NAME && json.currentName().equals("values")) {
                        json.nextToken(); // [ of the rows
                        for (; json.nextToken() == JsonToken.START_ARRAY; count++) {
                            last = new ArrayList<>();
                            while (json.nextToken() != JsonToken.END_ARRAY) {
                                last.add(json.getText());
                            }
                        }
                    } else if (json.currentToken() == JsonToken.FIELD_NAME && json.currentName().matches("row_count|truncated")) {
                        json.nextToken();
                        summary.append(json.currentName()).append('=').append(json.getText()).append(' ');
                    }
                }
            }
            return new Seen(count, last, summary.toString().strip());
        });
        assertEquals(allRowsEndingWith("1500000.0", "2020-01-12T13:46:40Z", "true", "row_count=1000000 truncated=false"), seen);
    }

    @Test
    void xml() throws Exception {
        Seen seen = timed("xml", in -> {
            XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
            List<String> last = List.of();
            String summary = null;
            long count = 0;
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "row" -> {
                        count++;
                        last = new ArrayList<>();
                    }
                    case "v" -> last.add(xml.getElementText());
                    case "summary" -> summary = "row_count=" + xml.getAttributeValue(null, "row_count")
                            + " truncated=" + xml.getAttributeValue(null, "truncated");
                    default -> { }
                }
            }
            return new Seen(count, last, summary);
        });
        assertEquals(allRowsEndingWith("1500000.0", "2020-01-12 13:46:40+00", "t", "row_count=1000000 truncated=false"), seen);
    }

    @Test
    void xlsx() throws Exception {
        Path file = Files.createTempFile("large-export", ".xlsx");
        try {
            Seen seen = timed("xlsx", in -> {
                // to disk first, as a browser saves it: a zip is read from its central directory at the end
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return XlsxStreamingCount.count(file, HEADER);
            });
            System.out.printf("  xlsx file: %d MB%n", Files.size(file) >> 20);
            // as Excel shows them: a whole number, the date in its format, TRUE; a cut workbook would end with a note row
            assertEquals(allRowsEndingWith("1500000", "2020-01-12 13:46:40", "TRUE", ""), seen);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    interface Reader {
        Seen read(InputStream body) throws Exception;
    }

    /** Downloads the clip in one format from the child, handing the body to the reader as it streams in. */
    private static Seen timed(String format, Reader reader) throws Exception {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(child.base() + "/clips/" + slug + "." + format))
                .timeout(Duration.ofMinutes(10)).build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        double firstByte = (System.nanoTime() - start) / 1e9;
        Seen seen;
        try (InputStream body = response.body()) {
            seen = reader.read(body);
        }
        JsonNode run = child.newestRun(slug, format, token);
        System.out.printf("%s: %,d rows in %.1f s (response began after %.1f s; the run took %.1f s in the app)%n", format,
                seen.rows(), (System.nanoTime() - start) / 1e9, firstByte, run.get("duration_ms").asLong() / 1e3);
        // the newest run of the clip is this download's, a live one of all the rows
        assertEquals(format + " ok " + ROWS, run.get("via").asText() + " " + run.get("status").asText() + " "
                + run.get("row_count").asText(), run.toString());
        return seen;
    }

    private static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }
}
