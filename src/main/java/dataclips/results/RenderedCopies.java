package dataclips.results;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored results as their downloads were rendered, kept on this instance's disk, so that a repeat download of a
 * stored result (gzip or not, any format) is a copy of bytes instead of a re-render (bench/README, "Speed"). A copy
 * is keyed by the result's checksum and the variant ("csv", "csv-bom", "json.gz", …): equal checksums mean equal
 * rows, so a copy is never stale. It is written while the first download streams (a live run's or a replay's) and
 * kept only when that download completed ({@link KeptCopy}); each file's CRC32C is in its name and is checked before
 * the first byte of it is sent on this instance.
 * The least recently used copies go once the total passes the limit (DATACLIPS_RENDERED_MB).
 */
public final class RenderedCopies {
    private static final Logger LOG = LoggerFactory.getLogger(RenderedCopies.class);
    private static final int FILE_BUFFER = 128 * 1024;
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{64})\\.([a-z0-9.-]{1,20})\\.([0-9a-f]{8})");
    private final Path dir;
    private final long maxBytes;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();

    /**
     * One kept copy: its file, size and CRC32C, when it was last used (a counter, for eviction), and whether this
     * instance has checked the file against its CRC32C yet (once: the file never changes, and checking it on every
     * download read it twice).
     */
    private record Entry(Path file, long size, int crc, AtomicLong used, AtomicBoolean checked) {}

    /** Keeps nothing: for downloads whose result no later download is served (a clip run on every request). */
    public static final RenderedCopies NONE = new RenderedCopies(null, 0);

    /** Keeps at most maxBytes under dir (0: keeps nothing). Copies left by an earlier start are found again. */
    public RenderedCopies(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        if (maxBytes > 0) {
            open();
        }
    }

    /** The kept bytes of this rendition, checked, ready to send; empty when none is kept or it is damaged. */
    public Optional<Copy> find(String checksum, String variant) {
        Entry entry = checksum == null ? null : entries.get(key(checksum, variant));
        if (entry == null) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(entry.file(), StandardOpenOption.READ)) {
            MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            if (channel.size() != entry.size() || !entry.checked().get() && crc32c(bytes) != entry.crc()) {
                LOG.error("the kept copy {} does not match its checksum; removed, the result is rendered again", entry.file());
                forget(key(checksum, variant), entry);
                return Optional.empty();
            }
            entry.checked().set(true);
            entry.used().set(clock.incrementAndGet());
            return Optional.of(new Copy(bytes));
        } catch (IOException e) {
            forget(key(checksum, variant), entry);
            return Optional.empty();
        }
    }

    /** A stream that sends to out and keeps what passes, until {@link #finish} names the result it was. */
    public OutputStream keeper(String variant, OutputStream out) {
        if (maxBytes <= 0) {
            return new KeptCopy(out, variant, null, null);
        }
        try {
            Path temp = dir.resolve("writing-" + UUID.randomUUID());
            // The format writers hand on 8 KB at a time; the file takes it in larger writes, a tenth of the system calls.
            return new KeptCopy(out, variant, temp, new BufferedOutputStream(
                    Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), FILE_BUFFER));
        } catch (IOException e) {
            LOG.warn("cannot keep a rendered copy in {}: {}", dir, e.getMessage());
            return new KeptCopy(out, variant, null, null);
        }
    }

    /**
     * Ends what a keeper wrote: kept for the result with this checksum when the download completed and its stream
     * was closed, dropped otherwise (empty: the download failed or its viewer left).
     */
    public void finish(OutputStream keeper, Optional<String> checksum) {
        if (!(keeper instanceof KeptCopy k)) {
            return;
        }
        if (checksum.isEmpty() || k.failed()) {
            k.discard();
            return;
        }
        keep(k, checksum.get());
    }

    private void keep(KeptCopy k, String checksum) {
        k.closeFile(); // normally closed with its stream already
        String name = checksum + "." + k.variant + "." + String.format("%08x", k.crc());
        try {
            Path file = Files.move(k.temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Entry old = entries.put(key(checksum, k.variant), new Entry(file, k.size(), k.crc(),
                    new AtomicLong(clock.incrementAndGet()), new AtomicBoolean()));
            total.addAndGet(k.size() - (old == null ? 0 : old.size()));
            if (old != null && !old.file().equals(file)) {
                Files.deleteIfExists(old.file()); // an XLSX rendered twice differs in its timestamps
            }
            evict();
        } catch (IOException e) {
            LOG.warn("cannot keep the rendered copy {}: {}", name, e.getMessage());
            k.discard();
        }
    }

    /** Bytes of a kept copy, mapped from its file: sent with one call, without passing through the heap. */
    public record Copy(MappedByteBuffer bytes) {
        public long size() {
            return bytes.capacity();
        }
    }

    private static int crc32c(MappedByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return (int) crc.getValue();
    }

    private static String key(String checksum, String variant) {
        return checksum + "." + variant;
    }

    /** Creates the directory (0700) and finds the copies kept before; half-written ones are removed. */
    private void open() {
        try {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: its own permissions apply
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(this::found);
            }
            evict();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + dir + " for rendered copies: " + e.getMessage(), e);
        }
    }

    private void found(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        try {
            if (!m.matches()) {
                Files.deleteIfExists(file);
                return;
            }
            long size = Files.size(file);
            entries.put(key(m.group(1), m.group(2)), new Entry(file, size, Integer.parseUnsignedInt(m.group(3), 16),
                    new AtomicLong(clock.incrementAndGet()), new AtomicBoolean()));
            total.addAndGet(size);
        } catch (IOException e) {
            LOG.warn("cannot read the kept copy {}: {}", file, e.getMessage());
        }
    }

    private synchronized void evict() {
        while (total.get() > maxBytes && !entries.isEmpty()) {
            entries.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().used().get()))
                    .ifPresent(e -> forget(e.getKey(), e.getValue()));
        }
    }

    private void forget(String key, Entry entry) {
        if (entries.remove(key, entry)) {
            total.addAndGet(-entry.size());
            try {
                Files.deleteIfExists(entry.file());
            } catch (IOException e) {
                LOG.warn("cannot remove the kept copy {}: {}", entry.file(), e.getMessage());
            }
        }
    }
}
