package dataclips.results;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A download's stream that also writes what passes to a temp file, with its CRC32C and size, for
 * {@link RenderedCopies} to keep once the download completed; a copy that cannot be written is dropped, never the
 * download.
 */
final class KeptCopy extends FilterOutputStream {
    private static final Logger LOG = LoggerFactory.getLogger(KeptCopy.class);
    final String variant;
    final Path temp;
    private final OutputStream file;
    private final CRC32C crc = new CRC32C();
    private long size;
    private boolean failed;
    private boolean fileClosed;

    /** temp and file null: nothing is kept (keeping is off, or the file could not be made). */
    KeptCopy(OutputStream out, String variant, Path temp, OutputStream file) {
        super(out);
        this.variant = variant;
        this.temp = temp;
        this.file = file;
        this.failed = file == null;
    }

    int crc() {
        return (int) crc.getValue();
    }

    long size() {
        return size;
    }

    boolean failed() {
        return failed;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (!failed) {
            try {
                file.write(b, off, len);
                crc.update(b, off, len);
                size += len;
            } catch (IOException e) {
                LOG.warn("keeping a rendered copy failed, the download goes on: {}", e.getMessage());
                discard();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            closeFile();
        }
    }

    void closeFile() {
        if (file != null && !fileClosed) {
            fileClosed = true;
            try {
                file.close();
            } catch (IOException e) {
                failed = true;
            }
        }
    }

    void discard() {
        failed = true;
        closeFile();
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover "writing-…" file is removed at the next start
            }
        }
    }
}
