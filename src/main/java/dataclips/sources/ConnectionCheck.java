package dataclips.sources;

import dataclips.UserError;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The checks a database must pass before clips may run on it: reachable within 10 s, a follower
 * (or, for the optional primary, not one), and a login role that cannot do more than read.
 */
final class ConnectionCheck {
    private static final String FIX_ROLE = """
            On the primary, create a role that can only read and register that one instead:
              CREATE ROLE dataclips_reader LOGIN PASSWORD 'choose-a-password';
              GRANT USAGE ON SCHEMA public TO dataclips_reader;  -- and each schema clips may read
              GRANT SELECT ON ALL TABLES IN SCHEMA public TO dataclips_reader;
              ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO dataclips_reader;
            (pg_read_all_data also works, but it can read every role's password hash in pg_authid.)""";
    private static final String ROLE_QUERY = """
            select r.rolsuper, r.rolreplication, r.rolcreaterole,
                   array(select d from unnest(array['pg_execute_server_program', 'pg_read_server_files',
                                                    'pg_write_server_files']) d
                         where pg_has_role(current_user, d, 'MEMBER')),
                   array(select s.rolname from pg_roles s
                         where (s.rolsuper or s.rolreplication or s.rolcreaterole) and s.rolname <> current_user
                           and pg_has_role(current_user, s.oid, 'MEMBER'))
            from pg_roles r where r.rolname = current_user""";

    private ConnectionCheck() {}

    /** Connection properties for short administrative connections: registration and health checks. */
    static Properties properties(PostgresUrl url, int timeoutSeconds) {
        Properties props = url.properties();
        props.setProperty("connectTimeout", Integer.toString(Math.max(1, timeoutSeconds / 2)));
        props.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("ApplicationName", "dataclips");
        return props;
    }

    static Connection connect(PostgresUrl url, int timeoutSeconds) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), properties(url, timeoutSeconds));
    }

    /**
     * Refuses (422) unless the URL reaches a server in the expected recovery state, as a harmless role; answers
     * the warnings of a follower that passed ({@link RegistrationWarnings}).
     */
    static List<String> require(String label, PostgresUrl url, boolean follower) {
        try (Connection c = connect(url, 8); Statement s = c.createStatement()) {
            requireRecovery(label, url, s, follower);
            requireHarmlessRole(label, url, s);
            return follower ? RegistrationWarnings.of(label, url, s) : List.of();
        } catch (SQLException e) {
            throw refused("unreachable", label + " (" + url.display() + "): " + describe(e, url));
        }
    }

    private static void requireRecovery(String label, PostgresUrl url, Statement s, boolean follower) throws SQLException {
        try (ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
            rs.next();
            boolean inRecovery = rs.getBoolean(1);
            if (follower && !inRecovery) {
                throw refused("not_a_follower", label + " (" + url.display() + ") is not a follower: "
                        + "pg_is_in_recovery() is false, so it is a primary and clips never run on a primary. "
                        + "Register a streaming-replication standby (a read replica) here, and give the primary "
                        + "under \"primary\" if you want lag measured against it.");
            }
            if (!follower && inRecovery) {
                throw refused("primary_in_recovery", label + " (" + url.display() + ") is in recovery (a standby): "
                        + "\"primary\" must be the server the followers replicate from.");
            }
        }
    }

    private static void requireHarmlessRole(String label, PostgresUrl url, Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery(ROLE_QUERY)) {
            rs.next();
            List<String> problems = new ArrayList<>();
            if (rs.getBoolean(1)) {
                problems.add("is a superuser");
            }
            if (rs.getBoolean(2)) {
                problems.add("has the REPLICATION attribute");
            }
            if (rs.getBoolean(3)) {
                problems.add("has the CREATEROLE attribute");
            }
            strings(rs.getArray(4)).forEach(r -> problems.add("is a member of " + r));
            strings(rs.getArray(5)).forEach(r -> problems.add("is a member of the privileged role " + r));
            if (!problems.isEmpty()) {
                throw refused("unsafe_role", label + " (" + url.display() + "): the role " + url.user() + " "
                        + String.join(", ", problems) + ". Clips must run as a role that can only read. " + FIX_ROLE);
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(Object::toString).toList();
    }

    /** A database error phrased as what to check, keyed on its SQLSTATE class. */
    static String describe(SQLException e, PostgresUrl url) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "PostgreSQL refused the login of " + url.user() + " (" + e.getMessage()
                    + "). Check the user name and password.";
        }
        if (state.equals("3D000")) {
            return "the database " + url.database() + " does not exist there. Check the database name.";
        }
        if (state.startsWith("08") || state.isEmpty()) {
            return "could not connect within 10 s (" + e.getMessage() + "). Check the host and port, that "
                    + "PostgreSQL listens there and that its pg_hba.conf accepts this app.";
        }
        return e.getMessage();
    }

    private static UserError refused(String code, String message) {
        return new UserError(422, code, message);
    }
}
