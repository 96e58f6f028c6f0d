package dataclips.embedded;

import dataclips.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OS file lock on DATACLIPS_HOME: two instances on one embedded data directory would corrupt it.
 * The OS drops the lock when the process dies, so a crashed instance never blocks the next start.
 */
final class HomeLock implements AutoCloseable {
    /**
     * Homes locked by this JVM. POSIX locks belong to the process and closing any descriptor of the file
     * drops them, so a second attempt in the same JVM must be refused before it opens the file at all.
     */
    private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static HomeLock acquire(Path home) {
        Path file = home.toAbsolutePath().normalize().resolve("dataclips.lock");
        if (!HELD_IN_THIS_PROCESS.add(file)) {
            throw inUse(home, file);
        }
        try {
            return lock(home, file);
        } catch (RuntimeException e) {
            HELD_IN_THIS_PROCESS.remove(file);
            throw e;
        }
    }

    private static HomeLock lock(Path home, Path file) {
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw inUse(home, file);
            }
            return new HomeLock(file, channel, lock);
        } catch (IOException e) {
            throw new StartupException("cannot lock DATACLIPS_HOME " + home.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static StartupException inUse(Path home, Path file) {
        return new StartupException("DATACLIPS_HOME " + home.toAbsolutePath() + " is in use by another running "
                + "Dataclips instance (" + file + " is locked). Stop that instance first, or set DATACLIPS_HOME "
                + "to another directory.");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        } finally {
            HELD_IN_THIS_PROCESS.remove(file);
        }
    }
}
