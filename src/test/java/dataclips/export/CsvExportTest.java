package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestClips;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /clips/{slug}.csv over real HTTP, read back with Commons CSV's strict RFC 4180 format, cell by cell. */
class CsvExportTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_MAX_ROWS", "5000"));
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyTypeComesBackCellByCellWithFormulasNeutralised() throws Exception {
        String slug = app.slug("Every type", "select * from every_type order by id");
        Http.Response r = app.http().get("/clips/" + slug + ".csv");
        assertEquals(200, r.status());
        assertEquals("text/csv; charset=utf-8", r.header("Content-Type").orElseThrow());
        assertTrue(r.header("Content-Disposition").orElseThrow().startsWith("attachment; filename=\"Every-type.csv\""));
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new java.io.StringReader(r.body())).getRecords();
        List<List<String>> expected = fromFollower("select * from every_type order by id");
        assertEquals(expected.get(0), records.get(0).toList(), "the header row");
        assertEquals(expected.size(), records.size());
        for (int row = 1; row < expected.size(); row++) {
            for (int col = 0; col < expected.get(row).size(); col++) {
                String want = expected.get(row).get(col);
                String name = expected.get(0).get(col);
                if (want != null && List.of("label", "short_code", "fixed", "span").contains(name)
                        && !want.isEmpty() && "=+-@\t\r".indexOf(want.charAt(0)) >= 0 && !name.equals("span")) {
                    want = "'" + want;
                }
                assertEquals(want == null ? "" : want, records.get(row).get(col), name + " of row " + row);
            }
        }
        assertTrue(r.body().contains(",-9223372036854775808,"), "negative numbers stay numbers");
        assertTrue(r.body().contains("\"'=HYPERLINK("), "the formula is neutralised");
        assertTrue(r.body().contains(",'-1,"), "text '-1' is neutralised");
    }

    @Test
    void nullIsAnEmptyFieldAndEmptyTextIsQuoted() {
        String slug = app.slug("null and empty", "select null::text as a, '' as b, 'x' as c");
        assertEquals("a,b,c\r\n,\"\",x\r\n", app.http().get("/clips/" + slug + ".csv").body());
    }

    @Test
    void aFormulaLookingColumnNameIsNeutralisedToo() {
        String slug = app.slug("formula header", "select 1 as \"=HYPERLINK(\"\"http://x\"\")\", -2 as \"-n\"");
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\",'-n\r\n1,-2\r\n", app.http().get("/clips/" + slug + ".csv").body());
    }

    @Test
    void bomInlineGzipAndHead() throws Exception {
        String slug = app.slug("Grüße report", "select 'é' as e");
        byte[] withBom = bytes("/clips/" + slug + ".csv?bom=1", Map.of());
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'e'}, java.util.Arrays.copyOf(withBom, 4));
        Http.Response inline = app.http().get("/clips/" + slug + ".csv?inline=1");
        assertTrue(inline.header("Content-Disposition").orElseThrow().startsWith("inline; filename=\"Gr-e-report.csv\""));
        assertTrue(inline.header("Content-Disposition").orElseThrow().endsWith("UTF-8''Gr%C3%BC%C3%9Fe%20report.csv"));
        HttpResponse<InputStream> gz = CLIENT.send(HttpRequest.newBuilder(URI.create(app.base() + "/clips/" + slug + ".csv"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("e\r\né\r\n", new String(new GZIPInputStream(gz.body()).readAllBytes(), StandardCharsets.UTF_8));
        HttpResponse<String> head = CLIENT.send(HttpRequest.newBuilder(URI.create(app.base() + "/clips/" + slug + ".csv"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("text/csv; charset=utf-8", head.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("", head.body());
    }

    @Test
    void aResultBeyondTheRowLimitSaysSoOnItsLastLine() throws Exception {
        String slug = app.slug("too many", "select g from generate_series(1, 20000) g");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new java.io.StringReader(app.http().get("/clips/" + slug + ".csv").body()))
                .getRecords();
        assertEquals(5002, records.size());
        assertEquals("5000", records.get(5000).get(0));
        assertTrue(records.get(5001).get(0).startsWith("# truncated"), records.get(5001).get(0));
    }

    @Test
    void errorsBeforeTheFirstByteAreProperStatusesAndAfterItABrokenDownload() throws Exception {
        String broken = app.slug("broken", "select 1/0");
        Http.Response r = app.http().get("/clips/" + broken + ".csv");
        assertEquals(422, r.status());
        assertTrue(r.header("Content-Type").orElseThrow().startsWith("text/plain"));
        assertTrue(r.body().contains("division by zero"), r.body());
        assertTrue(r.header("Content-Disposition").isEmpty(), "an error is not offered as a file");
        assertEquals(404, app.http().get("/clips/" + broken + ".pdf").status());
        assertEquals(404, app.http().get("/clips/" + "a".repeat(26) + ".csv").status());
        // Fail late: in the cursor's second fetch, after the first 1000 rows have left.
        String late = app.slug("fails late", "select case when g < 1500 then repeat('x', 200) "
                + "else (1/(g - 1500))::text end from generate_series(1, 2000) g");
        assertThrows(java.io.IOException.class, () -> bytes("/clips/" + late + ".csv", Map.of()),
                "a failure mid-stream must break the download, not end it cleanly");
    }

    @Test
    void fiftyAbortedDownloadsLeaveThePoolHealthy() throws Exception {
        String slow = app.slug("big and slow", "select g, pg_sleep(0.01) from generate_series(1, 5000) g");
        int port = URI.create(app.base()).getPort();
        for (int i = 0; i < 50; i++) {
            try (Socket socket = new Socket("localhost", port)) {
                socket.getOutputStream().write(("GET /clips/" + slow + ".csv HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                TestDatabase.sleep(50); // gone before the first fetch even returns, like a killed curl
            }
        }
        String quick = app.slug("after aborts", "select 1 as ok");
        assertEquals("ok\r\n1\r\n", app.http().get("/clips/" + quick + ".csv").body());
        long deadline = System.currentTimeMillis() + 15_000;
        String active = "";
        while (System.currentTimeMillis() < deadline) {
            active = TestDatabase.scalar(TestCluster.get().follower(), "employees", "select count(*) from pg_stat_activity "
                    + "where state = 'active' and pid <> pg_backend_pid() and query like '%" + TestClips.runTag(slow) + "%'");
            if (active.equals("0")) {
                break;
            }
            TestDatabase.sleep(200);
        }
        assertEquals("0", active, "aborted downloads left queries running");
    }

    private static byte[] bytes(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.base() + path));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** The header and rows as PostgreSQL's text form, straight from the follower (FollowerResults reads them). */
    private static List<List<String>> fromFollower(String sql) throws Exception {
        List<String> header = new ArrayList<>();
        ResultWriter names = new ResultWriter() {
            public void begin(List<Column> columns, ResultInfo info) {
                columns.forEach(c -> header.add(c.name()));
            }

            public boolean row(String[] values) {
                return true;
            }

            public void finish(boolean truncated) {}
        };
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        FollowerResults.feed(sql, "expected", names).forEach(values -> rows.add(java.util.Arrays.asList(values)));
        return rows;
    }
}
