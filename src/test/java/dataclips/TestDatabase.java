package dataclips;

import dataclips.embedded.EmbeddedCluster;
import dataclips.embedded.PgNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Set-up SQL on the shared pair: roles created on the primary and awaited on a follower. */
public final class TestDatabase {
    private TestDatabase() {}

    public static void onPrimary(String database, String... statements) {
        try (Connection c = TestCluster.get().superuserConnection(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a login role (once) on the primary with the given extra grants, and waits until the follower has it. */
    public static String role(String name, String password, String attributes, String... grants) {
        StringBuilder sql = new StringBuilder("do $$ begin if not exists (select from pg_roles where rolname = '")
                .append(name).append("') then create role ").append(name).append(" login ").append(attributes)
                .append(" password '").append(password).append("';");
        for (String grant : grants) {
            sql.append(" grant ").append(grant).append(" to ").append(name).append(";");
        }
        onPrimary("postgres", sql.append(" end if; end $$").toString());
        awaitOnFollower(TestCluster.get().follower(), "select 1 from pg_roles where rolname = '" + name + "'");
        return "postgres://" + name + ":" + password + "@localhost:" + TestCluster.get().follower().port() + "/employees";
    }

    /**
     * A function of the sample database that calls set_config, as a customer's own function may (created once, awaited on
     * the follower): the app refuses set_config by name, and this is how a clip changes its settings all the same.
     */
    public static void setConfigFunction() {
        onPrimary("employees", "create or replace function hostile_set_config(name text, value text, is_local boolean) "
                + "returns text language sql volatile as $$ select set_config(name, value, is_local) $$");
        awaitOnFollower(TestCluster.get().follower(), "employees", "select 1 from pg_proc where proname = 'hostile_set_config'");
    }

    /** The first column of the first row of a query as a superuser on the given node and database. */
    public static String scalar(PgNode node, String database, String query) {
        try (Connection c = node.superuserConnection(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    /** Replaces a clip's current SQL behind the API's back: how a stored clip from an older, laxer version looks. */
    public static void forceClipSql(String slug, String sql) {
        try (Connection c = TestCluster.get().superuserConnection(EmbeddedCluster.METADATA_DATABASE);
             var s = c.prepareStatement("update clip_versions v set sql = ? from clips c "
                     + "where c.id = v.clip_id and c.version = v.version and c.slug = ?")) {
            s.setString(1, sql);
            s.setString(2, slug);
            if (s.executeUpdate() != 1) {
                throw new AssertionError("no clip " + slug);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void awaitOnFollower(PgNode follower, String query) {
        awaitOnFollower(follower, "postgres", query);
    }

    public static void awaitOnFollower(PgNode follower, String database, String query) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = follower.superuserConnection(database); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(query)) {
                if (rs.next()) {
                    return;
                }
            } catch (SQLException notYet) {
                // the follower may still be replaying
            }
            sleep(100);
        }
        throw new AssertionError("the follower never saw: " + query);
    }

    /**
     * Waits until the follower has replayed everything the primary had written when this was called: more
     * than a row being visible, which leaves the follower replaying whatever came after it.
     */
    public static void awaitCaughtUp(PgNode follower) {
        String position = primaryFlushedPosition();
        awaitOnFollower(follower, "postgres", "select 1 where pg_last_wal_replay_lsn() >= '" + position + "'::pg_lsn");
    }

    /**
     * The primary's WAL position once everything written so far is flushed, so a follower can receive it: the
     * embedded primary commits asynchronously (zonky's default), so its write position alone can lag behind.
     */
    public static String primaryFlushedPosition() {
        try (Connection c = TestCluster.get().superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = on");
            s.execute("select txid_current()"); // a commit that waits for its WAL, and so for all WAL before it
            try (ResultSet rs = s.executeQuery("select pg_current_wal_lsn()::text")) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String readerUrl(PgNode node) {
        return TestCluster.get().readerUrl(node);
    }

    /** A plain JDBC connection to the shared follower's sample database as the clip role, past the app's checks. */
    public static Connection readerConnection() throws SQLException {
        dataclips.sources.PostgresUrl url = dataclips.sources.PostgresUrl.parse(readerUrl(TestCluster.get().follower()));
        return java.sql.DriverManager.getConnection(url.jdbcUrl(), url.properties());
    }

    public static EmbeddedCluster cluster() {
        return TestCluster.get();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
