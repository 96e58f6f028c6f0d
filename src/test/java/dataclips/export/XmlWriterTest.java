package dataclips.export;

import static dataclips.export.JsonWriterTest.INFO;
import static dataclips.export.JsonWriterTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.export.JsonWriterTest.Result;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The XML export of real follower results, parsed back with the JDK's DOM parser and compared cell by cell. */
class XmlWriterTest {
    private static Document exportXml(Result result, ResultInfo info, boolean truncated) throws Exception {
        byte[] xml = JsonWriterTest.export(XmlWriter::new, result, info, truncated);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** Each value as the file says it: null for {@code null="true"}, else the element's text. */
    private static List<List<String>> rows(Document xml) {
        List<List<String>> rows = new ArrayList<>();
        for (Element row : elements(xml.getDocumentElement(), "row")) {
            List<String> values = new ArrayList<>();
            for (Element v : elements(row, "v")) {
                values.add(v.getAttribute("null").equals("true") ? null : v.getTextContent());
            }
            rows.add(values);
        }
        return rows;
    }

    private static void assertSameCells(Result result, Document xml) {
        List<List<String>> rows = rows(xml);
        assertEquals(result.rows().size(), rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(Arrays.asList(result.rows().get(r)), rows.get(r), "row " + r);
        }
    }

    @Test
    void everyTypeComesBackCellByCellWithTypesDeclaredOnce() throws Exception {
        Result result = query("select * from every_type order by id");
        Document xml = exportXml(result, INFO, false);
        Element clip = xml.getDocumentElement();
        assertEquals("clip", clip.getTagName());
        assertEquals("Every \"type\" <&>", clip.getAttribute("title"));
        assertEquals("2024-02-29T13:45:30.250Z", clip.getAttribute("as_of"));
        List<Element> columns = elements(clip, "column");
        assertEquals(result.columns().size(), columns.size());
        for (int c = 0; c < columns.size(); c++) {
            Column column = result.columns().get(c);
            assertEquals(column.name(), columns.get(c).getAttribute("name"));
            assertEquals(column.pgType(), columns.get(c).getAttribute("type"));
        }
        assertEquals(EveryTypeColumns.pgTypes(), columns.stream().map(e -> e.getAttribute("type")).toList());
        assertEquals(EveryTypeColumns.kindNames(), columns.stream().map(e -> e.getAttribute("kind")).toList());
        assertEquals("int8", columns.get(3).getAttribute("type"));
        assertEquals("_int4", columns.get(25).getAttribute("type"));
        assertSameCells(result, xml);
        List<List<String>> rows = rows(xml);
        assertEquals("-9223372036854775808", rows.get(1).get(3));
        assertEquals("123456789012345678901234567890", rows.get(0).get(4));
        assertEquals("NaN", rows.get(1).get(6));
        assertEquals("", rows.get(1).get(11), "'' is an empty value");
        assertNull(rows.get(4).get(11), "NULL is marked null");
        assertTrue(rows.get(2).get(10).contains("日本語 🙂\nsecond line") && rows.get(2).get(10).contains("\t"));
        assertEquals("<script>alert(\"x\")</script> & <b>bold</b>", rows.get(3).get(10));
        Element summary = (Element) clip.getElementsByTagName("summary").item(0);
        assertEquals("5", summary.getAttribute("row_count"));
        assertEquals("false", summary.getAttribute("truncated"));
    }

    @Test
    void oddColumnNamesAreKeptExactlyAndTheFileIsWellFormed() throws Exception {
        Result result = query("select 1 as \"a b\", 2 as \"<&>\", 3 as \"1st\", 4 as \"a b\", 5 as \"é \"\"q\"\"\", "
                + "6 as \"tab\there\", 7 as \"line\nbreak\"");
        List<Column> columns = new ArrayList<>(result.columns());
        columns.add(Column.of("", "int4")); // PostgreSQL refuses a zero-length name, but a writer must not
        String[] values = {"1", "2", "3", "4", "5", "6", "7", "8"};
        Document xml = exportXml(new Result(columns, List.<String[]>of(values)), new ResultInfo(null, null), false);
        List<String> names = new ArrayList<>();
        for (Element column : elements(xml.getDocumentElement(), "column")) {
            names.add(column.getAttribute("name"));
        }
        assertEquals(List.of("a b", "<&>", "1st", "a b", "é \"q\"", "tab\there", "line\nbreak", ""), names);
        assertEquals(List.of(List.of(values)), rows(xml));
        assertFalse(xml.getDocumentElement().hasAttribute("title") || xml.getDocumentElement().hasAttribute("as_of"));
    }

    @Test
    void charactersXmlCannotCarryBecomeReplacementCharactersAndTheRestSurvives() throws Exception {
        Result result = query("select 'a' || chr(1) || 'b' as control, E'cr\\r\\nlf' as crlf, ']]> &amp; <![CDATA[' as markup, "
                + "'😀' as astral");
        Result withSurrogates = new Result(result.columns(), List.of(result.rows().get(0),
                new String[] {"lone \uD800 high", "lone \uDC00 low", "\uFFFE\u0000\u000B", "x\uD83D"}));
        Document xml = exportXml(withSurrogates, new ResultInfo("title \u0001 \r\n", null), false);
        assertEquals(List.of(List.of("a\uFFFDb", "cr\r\nlf", "]]> &amp; <![CDATA[", "😀"),
                List.of("lone \uFFFD high", "lone \uFFFD low", "\uFFFD\uFFFD\uFFFD", "x\uFFFD")), rows(xml));
        assertEquals("title \uFFFD \r\n", xml.getDocumentElement().getAttribute("title"));
    }

    @Test
    void anEmptyResultStillDeclaresItsColumns() throws Exception {
        Result result = query("select * from every_type where false");
        Document xml = exportXml(result, INFO, false);
        assertEquals(result.columns().size(), elements(xml.getDocumentElement(), "column").size());
        assertEquals(1, xml.getElementsByTagName("rows").getLength());
        assertEquals(0, xml.getElementsByTagName("row").getLength());
        assertEquals("0", ((Element) xml.getElementsByTagName("summary").item(0)).getAttribute("row_count"));
    }

    @Test
    void truncationIsSaid() throws Exception {
        Result result = query("select generate_series(1, 3) as n");
        Document xml = exportXml(result, INFO, true);
        Element summary = (Element) xml.getElementsByTagName("summary").item(0);
        assertEquals("3", summary.getAttribute("row_count"));
        assertEquals("true", summary.getAttribute("truncated"));
        assertSameCells(result, xml);
    }

    @Test
    void theOutputIsUtf8WithItsDeclarationFirst() throws Exception {
        byte[] xml = JsonWriterTest.export(XmlWriter::new, query("select 'Grüße' as g"), INFO, false);
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clip "), text);
        assertTrue(text.contains("<v>Grüße</v>"), text);
    }
}
