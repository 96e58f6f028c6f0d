package dataclips.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dataclips.TestCluster;
import dataclips.accounts.User;
import dataclips.accounts.Users;
import dataclips.clips.ClipQuery;
import dataclips.clips.Clips;
import dataclips.sources.SecretBox;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Upgrading an installation (issue 29): a metadata database at the version before teams and access, filled as that
 * version's code stored users, a database and clips, migrated to the end, gives every user exactly what they had:
 * every signed-in user opened, saw the SQL of and forked every clip and listed them all; owners and admins changed
 * and managed them; anyone with the link opened link clips whose link had not expired.
 */
class AccessUpgradeTest {
    /** Before the upgrade, by hand. O open, S see the SQL, E edit, M manage, F fork; - not. */
    private static final String BEFORE = """
            who        link-ann  private-ann  expired-bob  private-admin
            admin      OSEMF     OSEMF        OSEMF        OSEMF
            ann        OSEMF     OSEMF        OS--F        OS--F
            bob        OS--F     OS--F        OSEMF        OS--F
            carl       OS--F     OS--F        OS--F        OS--F
            anonymous  O----     -----        -----        -----
            """;
    private static final String USER = "upgrade_test";
    private static final String PASSWORD = "upgrade-test-password";

    @Test
    void everyUserOpensAndChangesExactlyWhatTheyDidBeforeTheUpgrade() throws Exception {
        String url = freshDatabase();
        Flyway.configure().dataSource(url, USER, PASSWORD).locations("classpath:db/migration").target(beforeTeams(url))
                .load().migrate();
        fillAsBefore(url);
        Flyway.configure().dataSource(url, USER, PASSWORD).locations("classpath:db/migration").load().migrate();
        try (CloseableDSLContext db = DSL.using(url, USER, PASSWORD)) {
            Users users = new Users(db);
            Clips clips = new Clips(db, new Sources(db, new SecretBox(new byte[32])), Clock.systemUTC());
            SourceLevels levels = new SourceLevels(db);
            Policy policy = new Policy(levels, new ClipMembers(db), Clock.systemUTC());
            List<String> slugs = List.of("link-ann", "private-ann", "expired-bob", "private-admin");
            StringBuilder after = new StringBuilder("who        link-ann  private-ann  expired-bob  private-admin\n");
            for (String who : List.of("admin", "ann", "bob", "carl", "anonymous")) {
                Optional<User> user = who.equals("anonymous") ? Optional.empty() : users.find(who + "@upgrade.test");
                List<String> cells = new ArrayList<>();
                for (String slug : slugs) {
                    cells.add(letters(policy.clip(user, clips.find(slug(slug)).orElseThrow())));
                }
                after.append(String.format("%-10s %-9s %-12s %-12s %s%n", who, cells.get(0), cells.get(1), cells.get(2),
                        cells.get(3)));
                if (user.isPresent()) {
                    assertEquals(4, clips.list(ClipQuery.parse(policy.listScope(user.get()), Optional.empty(), "", null,
                            null, null)).total(), who + " lists every clip, as before");
                    assertEquals(4, clips.list(ClipQuery.parse(policy.listScope(user.get()), Optional.empty(), "secret_sql",
                            null, null, null)).total(), who + " finds every clip by its SQL, as before");
                }
            }
            assertEquals(BEFORE, after.toString());
            long sourceId = ((Number) db.fetchValue("select id from sources where name = 'employees'")).longValue();
            Source employees = new Source(sourceId, "employees", Optional.empty(), List.of(), 300, 300, null);
            assertEquals(new SourceLevels.Grants(Level.QUERY, Map.of()), levels.of(employees),
                    "everyone queries the database, as before");
            assertEquals(4, users.list().stream().filter(User::active).count(), "every user stays active");
        }
    }

    /** O, S, E, M, F for open, see SQL, edit, manage, fork, in that order; - for each one not allowed. */
    private static String letters(ClipRights rights) {
        StringBuilder s = new StringBuilder();
        for (ClipAction a : ClipAction.values()) {
            s.append(rights.may(a) ? "OSEMF".charAt(a.ordinal()) : '-');
        }
        return s.toString();
    }

    /** A 26-character slug for each of the four clips, as the app's slugs look. */
    private static String slug(String name) {
        return (name.replace("-", "") + "a".repeat(26)).substring(0, 26);
    }

    /** The newest migration before V16 (teams and access): 13 alone, 15 once the migrations merged beside it are in. */
    private static String beforeTeams(String url) {
        return java.util.Arrays.stream(Flyway.configure().dataSource(url, USER, PASSWORD).locations("classpath:db/migration")
                        .load().info().all()).map(m -> m.getVersion()).filter(v -> v != null && !v.isAtLeast("16"))
                .max(Comparable::compareTo).orElseThrow().getVersion();
    }

    private static String freshDatabase() throws Exception {
        String database = "upgrade_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = TestCluster.get().superuserConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + USER + "') then create role "
                    + USER + " login password '" + PASSWORD + "'; end if; end $$");
            s.execute("create database " + database + " owner " + USER);
        }
        return TestCluster.get().primary().jdbcUrl(database);
    }

    /** Users, a database and clips as the code before teams and access stored them. */
    private static void fillAsBefore(String url) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            for (String who : List.of("admin", "ann", "bob", "carl")) {
                s.execute("insert into users (email, password_hash, role) values ('" + who + "@upgrade.test', 'x', '"
                        + (who.equals("admin") ? "admin" : "member") + "')");
            }
            s.execute("insert into sources (name) values ('employees')");
            s.execute("insert into followers (source_id, position, host, port, database_name, url_encrypted) "
                    + "select id, 1, 'localhost', 5432, 'employees', '\\x00'::bytea from sources");
            clip(s, "link-ann", "ann", "link", "null");
            clip(s, "private-ann", "ann", "private", "null");
            clip(s, "expired-bob", "bob", "link", "now() - interval '1 day'");
            clip(s, "private-admin", "admin", "private", "null");
        }
    }

    private static void clip(Statement s, String name, String owner, String access, String expires) throws Exception {
        s.execute("insert into clips (slug, title, source_id, owner_id, access, link_expires_at) select '" + slug(name)
                + "', '" + name + "', (select id from sources), (select id from users where email = '" + owner
                + "@upgrade.test'), '" + access + "', " + expires);
        s.execute("insert into clip_versions (clip_id, version, sql, author_id, query_version) select id, 1, "
                + "'select 1 as secret_sql', owner_id, 1 from clips where slug = '" + slug(name) + "'");
    }
}
