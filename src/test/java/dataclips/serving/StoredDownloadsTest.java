package dataclips.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.RawHttp;
import dataclips.TestDatabase;
import dataclips.results.StoredChunks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A download runs the clip live and stores its result on the way; within the clip's max age the next
 * download replays the stored result byte for byte, with ETag, Last-Modified, X-Row-Count, X-Truncated
 * and 304 for a client whose copy is current.
 */
class StoredDownloadsTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture(Map.of("DATACLIPS_MAX_ROWS", "5000"));

    @Test
    void theSecondDownloadReplaysTheStoredResultByteForByte() {
        for (String format : List.of("csv", "json", "xml")) {
            // One stored result serves every format, so each format gets its own clip to see a live run first.
            String slug = app.slug("Every type as " + format, "select * from every_type order by id");
            Http.Response live = app.http().get("/clips/" + slug + "." + format);
            assertEquals(200, live.status(), live.body());
            assertEquals("live", live.header("X-Result").orElseThrow());
            assertTrue(live.header("Last-Modified").isPresent(), "a live run knows its as-of time before the first byte");
            assertEquals("X-Row-Count, X-Truncated, X-Result-Checksum", live.header("Trailer").orElseThrow());
            Http.Response stored = app.http().get("/clips/" + slug + "." + format);
            assertEquals("stored", stored.header("X-Result").orElseThrow(), format);
            assertEquals(live.body(), stored.body(), format + " replayed from the store is the live bytes");
            assertEquals(live.header("Last-Modified"), stored.header("Last-Modified"));
            assertEquals(live.header("Content-Type"), stored.header("Content-Type"));
        }
    }

    /**
     * A repeat download of a stored result is the copy kept when it was first rendered (the live run's bytes, gzip
     * or not): the same bytes, now with their length known, and each variant kept apart.
     */
    @Test
    void aRepeatDownloadIsTheKeptCopyOfItsFirstRendering() throws Exception {
        String slug = app.slug("kept copy", "select g, md5(g::text) as hash from generate_series(1, 2000) g");
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<Boolean, java.net.http.HttpResponse<byte[]>> csv = gzip -> {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.base() + "/clips/" + slug + ".csv"));
            if (gzip) {
                request.header("Accept-Encoding", "gzip");
            }
            try {
                return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var live = csv.apply(false);
        assertEquals("live", live.headers().firstValue("X-Result").orElseThrow());
        var kept = csv.apply(false);
        assertEquals("stored", kept.headers().firstValue("X-Result").orElseThrow());
        assertEquals(List.of(Integer.toString(live.body().length)), kept.headers().allValues("Content-Length"));
        assertTrue(java.util.Arrays.equals(live.body(), kept.body()), "the kept copy is the live run's bytes");
        var gzipFirst = csv.apply(true);
        var gzipKept = csv.apply(true);
        assertEquals("gzip", gzipKept.headers().firstValue("Content-Encoding").orElseThrow());
        assertTrue(gzipKept.headers().firstValue("Content-Length").isPresent(), "the gzip variant is kept too");
        assertTrue(java.util.Arrays.equals(gzipFirst.body(), gzipKept.body()));
        assertTrue(java.util.Arrays.equals(live.body(),
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipKept.body())).readAllBytes()));
    }

    @Test
    void validatorsAnd304() {
        String slug = app.slug("validators", "select g, g * 2 as twice from generate_series(1, 3) g");
        app.http().get("/clips/" + slug + ".csv");
        Http.Response stored = app.http().get("/clips/" + slug + ".csv");
        String etag = stored.header("ETag").orElseThrow();
        assertTrue(etag.matches("\"[0-9a-f]{32}-csv\""), etag);
        assertEquals("3", stored.header("X-Row-Count").orElseThrow());
        assertEquals("false", stored.header("X-Truncated").orElseThrow());
        assertEquals("private, no-cache", stored.header("Cache-Control").orElseThrow());
        String lastModified = stored.header("Last-Modified").orElseThrow();

        Http.Response same = app.http().get("/clips/" + slug + ".csv", "If-None-Match", "\"other\", " + etag);
        assertEquals(304, same.status());
        assertEquals("", same.body());
        assertEquals(etag, same.header("ETag").orElseThrow());
        assertEquals(304, app.http().get("/clips/" + slug + ".csv", "If-Modified-Since", lastModified).status());
        assertEquals(200, app.http().get("/clips/" + slug + ".csv", "If-None-Match", "\"other\"").status());
        assertEquals(200, app.http().get("/clips/" + slug + ".csv", "If-Modified-Since",
                "Mon, 01 Jan 2001 00:00:00 GMT").status());

        Http.Response json = app.http().get("/clips/" + slug + ".json");
        assertNotEquals(etag, json.header("ETag").orElseThrow(), "each format has its own ETag");
        assertTrue(app.http().get("/clips/" + slug + ".xlsx").header("ETag").orElseThrow().startsWith("W/\""),
                "XLSX is equivalent, not byte-identical: a weak ETag");
        Http.Response head = app.http().send("HEAD", "/clips/" + slug + ".csv", "");
        assertEquals(200, head.status());
        assertEquals(etag, head.header("ETag").orElseThrow());
        assertEquals("3", head.header("X-Row-Count").orElseThrow());
        assertEquals("", head.body());
    }

    @Test
    void aTruncatedResultSaysSoInItsHeaders() {
        String slug = app.slug("truncated headers", "select g from generate_series(1, 7000) g");
        app.http().get("/clips/" + slug + ".json");
        Http.Response stored = app.http().get("/clips/" + slug + ".json");
        assertEquals("stored", stored.header("X-Result").orElseThrow());
        assertEquals("5000", stored.header("X-Row-Count").orElseThrow());
        assertEquals("true", stored.header("X-Truncated").orElseThrow());
        assertTrue(stored.json().get("truncated").asBoolean());
        assertEquals(5000, stored.json().get("values").size());
    }

    @Test
    void maxAgeZeroRunsEveryTimeAndAnEditedClipRunsAgain() {
        String slug = app.slug("always live", "select clock_timestamp() as t");
        assertEquals(200, app.http().send("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0),
                Http.bearer(app.admin())).status());
        String first = app.http().get("/clips/" + slug + ".csv").body();
        Http.Response second = app.http().get("/clips/" + slug + ".csv");
        assertEquals("live", second.header("X-Result").orElseThrow());
        assertNotEquals(first, second.body());

        String edited = app.slug("edited", "select 1 as v");
        app.http().get("/clips/" + edited + ".csv");
        app.http().send("PATCH", "/api/v1/clips/" + edited, Map.of("sql", "select 2 as v"), Http.bearer(app.admin()));
        Http.Response after = app.http().get("/clips/" + edited + ".csv");
        assertEquals("live", after.header("X-Result").orElseThrow(), "a new SQL version never serves the old result");
        assertEquals("v\r\n2\r\n", after.body());
    }

    @Test
    void aLiveRunSendsItsCountsAsTrailersAfterTheLastChunk() throws Exception {
        String slug = app.slug("trailers", "select g from generate_series(1, 42) g");
        String raw = RawHttp.get(app.app(), "/clips/" + slug + ".csv");
        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        assertTrue(raw.contains("Transfer-Encoding: chunked"), raw);
        String tail = raw.substring(raw.lastIndexOf("\r\n0\r\n"));
        assertTrue(tail.contains("X-Row-Count: 42\r\n"), tail);
        assertTrue(tail.contains("X-Truncated: false\r\n"), tail);
        String checksum = app.http().get("/clips/" + slug + ".csv").header("ETag").orElseThrow().substring(1, 33);
        assertTrue(tail.contains("X-Result-Checksum: " + checksum), "the trailer names the stored result: " + tail);
    }

    @Test
    void aDamagedChunkIsAnErrorNeverWrongDataAndTheNextRequestRunsAgain() {
        String slug = app.slug("damaged", "select g, repeat(md5(g::text), 8) from generate_series(1, 5000) g");
        String good = app.http().get("/clips/" + slug + ".csv").body();
        StoredChunks.corrupt(slug, 0);
        // JSON: the CSV went out once already, and its kept copy (checked on its own) would be sent as it was rendered
        Http.Response damaged = app.http().get("/clips/" + slug + ".json");
        assertEquals(500, damaged.status());
        assertTrue(damaged.body().contains("chunk 0 of stored result") && damaged.body().contains("does not match its checksum"),
                damaged.body());
        Http.Response again = app.http().get("/clips/" + slug + ".csv");
        assertEquals("live", again.header("X-Result").orElseThrow());
        assertEquals(good, again.body());
        // Damage further in is found after the first bytes have left: the download breaks, it never ends short.
        StoredChunks.corrupt(slug, 2);
        assertThrows(IllegalStateException.class, () -> app.http().get("/clips/" + slug + ".xml"));
    }

    @Test
    void aDownloadCutShortStoresNothing() throws Exception {
        String slug = app.slug("cut short", "select g, repeat('x', 100) from generate_series(1, 300000) g");
        RawHttp.readThenHangUp(app.app(), "/clips/" + slug + ".csv", 2000);
        JsonNode run = awaitRunEnded(slug);
        assertEquals("cancelled", run.get("status").asText(), "the viewer left: " + run);
        // The run is logged as it ends and its partial result deleted just after: a moment to see it go.
        for (long end = System.nanoTime() + 10_000_000_000L; StoredChunks.resultsInAnyState(slug) > 0
                && System.nanoTime() < end; ) {
            TestDatabase.sleep(20);
        }
        assertEquals(0, StoredChunks.resultsInAnyState(slug), "a run the viewer left leaves no result, whole or partial");
        assertEquals("live", app.http().get("/clips/" + slug + ".csv").header("X-Result").orElseThrow());
        assertEquals(1, StoredChunks.results(slug));
    }

    /** The clip's only run, once it is no longer running (as its log says). */
    private static JsonNode awaitRunEnded(String slug) {
        JsonNode runs = null;
        for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; TestDatabase.sleep(50)) {
            runs = app.http().get("/api/v1/clips/" + slug + "/runs", Http.bearer(app.admin())).json();
            if (runs.size() == 1 && !runs.get(0).get("status").asText().equals("running")) {
                return runs.get(0);
            }
        }
        throw new AssertionError("the run did not end within 30 s: " + runs);
    }
}
