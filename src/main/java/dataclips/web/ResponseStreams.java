package dataclips.web;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** The output streams a download is written through. */
final class ResponseStreams {
    private ResponseStreams() {}

    /** Counts the bytes the format wrote, for the audit log. */
    static final class Counting extends FilterOutputStream {
        private volatile long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        long count() {
            return count;
        }
    }

    /** gzip at level 1: most of the saving for a fraction of the CPU, so compression never bounds a download. */
    static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
