package dataclips.sources;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a registration accepts but the admin should know: the role may still execute functions that reach past
 * one clip (signal other sessions of the same role, or query other servers). Clips refuse to call them by name,
 * but a function of the database that wraps them would not be seen, so the fix belongs on the database.
 */
final class RegistrationWarnings {
    private static final String QUERY = """
            select has_function_privilege('pg_catalog.pg_terminate_backend(integer, bigint)', 'execute'),
                   has_function_privilege('pg_catalog.pg_cancel_backend(integer)', 'execute'),
                   array(select distinct p.proname::text from pg_proc p
                         where p.proname like 'dblink%' and has_function_privilege(p.oid, 'execute') order by 1),
                   array(select s.srvname::text from pg_foreign_server s
                         where has_server_privilege(s.oid, 'usage') order by 1),
                   has_table_privilege('pg_catalog.pg_authid', 'select'),
                   has_table_privilege('pg_catalog.pg_stat_activity', 'select')
                       or has_function_privilege('pg_catalog.pg_stat_get_activity(integer)', 'execute'),
                   pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER')""";

    private RegistrationWarnings() {}

    /** The warnings of each follower of a registered source (each checked again, within 10 s). */
    static List<String> of(Source source) {
        List<String> warnings = new ArrayList<>();
        for (Source.Follower f : source.followers()) {
            String label = "follower " + f.position();
            try (Connection c = ConnectionCheck.connect(f.url(), 8); Statement s = c.createStatement()) {
                warnings.addAll(of(label, f.url(), s));
            } catch (SQLException e) {
                warnings.add(label + " (" + f.display() + ") could not be checked again: " + ConnectionCheck.describe(e, f.url()));
            }
        }
        return warnings;
    }

    static List<String> of(String label, PostgresUrl url, Statement s) throws SQLException {
        List<String> warnings = new ArrayList<>();
        String who = label + " (" + url.display() + "): the login role"; // its name counts as a credential: never shown
        try (ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            if (rs.getBoolean(1) || rs.getBoolean(2)) {
                warnings.add(who + " may execute pg_terminate_backend / pg_cancel_backend, so a function in this "
                        + "database that calls them could stop another clip's query. On the primary, in this database: "
                        + "REVOKE EXECUTE ON FUNCTION pg_terminate_backend(integer, bigint), pg_cancel_backend(integer) "
                        + "FROM PUBLIC;");
            }
            List<String> dblink = List.of((String[]) rs.getArray(3).getArray());
            if (!dblink.isEmpty()) {
                warnings.add(who + " may execute the dblink functions (" + String.join(", ", dblink) + "), which "
                        + "reach other servers; clips refuse them by name, but REVOKE EXECUTE on them FROM PUBLIC "
                        + "(or drop the extension) to be sure.");
            }
            List<String> servers = List.of((String[]) rs.getArray(4).getArray());
            if (!servers.isEmpty()) {
                warnings.add(who + " may use the foreign servers " + String.join(", ", servers) + " (postgres_fdw or "
                        + "another wrapper): clips can read whatever their user mappings reach. REVOKE USAGE ON FOREIGN "
                        + "SERVER … FROM the role unless that is intended.");
            }
            if (rs.getBoolean(5)) {
                warnings.add(who + " may read pg_authid, the password hashes of every role (pg_read_all_data includes "
                        + "the system catalogs). Clips refuse to name it, but a role with GRANT SELECT on the schemas "
                        + "clips need, instead of pg_read_all_data, cannot read it at all.");
            }
            activityWarning(who, rs.getBoolean(6), rs.getBoolean(7)).ifPresent(warnings::add);
        }
        return warnings;
    }

    /** pg_stat_activity shows a role the SQL of its own sessions (every session's, with pg_read_all_stats). */
    private static Optional<String> activityWarning(String who, boolean readsActivity, boolean allStats) {
        if (!readsActivity) {
            return Optional.empty();
        }
        String whose = allStats ? "every session of the server (it is a member of pg_read_all_stats), other "
                + "applications' and" : "every session of the same role, that is";
        return Optional.of(who + " may read pg_stat_activity, which shows the SQL that " + whose + " every "
                + "clip's running at the moment, private ones included. Clips refuse to name it, but a view or function "
                + "in this database that reads it would not be seen. On the primary, in this database: REVOKE SELECT ON "
                + "pg_catalog.pg_stat_activity FROM PUBLIC; REVOKE EXECUTE ON FUNCTION pg_catalog.pg_stat_get_activity"
                + "(integer), pg_catalog.pg_stat_get_backend_activity(integer) FROM PUBLIC;"
                + (allStats ? " and REVOKE pg_read_all_stats (or pg_monitor) FROM the role." : ""));
    }
}
