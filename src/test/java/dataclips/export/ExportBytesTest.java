package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dataclips.export.JsonWriterTest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of the CSV and XML downloads, for the all-types table on the follower and for hostile data:
 * unicode, formula-looking text, control characters, characters XML cannot carry, hostile column names, NULL next
 * to '', truncation, the BOM, no columns, no rows.
 *
 * <p>The expected files under src/test/resources/dataclips/export/bytes/ were recorded from the hand-written
 * writers that Jackson's generators replaced (commit 1a73a3e, where this test compared both writers' bytes on
 * these same samples and found them equal), so downloads stay byte for byte what they were. Long values are checked
 * against expected output written out here. When a sample changes on purpose (say every_type gains a column), the
 * test leaves what the writer wrote in target/export-bytes/: read the difference, then replace the file.
 */
class ExportBytesTest {
    private static final String HOSTILE_SQL = HostileText.SQL;
    private static final ResultInfo HOSTILE_INFO = new ResultInfo("title \" < & > \u0001 \r\n\t \uD800 🙂",
            OffsetDateTime.parse("2024-02-29T15:45:30.25+02:00"),
            new TreeMap<>(Map.of("region", "north & <south>", "\"quoted\"\n", "", "empty", "\uFFFE\u0000")));

    /** One download: what is written, with or without a BOM (CSV), and whether the result was cut. */
    record Sample(String name, Result result, ResultInfo info, boolean bom, boolean truncated) {}

    /** Every sample with a recorded file per format: name.csv and name.xml. */
    static List<Sample> recordedSamples() throws Exception {
        Result everyType = JsonWriterTest.query("select * from every_type order by id");
        Result hostile = JsonWriterTest.query(HOSTILE_SQL);
        return List.of(new Sample("every_type", everyType, JsonWriterTest.INFO, false, false),
                new Sample("every_type-bom-cut", everyType, JsonWriterTest.INFO, true, true),
                new Sample("hostile", hostile, HOSTILE_INFO, false, false),
                new Sample("hostile-bom-cut", hostile, HOSTILE_INFO, true, true),
                new Sample("no-database-sends", noDatabaseSends(), new ResultInfo(null, null), false, true),
                new Sample("no-columns", new Result(List.of(), List.of(new String[0], new String[0])), null, true, false),
                new Sample("no-rows", JsonWriterTest.query("select * from every_type where false"), JsonWriterTest.INFO,
                        false, false));
    }

    /** What PostgreSQL cannot hold but a writer must still survive: NUL, lone surrogates, an empty column name. */
    private static Result noDatabaseSends() {
        List<Column> columns = List.of(Column.of("", "text"), Column.of("\uD800", "text"), Column.of("n", "int4"),
                Column.of("\u0000=x", "_text"), Column.of("money", "money"));
        List<String[]> rows = List.of(new String[] {"lone \uD800 high", "lone \uDC00 low", "1", "{a,\"b\"}", "-$1.00"},
                new String[] {"ends high \uD83D", "\uD83D\uD83D\uDE00 two highs", null, "\u0000\u000B\u000C\r", "$0.00"},
                new String[] {"", null, "", "", null});
        return new Result(columns, rows);
    }

    @Test
    void everyRecordedCaseIsWrittenByteForByte() throws Exception {
        for (Sample c : recordedSamples()) {
            assertBytes(c.name() + ".csv", recorded(c.name() + ".csv"), csv(c));
            assertBytes(c.name() + ".xml", recorded(c.name() + ".xml"), xml(c));
        }
    }

    @Test
    void longValuesCrossEveryBufferEdge() throws Exception {
        String piece = "é,\"x\"\n";
        String markup = "<&>\r";
        String text = piece.repeat(30_000) + markup.repeat(30_000);
        Result result = new Result(List.of(Column.of("long", "text"), Column.of("n", "int8")),
                List.of(new String[] {text, "1"}, new String[] {"=" + text, null}));
        Sample c = new Sample("long", result, new ResultInfo(text, null), false, false);
        String quoted = "é,\"\"x\"\"\n".repeat(30_000) + markup.repeat(30_000);
        assertBytes("long.csv", utf8("long,n\r\n\"" + quoted + "\",1\r\n\"'=" + quoted + "\",\r\n"), csv(c));
        String inContent = piece.repeat(30_000) + "&lt;&amp;&gt;&#13;".repeat(30_000);
        String inAttribute = "é,&quot;x&quot;&#10;".repeat(30_000) + "&lt;&amp;&gt;&#13;".repeat(30_000);
        assertBytes("long.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clip title=\"" + inAttribute + "\">\n"
                + "<columns><column name=\"long\" type=\"text\" kind=\"text\"/><column name=\"n\" type=\"int8\" kind=\"integer\"/>"
                + "</columns>\n<rows>\n<row><v>" + inContent + "</v><v>1</v></row>\n<row><v>=" + inContent
                + "</v><v null=\"true\"/></row>\n</rows>\n<summary row_count=\"2\" truncated=\"false\"/>\n</clip>\n"), xml(c));
    }

    /** Woodstox passes long text on in pieces of 512 characters: no piece may split an emoji into lone halves. */
    @Test
    void charactersBeyondUffffSurviveLongValues() throws Exception {
        String text = "a🙂".repeat(700); // 2,100 UTF-16 units: one pair straddles each 512-unit boundary
        Sample s = new Sample("astral", new Result(List.of(Column.of("t", "text")), List.<String[]>of(new String[] {text})),
                new ResultInfo(text, null, new TreeMap<>(Map.of("p", text))), false, false);
        assertBytes("astral.csv", utf8("t\r\n" + text + "\r\n"), csv(s));
        assertBytes("astral.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clip title=\"" + text + "\">\n"
                + "<parameters><parameter name=\"p\">" + text + "</parameter></parameters>\n"
                + "<columns><column name=\"t\" type=\"text\" kind=\"text\"/></columns>\n<rows>\n<row><v>" + text
                + "</v></row>\n</rows>\n<summary row_count=\"1\" truncated=\"false\"/>\n</clip>\n"), xml(s));
    }

    @Test
    void nullEmptyAndQuotingAsWrittenByHand() throws Exception {
        Result result = new Result(List.of(Column.of("a", "text"), Column.of("b", "text"), Column.of("c", "int4")),
                List.<String[]>of(new String[] {null, "", "-1"}, new String[] {"x\ny", "-x", null}));
        Sample c = new Sample("small", result, new ResultInfo("t", null, new TreeMap<>(Map.of("p", ""))), true, true);
        assertBytes("small.csv", utf8("\uFEFFa,b,c\r\n,\"\",-1\r\n\"x\ny\",'-x,\r\n"
                + "# truncated: the result has more rows than the limit; this file holds the first 2\r\n"), csv(c));
        assertBytes("small.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clip title=\"t\">\n"
                + "<parameters><parameter name=\"p\"></parameter></parameters>\n<columns><column name=\"a\" type=\"text\" "
                + "kind=\"text\"/><column name=\"b\" type=\"text\" kind=\"text\"/><column name=\"c\" type=\"int4\" "
                + "kind=\"integer\"/></columns>\n<rows>\n<row><v null=\"true\"/><v/><v>-1</v></row>\n"
                + "<row><v>x\ny</v><v>-x</v><v null=\"true\"/></row>\n</rows>\n<summary row_count=\"2\" truncated=\"true\"/>\n"
                + "</clip>\n"), xml(c));
    }

    static byte[] csv(Sample c) throws IOException {
        return export(c, out -> new CsvWriter(out, c.bom()));
    }

    static byte[] xml(Sample c) throws IOException {
        return export(c, XmlWriter::new);
    }

    static byte[] export(Sample c, JsonWriterTest.Format format) throws IOException {
        return JsonWriterTest.export(format, c.result(), c.info(), c.truncated());
    }

    private static byte[] recorded(String file) throws IOException {
        try (InputStream in = ExportBytesTest.class.getResourceAsStream("bytes/" + file)) {
            if (in == null) {
                throw new AssertionError("no recorded file " + file + " under src/test/resources/dataclips/export/bytes");
            }
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Equal bytes; a difference is shown as the text around the first byte that differs, the whole kept in target/. */
    private static void assertBytes(String name, byte[] expected, byte[] actual) throws IOException {
        int at = Arrays.mismatch(expected, actual);
        if (at >= 0) {
            Path written = Path.of("target", "export-bytes", name);
            Files.createDirectories(written.getParent());
            Files.write(written, actual);
            assertEquals(around(expected, at), around(actual, at), name + ": bytes differ from byte " + at
                    + " (what the writer wrote is in " + written + ")");
        }
    }

    private static String around(byte[] bytes, int at) {
        int from = Math.max(0, at - 60);
        int to = Math.min(bytes.length, at + 60);
        return new String(Arrays.copyOfRange(bytes, from, to), StandardCharsets.UTF_8) + " (" + bytes.length + " bytes)";
    }
}
