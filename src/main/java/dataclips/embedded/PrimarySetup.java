package dataclips.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;

/**
 * First-start set-up of the embedded primary: passwords instead of initdb's "trust", the metadata
 * database and its owner, the read-only role clips run as, the sample database and the follower's slot.
 */
final class PrimarySetup {
    static final String APP_ROLE = "dataclips";

    /** Password logins only, over loopback; no Unix-socket or trust access for other local users. */
    private static final String PG_HBA = """
            # Written by Dataclips. TYPE DATABASE USER ADDRESS METHOD
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            host replication replicator 127.0.0.1/32 scram-sha-256
            host replication replicator ::1/128 scram-sha-256
            """;

    private PrimarySetup() {}

    static void initialize(PgNode primary, EmbeddedState state, double sampleScale, String slot) throws SQLException {
        EmbeddedCluster.execute(primary, "postgres",
                "alter role postgres password '" + state.password("postgres") + "'",
                "create role replicator with replication login password '" + state.password("replicator") + "'",
                "create role " + APP_ROLE + " login password '" + state.password(APP_ROLE) + "'",
                "create database " + EmbeddedCluster.METADATA_DATABASE + " owner " + APP_ROLE,
                // The clip role may read every table, so it must not even connect to the metadata database.
                "revoke connect, temporary on database " + EmbeddedCluster.METADATA_DATABASE + " from public",
                "revoke connect, temporary on database postgres from public",
                "create role " + EmbeddedCluster.READER_ROLE + " login password '"
                        + state.password(EmbeddedCluster.READER_ROLE) + "'",
                "select pg_create_physical_replication_slot('" + slot + "')");
        SampleDatabase.create(primary, sampleScale);
        EmbeddedCluster.execute(primary, SampleDatabase.NAME,
                "revoke create on schema public from public",
                "revoke temporary on database " + SampleDatabase.NAME + " from public");
        writeHba(primary);
    }

    /**
     * Run at every start, so installs made before it get it too (GRANT and REVOKE are idempotent, and the follower
     * replays them): PostgreSQL lets any role signal the other backends of the same role, so without this one clip, as
     * dataclips_reader, could cancel or terminate another clip's query. Only the sample database matters: the
     * reader cannot connect to the others. pg_reload_conf and pg_rotate_logfile are superuser-only already; the
     * revoke states it. The same for what other sessions are running (pg_stat_activity and the functions under it).
     */
    static void harden(PgNode primary) throws SQLException {
        String reader = EmbeddedCluster.READER_ROLE;
        EmbeddedCluster.execute(primary, SampleDatabase.NAME,
                "revoke execute on function pg_catalog.pg_cancel_backend(integer), "
                        + "pg_catalog.pg_terminate_backend(integer, bigint), pg_catalog.pg_reload_conf(), "
                        + "pg_catalog.pg_rotate_logfile() from public",
                // Every clip runs as the reader, and a role sees the SQL of all its own sessions: one clip could
                // show another's (a private one's) while it runs. Clips refuse these names; this is the second layer.
                "revoke select on pg_catalog.pg_stat_activity from public",
                "revoke execute on function pg_catalog.pg_stat_get_activity(integer), "
                        + "pg_catalog.pg_stat_get_backend_activity(integer) from public",
                // Not pg_read_all_data (as before): it includes the catalogs, so a clip could read every role's
                // password hash in pg_authid, or its values through pg_stats. SELECT on the sample's schema, now and
                // for tables created later, gives clips the data and nothing else.
                "revoke pg_read_all_data from " + reader,
                "grant usage on schema public to " + reader,
                "grant select on all tables in schema public to " + reader,
                "alter default privileges for role postgres in schema public grant select on tables to " + reader);
    }

    private static void writeHba(PgNode primary) throws SQLException {
        try {
            Files.writeString(primary.dataDir().resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedCluster.execute(primary, "postgres", "select pg_reload_conf()");
    }
}
