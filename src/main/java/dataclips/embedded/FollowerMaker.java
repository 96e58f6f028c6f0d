package dataclips.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a streaming-replication follower from a running primary without pg_basebackup (not shipped
 * with the embedded binaries): the low-level backup API around a plain copy of the data directory.
 */
final class FollowerMaker {
    /** Directories whose contents the follower must not inherit (PostgreSQL's own base backup skips them too). */
    private static final Set<String> EMPTY_DIRS = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "standby.signal", "backup_label", "tablespace_map");

    private FollowerMaker() {}

    static void create(PgNode primary, Path target) {
        try (Connection c = primary.superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("select pg_backup_start('dataclips follower', true)");
            copyDataDirectory(primary.dataDir(), target);
            try (ResultSet rs = s.executeQuery("select labelfile, spcmapfile from pg_backup_stop(true)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString(1));
                String spcmap = rs.getString(2);
                if (spcmap != null && !spcmap.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), spcmap);
                }
            }
            Files.createFile(target.resolve("standby.signal"));
            // PostgreSQL refuses to start on a data directory that others can read.
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not build the follower in " + target + ": " + e.getMessage(), e);
        }
    }

    /** Points the follower at the primary; rewritten at every start because the primary's port may change. */
    static void connectTo(Path followerDir, int primaryPort, String replicatorPassword, String slot) {
        Path conf = followerDir.resolve("postgresql.auto.conf");
        try {
            List<String> kept = Files.readAllLines(conf).stream()
                    .filter(l -> !l.startsWith("primary_conninfo") && !l.startsWith("primary_slot_name"))
                    .collect(Collectors.toList());
            kept.add("primary_conninfo = 'host=localhost port=" + primaryPort + " user=replicator password="
                    + replicatorPassword + " application_name=dataclips_follower'");
            if (slot != null) {
                kept.add("primary_slot_name = '" + slot + "'");
            }
            Files.write(conf, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyDataDirectory(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir)));
                boolean skipContents = !dir.equals(source) && EMPTY_DIRS.contains(dir.getFileName().toString())
                        && dir.getParent().equals(source);
                if (skipContents && dir.getFileName().toString().equals("pg_wal")) {
                    Files.createDirectories(target.resolve("pg_wal/archive_status"));
                }
                return skipContents ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (SKIPPED_FILES.contains(file.getFileName().toString()) && file.getParent().equals(source)) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(source.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException removedDuringBackup) {
                    // files may vanish while the primary runs; WAL replay recreates what matters
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }
}
