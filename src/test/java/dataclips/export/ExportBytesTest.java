package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dataclips.export.JsonWriterTest.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The CSV and XML writers (Jackson's generators) write exactly the bytes the hand-written writers they replaced
 * wrote, for the all-types table on the follower and for hostile data: unicode, formula-looking text, control
 * characters, characters XML cannot carry, hostile column names, NULL next to '', truncation, the BOM.
 */
class ExportBytesTest {
    /** Text and names PostgreSQL can hold, read from the follower. */
    private static final String HOSTILE_SQL = "select * from (values "
            + "(1, 'Grüße 日本語 🙂 é', '=1+1', '-1', -1, E'a\\nb', E'a\\rb', E'a\\r\\nb', 'x,y', 'say \"hi\"', ''),"
            + "(2, '+SUM(A1)', '@cmd', E'\\tlead', -2.5, E'\\rlead', 'a' || chr(1) || chr(31) || chr(127) || chr(133),"
            + " chr(65534) || chr(65535) || chr(65533), ']]> &amp; <![CDATA[', '<b>&</b>', null),"
            + "(3, null, '', ' ', null, '#comment', '\"', '''', E'\\\\', 'trailing ', E'\\n')"
            + ") t(id, \"a b\", \"<b>&amp;\", \"say \"\"hi\"\"\", \"=1+1\", \"two\nlines\", \"tab\there\", \"dup\", \"dup\", "
            + "\"Grüße 日本 🙂\", \"-n\")";
    private static final ResultInfo HOSTILE_INFO = new ResultInfo("title \" < & > \u0001 \r\n\t \uD800 🙂",
            OffsetDateTime.parse("2024-02-29T15:45:30.25+02:00"),
            new TreeMap<>(java.util.Map.of("region", "north & <south>", "\"quoted\"\n", "", "empty", "\uFFFE\u0000")));

    private interface Writers {
        ResultWriter open(OutputStream out, boolean bom) throws IOException;
    }

    private static final Writers CSV_NOW = CsvWriter::new;
    private static final Writers CSV_BEFORE = OldCsvWriter::new;
    private static final Writers XML_NOW = (out, bom) -> new XmlWriter(out);
    private static final Writers XML_BEFORE = (out, bom) -> new OldXmlWriter(out);

    @Test
    void everyTypeFromTheFollower() throws Exception {
        Result result = JsonWriterTest.query("select * from every_type order by id");
        assertSame("every_type", result, JsonWriterTest.INFO, false, false);
        assertSame("every_type, BOM and cut", result, JsonWriterTest.INFO, true, true);
    }

    @Test
    void hostileTextAndNamesFromTheFollower() throws Exception {
        Result result = JsonWriterTest.query(HOSTILE_SQL);
        assertSame("hostile", result, HOSTILE_INFO, false, false);
        assertSame("hostile, BOM and cut", result, HOSTILE_INFO, true, true);
    }

    /** What PostgreSQL cannot hold but a writer must still survive: NUL, lone surrogates, an empty column name. */
    @Test
    void charactersNoDatabaseSends() throws Exception {
        List<Column> columns = List.of(Column.of("", "text"), Column.of("\uD800", "text"), Column.of("n", "int4"),
                Column.of("\u0000=x", "_text"), Column.of("money", "money"));
        List<String[]> rows = List.of(new String[] {"lone \uD800 high", "lone \uDC00 low", "1", "{a,\"b\"}", "-$1.00"},
                new String[] {"ends high \uD83D", "\uD83D\uD83D\uDE00 two highs", null, "\u0000\u000B\u000C\r", "$0.00"},
                new String[] {"", null, "", "", null});
        assertSame("no database sends", new Result(columns, rows), new ResultInfo(null, null), false, true);
    }

    @Test
    void noColumnsNoRowsAndLongValues() throws Exception {
        assertSame("no columns", new Result(List.of(), List.of(new String[0], new String[0])), null, true, false);
        assertSame("no rows", JsonWriterTest.query("select * from every_type where false"), JsonWriterTest.INFO, false, false);
        String longText = "é,\"x\"\n".repeat(30_000) + "<&>\r".repeat(30_000); // crosses every buffer's edge
        Result longRows = new Result(List.of(Column.of("long", "text"), Column.of("n", "int8")),
                List.of(new String[] {longText, "1"}, new String[] {"=" + longText, null}));
        assertSame("long", longRows, new ResultInfo(longText, null), false, false);
    }

    private static void assertSame(String name, Result result, ResultInfo info, boolean bom, boolean truncated)
            throws IOException {
        assertBytes(name + ".csv", export(CSV_BEFORE, result, info, bom, truncated), export(CSV_NOW, result, info, bom, truncated));
        assertBytes(name + ".xml", export(XML_BEFORE, result, info, bom, truncated), export(XML_NOW, result, info, bom, truncated));
    }

    private static byte[] export(Writers writers, Result result, ResultInfo info, boolean bom, boolean truncated)
            throws IOException {
        return JsonWriterTest.export(out -> writers.open(out, bom), result, info, truncated);
    }

    /** Equal bytes; a difference is shown as the text around the first byte that differs. */
    static void assertBytes(String name, byte[] expected, byte[] actual) {
        int at = Arrays.mismatch(expected, actual);
        if (at >= 0) {
            assertEquals(around(expected, at), around(actual, at), name + ": bytes differ from byte " + at);
        }
    }

    private static String around(byte[] bytes, int at) {
        int from = Math.max(0, at - 60);
        int to = Math.min(bytes.length, at + 60);
        return new String(Arrays.copyOfRange(bytes, from, to), StandardCharsets.UTF_8) + " (" + bytes.length + " bytes)";
    }
}
