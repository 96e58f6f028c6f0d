package dataclips.embedded;

import dataclips.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock on DATACLIPS_HOME: two instances on one embedded data directory would corrupt it.
 * The OS drops the lock when the process dies, so a crashed instance never blocks the next start.
 */
final class HomeLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static HomeLock acquire(Path home) {
        Path file = home.resolve("dataclips.lock");
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new StartupException("DATACLIPS_HOME " + home.toAbsolutePath()
                        + " is in use by another running Dataclips instance (" + file
                        + " is locked). Stop that instance first, or set DATACLIPS_HOME to another directory.");
            }
            return new HomeLock(channel, lock);
        } catch (IOException e) {
            throw new StartupException("cannot lock DATACLIPS_HOME " + home.toAbsolutePath() + ": " + e.getMessage(), e);
        }
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
        }
    }
}
