package dataclips.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dataclips.export.Format;
import dataclips.export.PageTable;
import dataclips.export.ResultWriter;
import dataclips.export.Tee;
import dataclips.export.chart.ChartWriter;
import dataclips.export.chart.ImageFormat;
import dataclips.export.chart.ImageSize;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A snapshot rendered once per format for every recipient on this instance (README, "Delivery"): its first rows and
 * chart for message bodies, and its CSV or XLSX file for attachments, streamed from the stored result into a temp file
 * under DATACLIPS_HOME/delivery (0700). Kept while deliveries use them (10 minutes after the last use, 64 at most);
 * concurrent senders of one snapshot wait for the one rendering.
 */
final class Renderings implements AutoCloseable {
    /** Rows shown in a message's body. */
    static final int ROWS = 20;
    private final Results results;
    private final Path directory;
    private final AtomicInteger rendered = new AtomicInteger();
    private final Cache<String, Object> kept = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(64).removalListener((String key, Object value, com.github.benmanes.caffeine.cache.RemovalCause c) -> {
                if (value instanceof Rendered file) {
                    deleteQuietly(file.path());
                }
            }).build();

    /** A body's part: the first rows (each value cut for the page) and the chart as PNG, if the result has one. */
    record Summary(PageTable table, Optional<byte[]> chartPng) {}

    /** A file of the whole snapshot in one format. */
    record Rendered(Path path, long size, Format format) {}

    Renderings(Results results, Path directory) {
        this.results = results;
        this.directory = directory;
        try {
            if (Files.isDirectory(directory)) {
                try (var old = Files.list(directory)) {
                    old.forEach(Renderings::deleteQuietly); // left by an instance that stopped
                }
            }
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory + " for delivery files", e);
        }
    }

    Summary summary(StoredResult snapshot) {
        return (Summary) kept.get(snapshot.id() + ":summary", k -> renderSummary(snapshot));
    }

    Rendered file(StoredResult snapshot, Format format) {
        return (Rendered) kept.get(snapshot.id() + ":" + format.extension(), k -> renderFile(snapshot, format));
    }

    /** How many renderings this instance made (the bench's proof that one snapshot is rendered once per format). */
    int renderedCount() {
        return rendered.get();
    }

    private Summary renderSummary(StoredResult snapshot) {
        PageTable table = new PageTable(ROWS);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartWriter chart = new ChartWriter(png, ImageFormat.PNG, snapshot.chart(), ImageSize.DEFAULT);
        replay(snapshot, new Tee(chart, table));
        boolean drawn = chart.missing().isEmpty() && png.size() > 0; // the chart decides once it has seen every row
        return new Summary(table, drawn ? Optional.of(png.toByteArray()) : Optional.empty());
    }

    private Rendered renderFile(StoredResult snapshot, Format format) {
        try {
            Path file = Files.createTempFile(directory, "snapshot-" + snapshot.id() + "-", "." + format.extension());
            try (OutputStream out = Files.newOutputStream(file)) {
                replay(snapshot, format.writer(out, false));
            } catch (IOException | RuntimeException e) {
                deleteQuietly(file);
                throw e;
            }
            return new Rendered(file, Files.size(file), format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + snapshot.id() + " as " + format.extension(), e);
        }
    }

    private void replay(StoredResult snapshot, ResultWriter writer) {
        rendered.incrementAndGet();
        try {
            results.replay(snapshot, writer);
        } catch (IOException e) {
            writer.abort();
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file: removed at the next start at the latest
        }
    }

    @Override
    public void close() {
        kept.invalidateAll();
        kept.cleanUp();
    }
}
