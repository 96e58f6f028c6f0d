package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Counts the data rows of a workbook of any size with POI's event API (SAX over each sheet, as Excel's own
 * importers do), so only one row is in memory at a time; XSSFWorkbook would hold every cell. Cells come out
 * as a spreadsheet shows them (DataFormatter: dates in their format, TRUE/FALSE).
 */
final class XlsxStreamingCount implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final List<String> header;
    private long rows;
    private List<String> current = new ArrayList<>();
    private List<String> last = List.of();

    private XlsxStreamingCount(List<String> header) {
        this.header = header;
    }

    /** Reads every sheet; each must start with the header row. Answers the data row count and the last row. */
    static LargeExportTest.Seen count(Path file, List<String> header) throws Exception {
        XlsxStreamingCount counter = new XlsxStreamingCount(header);
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            for (var sheets = reader.getSheetsData(); sheets.hasNext(); ) {
                try (InputStream sheet = sheets.next()) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, counter, new DataFormatter(), false));
                    parser.parse(new InputSource(sheet));
                }
            }
        }
        return new LargeExportTest.Seen(counter.rows, counter.last, "");
    }

    @Override
    public void startRow(int rowNum) {
        current = new ArrayList<>();
    }

    @Override
    public void endRow(int rowNum) {
        if (rowNum == 0) {
            assertEquals(header, current, "the header row of every sheet");
        } else {
            rows++;
            last = current;
        }
    }

    @Override
    public void cell(String reference, String formattedValue, XSSFComment comment) {
        current.add(formattedValue);
    }
}
