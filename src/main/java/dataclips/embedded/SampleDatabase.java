package dataclips.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the sample database "employees" (plus the every-type table) inside PostgreSQL, deterministically. */
final class SampleDatabase {
    static final String NAME = "employees";
    /** Employees in the full classic dataset; scale 1 reproduces that count exactly. */
    static final int FULL_EMPLOYEES = 300_024;

    private SampleDatabase() {}

    static void create(PgNode primary, double scale) throws SQLException {
        try (Connection c = primary.superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + NAME);
        }
        int total = Math.max(100, (int) Math.round(FULL_EMPLOYEES * scale));
        try (Connection c = primary.superuserConnection(NAME); Statement s = c.createStatement()) {
            s.execute(resource("employees.sql").replace(":total", Integer.toString(total)));
            s.execute(resource("every_type.sql"));
        }
    }

    private static String resource(String name) {
        try (InputStream in = SampleDatabase.class.getResourceAsStream("/embedded/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
