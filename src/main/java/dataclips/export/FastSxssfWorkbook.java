package dataclips.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * POI's streaming workbook with a faster sheet writer ({@link FastSheetData}) and the .xlsx zip deflated at level 1:
 * a million rows pass through both, and the default deflate level made that the slowest part of an export. The
 * file is somewhat larger; Excel, LibreOffice and openpyxl read it the same.
 */
final class FastSxssfWorkbook extends SXSSFWorkbook {
    private static final int BUFFER = 1 << 16;

    FastSxssfWorkbook(int rowsInMemory) {
        super(rowsInMemory); // the temp files are compressed all the same: large results are repetitive XML
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new FastSheetData();
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        return zip;
    }
}
