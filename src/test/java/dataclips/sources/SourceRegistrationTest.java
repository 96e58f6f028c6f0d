package dataclips.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestCluster;
import dataclips.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SourceRegistrationTest {
    private static final String READER_PASSWORD = "Sup3r-Secret-Reader-Pw";
    @RegisterExtension
    static final AppFixture app = new AppFixture();
    private static String readerUrl;

    @BeforeAll
    static void start() {
        readerUrl = TestDatabase.role("dc_test_reader", READER_PASSWORD, "", "pg_read_all_data");
    }

    /** The same role and database, but on the primary's port. */
    private static String onThePrimary(String followerUrl) {
        return followerUrl.replace(":" + TestCluster.get().follower().port() + "/", ":" + TestCluster.get().primary().port() + "/");
    }

    private Http.Response register(String name, List<String> followers, String primary) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("followers", followers);
        if (primary != null) {
            body.put("primary", primary);
        }
        return app.http().postJson("/api/v1/sources", body, Http.bearer(app.admin()));
    }

    private void assertRefused(String name, String follower, String code, String messagePart) {
        Http.Response r = register(name, List.of(follower), null);
        assertEquals(422, r.status(), r.body());
        assertEquals(code, r.json().at("/error/code").asText(), r.body());
        assertTrue(r.json().at("/error/message").asText().contains(messagePart), r.body());
        assertEquals(404, app.http().get("/api/v1/sources/" + name, Http.bearer(app.admin())).status(), "nothing stored");
    }

    @Test
    void aPrimaryIsRefusedAsAFollower() {
        String primary = onThePrimary(readerUrl);
        assertRefused("refused-primary", primary, "not_a_follower", "pg_is_in_recovery() is false");
    }

    @Test
    void aSuperuserIsRefusedWithTheSqlToCreateAProperRole() {
        String url = TestDatabase.role("dc_test_super", "pw-super-1", "superuser");
        assertRefused("refused-super", url, "unsafe_role", "is a superuser");
        assertRefused("refused-super", url, "unsafe_role", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO dataclips_reader");
    }

    @Test
    void dangerousMembershipsAndAttributesAreRefused() {
        assertRefused("refused-files", TestDatabase.role("dc_test_files", "pw-files-1", "", "pg_read_server_files"),
                "unsafe_role", "is a member of pg_read_server_files");
        assertRefused("refused-write", TestDatabase.role("dc_test_write", "pw-write-1", "", "pg_write_server_files"),
                "unsafe_role", "is a member of pg_write_server_files");
        assertRefused("refused-program", TestDatabase.role("dc_test_program", "pw-prog-1", "", "pg_execute_server_program"),
                "unsafe_role", "is a member of pg_execute_server_program");
        assertRefused("refused-repl", TestDatabase.role("dc_test_repl", "pw-repl-1", "replication"),
                "unsafe_role", "has the REPLICATION attribute");
        assertRefused("refused-createrole", TestDatabase.role("dc_test_createrole", "pw-cr-1", "createrole"),
                "unsafe_role", "has the CREATEROLE attribute");
        TestDatabase.role("dc_test_super", "pw-super-1", "superuser");
        assertRefused("refused-inherit", TestDatabase.role("dc_test_inherits", "pw-inh-1", "", "dc_test_super"),
                "unsafe_role", "is a member of the privileged role dc_test_super");
    }

    @Test
    void driverParametersOutsideTheAllowListAreRefusedBeforeConnecting() {
        for (String param : List.of("socketFactory=java.io.FileOutputStream&socketFactoryArg=/tmp/pwned",
                "sslfactory=org.postgresql.ssl.NonValidatingFactory", "loggerFile=/tmp/pgjdbc.log&loggerLevel=TRACE",
                "options=-c%20default_transaction_read_only%3Doff")) {
            assertRefused("refused-param", readerUrl + "?" + param, "bad_url", "is not allowed");
        }
    }

    @Test
    void anUnreachableHostFailsFast() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertRefused("refused-closed", "postgres://u:p@localhost:" + closedPort + "/db", "unreachable", "could not connect");
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTenSeconds() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accept and never answer the startup message
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long started = System.nanoTime();
            assertRefused("refused-silent", "postgres://u:p@localhost:" + silent.getLocalPort() + "/db",
                    "unreachable", "within 10 s");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 10_000, "took " + millis + " ms");
        }
    }

    @Test
    void aWrongPasswordNamesTheLoginProblem() {
        assertRefused("refused-login", readerUrl.replace(READER_PASSWORD, "wrong-password"), "unreachable",
                "refused the login of dc_test_reader");
    }

    @Test
    void aProperFollowerRegistersWithHealthAndLagAndKeepsItsCredentialsSecret() throws Exception {
        String primary = onThePrimary(readerUrl);
        Http.Response r = register("reporting", List.of(readerUrl), primary);
        assertEquals(201, r.status(), r.body());
        JsonNode follower = r.json().at("/followers/0");
        assertEquals(TestCluster.get().follower().port(), follower.get("port").asInt());
        assertTrue(follower.get("healthy").asBoolean(), r.body());
        assertTrue(follower.get("in_recovery").asBoolean());
        assertTrue(follower.get("lag_bytes").isNumber() && follower.get("lag_seconds").isNumber(), r.body());
        assertEquals(TestCluster.get().primary().port(), r.json().at("/primary/port").asInt());

        assertEquals(409, register("reporting", List.of(readerUrl), null).status(), "names are unique");
        for (String body : List.of(app.http().get("/api/v1/sources", Http.bearer(app.admin())).body(), r.body())) {
            assertFalse(body.contains(READER_PASSWORD) || body.contains("dc_test_reader"), body);
        }
        assertMetadataNeverHolds(READER_PASSWORD);
        assertMetadataNeverHolds("dc_test_reader");

        assertEquals(204, app.http().delete("/api/v1/sources/reporting", Http.bearer(app.admin())).status());
        assertEquals(404, app.http().get("/api/v1/sources/reporting", Http.bearer(app.admin())).status());
    }

    @Test
    void theRegistrationPageShowsTheRefusalWithoutEchoingThePassword() {
        Http browser = app.signedInAdmin();
        Http.Response form = browser.get("/sources/new");
        String primary = onThePrimary(readerUrl);
        Http.Response refused = browser.postForm("/sources", Map.of("_csrf", form.csrf(), "name", "page-refused",
                "followers", primary, "primary", ""));
        assertEquals(422, refused.status());
        assertTrue(refused.body().contains("is not a follower"), refused.body());
        assertFalse(refused.body().contains(READER_PASSWORD));

        Http.Response ok = browser.postForm("/sources", Map.of("_csrf", form.csrf(), "name", "page-made",
                "followers", readerUrl, "primary", ""));
        assertEquals(302, ok.status(), ok.body());
        Http.Response list = browser.get("/sources");
        assertTrue(list.body().contains("page-made") && list.body().contains("available"), list.body());
        assertFalse(list.body().contains(READER_PASSWORD));
        browser.postForm("/sources/page-made/delete", Map.of("_csrf", list.csrf()));
        assertEquals(404, app.http().get("/api/v1/sources/page-made", Http.bearer(app.admin())).status());
    }

    /** Reads every column of every metadata table, bytea included, looking for the secret in clear. */
    private static void assertMetadataNeverHolds(String secret) throws Exception {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Connection c = TestCluster.get().superuserConnection("dataclips"); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.contains("followers") && tables.contains("sources"));
            for (String table : tables) {
                try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("select * from \"" + table + "\"")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            byte[] raw = meta.getColumnTypeName(i).equals("bytea") ? rs.getBytes(i)
                                    : String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8);
                            assertFalse(raw != null && contains(raw, needle),
                                    table + "." + meta.getColumnName(i) + " holds the secret in clear");
                        }
                    }
                }
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
