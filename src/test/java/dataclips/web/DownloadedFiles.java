package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Files Chromium saved into its download directory, read back with real parsers into a header and rows of text
 * (null for NULL), each parser checking on the way the types its format promises: JSON and XLSX numbers are
 * numbers, XLSX dates are dates, XML and JSON keep NULL apart from text.
 */
final class DownloadedFiles {
    /** What a download holds: the column names and each row's values as text, NULL as null. */
    record Table(List<String> names, List<List<String>> rows) {}

    private DownloadedFiles() {}

    /** Empties the download directory, so the next finished file is the next download. */
    static void clear(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    /** Waits until a finished file with this extension is in the directory (Chromium writes .crdownload first). */
    static Path await(WebDriverWait wait, Path directory, String extension) {
        return wait.until(d -> {
            try (Stream<Path> files = Files.list(directory)) {
                List<Path> all = files.toList();
                if (all.stream().anyMatch(p -> p.toString().endsWith(".crdownload"))) {
                    return null;
                }
                return all.stream().filter(p -> p.toString().endsWith("." + extension)).findFirst().orElse(null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** RFC 4180 through commons-csv; the writer sends NULL as an empty field, so NULL reads back as "". */
    static Table csv(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
            return new Table(parser.getHeaderNames(), rows);
        }
    }

    /** Heroku's shape, {"fields": […], "values": [[…]]}: numbers must arrive as JSON numbers. */
    static Table json(Path file, List<String> numericColumns) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<String> names = new ArrayList<>();
        root.get("fields").forEach(f -> names.add(f.asText()));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : root.get("values")) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                JsonNode v = row.get(i);
                if (numericColumns.contains(names.get(i))) {
                    assertTrue(v.isNumber(), names.get(i) + " is a JSON number: " + v);
                }
                values.add(v.isNull() ? null : v.asText());
            }
            rows.add(values);
        }
        assertEquals(rows.size(), root.get("row_count").asInt());
        return new Table(names, rows);
    }

    /** The JDK's DOM parser with DOCTYPEs refused: column names are attributes, NULL is null="true". */
    static Table xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = factory.newDocumentBuilder().parse(in);
        }
        List<String> names = new ArrayList<>();
        NodeList columns = doc.getElementsByTagName("column");
        for (int i = 0; i < columns.getLength(); i++) {
            names.add(((Element) columns.item(i)).getAttribute("name"));
        }
        List<List<String>> rows = new ArrayList<>();
        NodeList rowNodes = doc.getElementsByTagName("row");
        for (int r = 0; r < rowNodes.getLength(); r++) {
            NodeList cells = ((Element) rowNodes.item(r)).getElementsByTagName("v");
            List<String> values = new ArrayList<>();
            for (int c = 0; c < cells.getLength(); c++) {
                Element v = (Element) cells.item(c);
                values.add("true".equals(v.getAttribute("null")) ? null : v.getTextContent());
            }
            rows.add(values);
        }
        return new Table(names, rows);
    }

    /** POI's full model: numbers are numeric cells, dates are date-formatted cells (read back as yyyy-mm-dd). */
    static Table xlsx(Path file, List<String> numericColumns, List<String> dateColumns) throws IOException {
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            List<String> names = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> names.add(cell.getStringCellValue()));
            List<List<String>> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> values = new ArrayList<>();
                for (int c = 0; c < names.size(); c++) {
                    values.add(text(row.getCell(c), names.get(c), numericColumns, dateColumns));
                }
                rows.add(values);
            }
            return new Table(names, rows);
        }
    }

    private static String text(Cell cell, String name, List<String> numericColumns, List<String> dateColumns) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        if (numericColumns.contains(name)) {
            assertEquals(CellType.NUMERIC, cell.getCellType(), name + " is a numeric cell");
            return Long.toString((long) cell.getNumericCellValue());
        }
        if (dateColumns.contains(name)) {
            assertTrue(DateUtil.isCellDateFormatted(cell), name + " is a date cell");
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        assertEquals(CellType.STRING, cell.getCellType(), name + " is a text cell");
        return cell.getStringCellValue();
    }
}
