package dataclips;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files that hold secrets (keys, generated passwords): created 0600, written atomically. And directories that only
 * the app's own user may enter or change (DATACLIPS_HOME's PostgreSQL binaries and data).
 */
public final class PrivateFiles {
    private PrivateFiles() {}

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            // Create with 0600 before any byte is written, so the secret is never world-readable.
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The directory (and its parents), then rwx------ whatever it was: nobody else may enter it or list it. */
    public static void ownerOnlyDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private: " + e.getMessage(), e);
        }
    }

    /**
     * Takes group and other write permission from every file and directory under dir (links are left alone): what
     * a library unpacked with the process's umask, or made world-writable on purpose, can no longer be swapped by
     * another local user.
     */
    public static void noWriteByOthers(Path dir) {
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (perms.removeAll(others)) {
                    Files.setPosixFilePermissions(p, perms);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + dir + " to other users: " + e.getMessage(), e);
        }
    }
}
