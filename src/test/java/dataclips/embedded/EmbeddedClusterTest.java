package dataclips.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.StartupException;
import dataclips.TestCluster;
import dataclips.sources.PostgresUrl;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbeddedClusterTest {
    private final EmbeddedCluster cluster = TestCluster.get();

    private Connection reader(PgNode node, String database) throws SQLException {
        PostgresUrl url = PostgresUrl.parse(cluster.readerUrl(node));
        return DriverManager.getConnection(node.jdbcUrl(database), url.user(), url.password());
    }

    @Test
    void followerReplicatesWritesFromThePrimary() throws Exception {
        String marker = "replicated-" + System.nanoTime();
        try (Connection c = cluster.superuserConnection("employees"); Statement s = c.createStatement()) {
            s.execute("create table if not exists replication_probe (value text)");
            s.execute("insert into replication_probe values ('" + marker + "')");
        }
        long deadline = System.currentTimeMillis() + 10_000;
        boolean seen = false;
        while (!seen && System.currentTimeMillis() < deadline) {
            try (Connection c = reader(cluster.follower(), "employees"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from replication_probe where value = '" + marker + "'")) {
                rs.next();
                seen = rs.getInt(1) == 1;
            } catch (SQLException tableNotYetReplayed) {
                // retry until the deadline
            }
            Thread.sleep(100);
        }
        assertTrue(seen, "the row written on the primary never appeared on the follower");
    }

    /** zonky's defaults are for throwaway test databases; ours hold the users' data and must survive a power cut. */
    @Test
    void bothServersFlushTheirWritesToDisk() throws Exception {
        for (PgNode node : new PgNode[] {cluster.primary(), cluster.follower()}) {
            try (Connection c = node.superuserConnection("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit'), "
                         + "current_setting('full_page_writes')")) {
                rs.next();
                assertEquals(List.of("on", "on", "on"), List.of(rs.getString(1), rs.getString(2), rs.getString(3)),
                        "fsync, synchronous_commit, full_page_writes on port " + node.port());
            }
        }
    }

    @Test
    void followerIsInRecoveryAndRefusesWritesEvenFromTheSuperuser() throws Exception {
        try (Connection c = cluster.follower().superuserConnection("employees"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
                rs.next();
                assertTrue(rs.getBoolean(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> s.execute("insert into departments values ('d999', 'Nope')"));
            assertTrue(e.getMessage().contains("read-only transaction"), e.getMessage());
        }
        try (Connection c = cluster.primary().superuserConnection("employees"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
            rs.next();
            assertFalse(rs.getBoolean(1));
        }
    }

    @Test
    void sampleDatabaseHoldsTheClassicSchemaAtTenPercent() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = reader(cluster.follower(), "employees"); Statement s = c.createStatement()) {
            for (String table : new String[] {"employees", "departments", "dept_emp", "dept_manager", "titles", "salaries"}) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*) from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace")) {
                rs.next();
                assertEquals(6, rs.getInt(1), "foreign keys: dept_emp 2, dept_manager 2, titles 1, salaries 1");
            }
        }
        assertEquals(30_002, counts.get("employees"));
        assertEquals(9, counts.get("departments"));
        assertEquals(24, counts.get("dept_manager"));
        assertTrue(counts.get("salaries") > 270_000 && counts.get("salaries") < 300_000, "salaries: " + counts);
        assertTrue(counts.get("dept_emp") > 30_002 && counts.get("titles") > 30_002, counts.toString());
    }

    @Test
    void everyTypeTableCoversTheAwkwardValues() throws Exception {
        try (Connection c = reader(cluster.follower(), "employees"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select count(*), count(*) filter (where real_num = 'NaN' and double_num = '-Infinity'), count(*) filter (where real_num = 'Infinity'),
                            max(exact)::text, bool_or(label like '=%'), bool_or(label like '%' || chr(10) || '%'),
                            count(*) filter (where id = 5 and label is null), count(*) filter (where short_code = ''),
                            pg_typeof(max(feeling))::text
                     from every_type""")) {
            rs.next();
            assertEquals(5, rs.getInt(1));
            assertEquals(1, rs.getInt(2));
            assertEquals(1, rs.getInt(3));
            assertEquals("123456789012345678901234567890", rs.getString(4));
            assertTrue(rs.getBoolean(5) && rs.getBoolean(6));
            assertEquals(1, rs.getInt(7));
            assertEquals(1, rs.getInt(8));
            assertEquals("mood", rs.getString(9));
        }
    }

    @Test
    void readerRoleCannotReachTheMetadataDatabase() {
        SQLException e = assertThrows(SQLException.class, () -> reader(cluster.primary(), "dataclips").close());
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }

    @Test
    void secondInstanceOnTheSameHomeIsRefusedWithAClearMessage() {
        StartupException e = assertThrows(StartupException.class, () -> EmbeddedCluster.open(TestCluster.HOME, 0.1));
        assertTrue(e.getMessage().contains("in use by another running Dataclips instance"), e.getMessage());
        assertTrue(cluster.primary().running() && cluster.follower().running(), "the running pair must be untouched");
    }

    @Test
    void dataDirectoriesArePrivate() throws Exception {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(cluster.follower().dataDir());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), perms);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(TestCluster.HOME.resolve("embedded.properties")));
    }

    /** Another local user must not swap the PostgreSQL binaries the app runs at its next start, nor anything else. */
    @Test
    void nothingUnderTheHomeIsWritableByOtherUsers() throws Exception {
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        assertEquals(ownerOnly, Files.getPosixFilePermissions(TestCluster.HOME.resolve("postgres")));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(TestCluster.HOME.resolve("postgres-binaries")));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(TestCluster.HOME.resolve("postgres-binaries/unpacked")));
        List<String> writable;
        try (var tree = Files.walk(TestCluster.HOME)) {
            writable = tree.filter(p -> !Files.isSymbolicLink(p)).filter(p -> {
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                    return perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE);
                } catch (java.io.IOException gone) {
                    return false; // a file PostgreSQL removed while the walk passed
                }
            }).map(p -> TestCluster.HOME.relativize(p).toString()).toList();
        }
        assertEquals(List.of(), writable);
        try (var unpacked = Files.list(TestCluster.HOME.resolve("postgres-binaries/unpacked"))) {
            assertTrue(unpacked.anyMatch(p -> Files.isExecutable(p.resolve("bin/postgres"))), "the binaries still run");
        }
    }
}
