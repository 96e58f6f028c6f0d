package dataclips.export;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * POI's streaming workbook with compression at level 1, for its temp files and for the .xlsx zip itself:
 * a million rows pass through deflate twice, and the default level made that the slowest part of an
 * export. The file is somewhat larger; Excel, LibreOffice and openpyxl read it the same.
 */
final class FastSxssfWorkbook extends SXSSFWorkbook {
    private static final int BUFFER = 1 << 16;

    FastSxssfWorkbook(int rowsInMemory) {
        super(rowsInMemory);
        setCompressTempFiles(true); // large results are mostly repetitive XML: compressing saves disk
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new FastGzipSheetDataWriter();
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        return zip;
    }

    /** A sheet's temp file, gzipped at level 1. */
    private static final class FastGzipSheetDataWriter extends SheetDataWriter {
        FastGzipSheetDataWriter() throws IOException {
            super();
        }

        @Override
        protected OutputStream decorateOutputStream(FileOutputStream fos) throws IOException {
            return new GZIPOutputStream(fos, BUFFER) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }

        @Override
        protected InputStream decorateInputStream(FileInputStream fis) throws IOException {
            return new GZIPInputStream(fis, BUFFER);
        }
    }
}
