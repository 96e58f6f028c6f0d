package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.TestCluster;
import dataclips.export.Column;
import dataclips.export.Format;
import dataclips.export.HostileText;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.export.RowLimit;
import dataclips.sources.PostgresUrl;
import dataclips.sources.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The same SQL read through both row sources of a download, the follower's COPY (a clip without parameters) and the
 * cursor (a clip with parameters, and every clip before issue 32), into every download format: the bytes must be the
 * same, for every type PostgreSQL has (every_type), hostile text, no rows, no columns, a value of several MB and a
 * cut at the row limit. Both run as a run does: a read-only transaction in UTC on the follower, the run's tag in front.
 */
class CopyPathTest {
    private static final ResultInfo INFO = new ResultInfo("Every \"type\" <&>",
            OffsetDateTime.parse("2024-02-29T15:45:30.25+02:00"), new TreeMap<>());
    private static final List<String> SAMPLES = List.of(
            "select * from every_type order by id",
            "select * from every_type where false",
            HostileText.SQL,
            "select",
            "select from generate_series(1, 3)",
            "select E'back\\\\slash \\\\N \\\\t' as b, '\\N' as n, E'\\b\\f\\v\\t\\r\\n' as c, '' as e, null::text as z, "
                    + "'\\x00ff'::bytea as x, array[E'a\\tb', null, 'N', E'\\\\N'] as arr, "
                    + "'{\"k\": \"\\\\t\\n\"}'::jsonb as j, repeat('é🙂\\', 700000) as long",
            "select g, repeat(chr(1000 + g % 3000), g % 50) as t, g * 1.5 as n, g % 3 = 0 as b, "
                    + "timestamptz '2024-01-01 00:00+05' + g * interval '1 minute' as ts from generate_series(1, 5000) g;",
            "-- a comment first\nwith t as (select 1 as \"dup\", 2 as \"dup\") table t -- and last");

    @Test
    void everyFormatIsByteForByteTheCursorsOutput() throws Exception {
        for (String sql : SAMPLES) {
            for (Format format : List.of(Format.CSV, Format.JSON, Format.XML, Format.XLSX)) {
                for (boolean bom : format == Format.CSV ? List.of(false, true) : List.of(false)) {
                    byte[] cursor = download(sql, format, bom, false, Integer.MAX_VALUE);
                    byte[] copy = download(sql, format, bom, true, Integer.MAX_VALUE);
                    assertSame(sql + " as " + format + (bom ? " with BOM" : ""), format, cursor, copy);
                }
            }
        }
    }

    @Test
    void aCutAtTheRowLimitIsTheSameCut() throws Exception {
        String sql = "select g, 'row ' || g as t from generate_series(1, 5000) g";
        for (Format format : List.of(Format.CSV, Format.JSON, Format.XML)) {
            byte[] copy = download(sql, format, false, true, 2500);
            assertSame(sql + " cut, as " + format, format, download(sql, format, false, false, 2500), copy);
        }
        String csv = new String(download(sql, Format.CSV, false, true, 2500), StandardCharsets.UTF_8);
        assertTrue(csv.endsWith("2500,row 2500\r\n# truncated: the result has more rows than the limit; this file holds "
                + "the first 2500\r\n"), csv.substring(csv.length() - 100));
    }

    @Test
    void statementsCopyCannotTakeKeepTheCursor() throws Exception {
        for (String sql : List.of("show TimeZone", "explain select 1", "select 1 into nowhere")) {
            try (Connection c = runConnection(); Statement s = c.createStatement()) {
                s.execute("select set_config('statement_timeout', '0', true)"); // as the preamble sets it for a COPY
                assertEquals(Optional.empty(), CopyRun.columns(c, spec(sql, false), writer(Format.CSV)), sql);
                if (sql.startsWith("select")) { // the describe turned it to the cursor: the source's timeout is back
                    try (ResultSet rs = s.executeQuery("show statement_timeout")) {
                        assertTrue(rs.next());
                        assertEquals("7s", rs.getString(1), sql);
                    }
                }
            }
        }
        try (Connection c = runConnection()) {
            assertEquals(Optional.empty(), CopyRun.columns(c, spec("select 1", true), writer(Format.CSV)),
                    "bound values are never spliced into a COPY");
        }
    }

    @Test
    void aSqlErrorIsTheCursorsErrorAtTheSamePosition() throws Exception {
        String sql = "select 'äöü😀' as u,\n  nosuchcolumn\nfrom employees";
        SQLException cursor = assertThrows(SQLException.class, () -> download(sql, Format.CSV, false, false, 10));
        SQLException copy = assertThrows(SQLException.class, () -> download(sql, Format.CSV, false, true, 10));
        SqlProblem fromCursor = SqlProblem.of(cursor, spec(sql, false).tag().length());
        assertEquals(fromCursor, SqlProblem.of(copy, spec(sql, false).tag().length()));
        assertEquals("column \"nosuchcolumn\" does not exist", fromCursor.message());
        assertEquals(sql.codePointCount(0, sql.indexOf("nosuchcolumn")) + 1, fromCursor.position()); // in characters
        String runtime = "select 1 / (g - 3) from generate_series(1, 5) g";
        SQLException late = assertThrows(SQLException.class, () -> download(runtime, Format.CSV, false, true, 10));
        assertEquals("22012", late.getSQLState(), "an error within the first fetch comes before the writer begins");
    }

    /** One download of the SQL into the format, through the COPY or the cursor, with the writer's row limit. */
    private static byte[] download(String sql, Format format, boolean bom, boolean copy, int limit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new RowLimit(format.writer(out, bom), limit);
        RowStream rows = new RowStream();
        RowStream.Streamed streamed = new RowStream.Streamed();
        Cancellation cancel = new Cancellation();
        try (Connection c = runConnection();
             RunDeadline deadline = RunDeadline.start(RunDeadline.timer(), cancel, Duration.ofMinutes(2))) {
            ClipRunner.RunSpec spec = spec(sql, false);
            if (copy) {
                Optional<List<Column>> columns = CopyRun.columns(c, spec, writer);
                assertTrue(columns.isPresent(), sql + " is a COPY");
                new CopyRun(rows).stream(c, spec, columns.get(), writer, INFO, streamed, cancel, deadline);
                assertEquals(limit != Integer.MAX_VALUE, c.isClosed(), "a COPY cut at the row limit drops its connection");
            } else {
                try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    s.setFetchSize(ClipRunner.FETCH_SIZE);
                    s.setEscapeProcessing(false);
                    try (ResultSet rs = s.executeQuery(spec.tag() + sql)) {
                        rows.stream(rs, writer, INFO, streamed, cancel, deadline);
                    }
                }
            }
        }
        assertFalse(cancel.requested());
        return out.toByteArray();
    }

    /** A follower connection as a run has it: a read-only transaction in UTC. */
    private static Connection runConnection() throws SQLException {
        PostgresUrl url = PostgresUrl.parse(TestCluster.get().readerUrl(TestCluster.get().follower()));
        Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set transaction read only");
            s.execute("set local TimeZone = 'UTC'");
        }
        return c;
    }

    /** The source a spec names: only its statement timeout is read, when a describe turns a run to the cursor. */
    private static final Source SOURCE = new Source(1, "copy-path", Optional.empty(), List.of(), 7, 60,
            OffsetDateTime.parse("2026-12-07T00:00:00Z"));

    private static ClipRunner.RunSpec spec(String sql, boolean bound) {
        return new ClipRunner.RunSpec(SOURCE, "clip:1", 2, "t", sql, bound ? Optional.of(List.of()) : Optional.empty(),
                new TreeMap<>());
    }

    private static ResultWriter writer(Format format) throws IOException {
        return format.writer(new ByteArrayOutputStream(), false);
    }

    /**
     * XLSX files hold the same entries with the same bytes, but for the time the file was made (in docProps/core.xml,
     * and in the zip's own headers).
     */
    private static void assertSame(String what, Format format, byte[] cursor, byte[] copy) throws IOException {
        if (format == Format.XLSX) {
            Map<String, String> fromCursor = entries(cursor);
            Map<String, String> fromCopy = entries(copy);
            assertEquals(fromCursor.keySet(), fromCopy.keySet(), what);
            for (String entry : fromCursor.keySet()) {
                if (!entry.equals("docProps/core.xml")) {
                    assertSame(what + ", " + entry, Format.CSV, utf8(fromCursor.get(entry)), utf8(fromCopy.get(entry)));
                }
            }
        } else if (!Arrays.equals(cursor, copy)) {
            int at = Arrays.mismatch(cursor, copy);
            assertEquals(around(cursor, at), around(copy, at), what + ": bytes differ from byte " + at);
        }
    }

    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("copy-path", ".xlsx");
        try {
            java.nio.file.Files.write(file, zip);
            try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(file.toFile())) {
                for (ZipEntry e : java.util.Collections.list(in.entries())) {
                    entries.put(e.getName(), new String(in.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        return entries;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String around(byte[] bytes, int at) {
        return new String(Arrays.copyOfRange(bytes, Math.max(0, at - 80), Math.min(bytes.length, at + 80)),
                StandardCharsets.UTF_8);
    }
}
