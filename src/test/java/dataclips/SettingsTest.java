package dataclips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void defaultsNeedNoEnvironmentAtAll() {
        Settings s = Settings.fromEnvironment(Map.of());
        assertEquals(8080, s.port());
        assertEquals(Path.of("dataclips-data").toAbsolutePath(), s.home());
        assertEquals(0.1, s.sampleScale());
        assertTrue(s.databaseUrl().isEmpty() && s.secretKey().isEmpty() && s.adminEmail().isEmpty());
        assertEquals(5, s.signInAttemptsPerEmail());
        assertEquals(30, s.signInAttemptsPerClient());
    }

    @Test
    void signInAttemptLimitsAreSettableAndBounded() {
        Settings s = Settings.fromEnvironment(Map.of("DATACLIPS_SIGNIN_ATTEMPTS_PER_EMAIL", "3",
                "DATACLIPS_SIGNIN_ATTEMPTS_PER_CLIENT", " 100 "));
        assertEquals(3, s.signInAttemptsPerEmail());
        assertEquals(100, s.signInAttemptsPerClient());
        assertInvalid(Map.of("DATACLIPS_SIGNIN_ATTEMPTS_PER_EMAIL", "0"), "DATACLIPS_SIGNIN_ATTEMPTS_PER_EMAIL=0 is invalid");
        assertInvalid(Map.of("DATACLIPS_SIGNIN_ATTEMPTS_PER_CLIENT", "many"),
                "DATACLIPS_SIGNIN_ATTEMPTS_PER_CLIENT=many is invalid: expected failed sign-in attempts per 15 minutes");
    }

    @Test
    void herokuAndJdbcDatabaseUrlsMeanTheSameDatabase() {
        Settings heroku = Settings.fromEnvironment(Map.of("DATABASE_URL", "postgres://u:p%40ss@db.example.com:5433/meta?sslmode=require",
                "DATACLIPS_SECRET_KEY", KEY));
        Settings jdbc = Settings.fromEnvironment(Map.of("DATABASE_URL",
                "jdbc:postgresql://db.example.com:5433/meta?user=u&password=p%40ss&sslmode=require", "DATACLIPS_SECRET_KEY", KEY));
        assertEquals(heroku.databaseUrl(), jdbc.databaseUrl());
        assertEquals("p@ss", heroku.databaseUrl().orElseThrow().password());
        assertEquals("jdbc:postgresql://db.example.com:5433/meta", heroku.databaseUrl().orElseThrow().jdbcUrl());
        assertEquals(32, heroku.secretKey().orElseThrow().length);
    }

    @Test
    void eachInvalidSettingIsNamedWithWhatIsWrong() {
        assertInvalid(Map.of("PORT", "abc"), "PORT=abc is invalid");
        assertInvalid(Map.of("PORT", "70000"), "PORT=70000 is invalid");
        assertInvalid(Map.of("DATACLIPS_SAMPLE_SCALE", "2"), "DATACLIPS_SAMPLE_SCALE=2 is invalid");
        assertInvalid(Map.of("DATACLIPS_SAMPLE_SCALE", "lots"), "DATACLIPS_SAMPLE_SCALE=lots is invalid");
        assertInvalid(Map.of("DATABASE_URL", "mysql://x@y/z", "DATACLIPS_SECRET_KEY", KEY), "DATABASE_URL=");
        assertInvalid(Map.of("DATABASE_URL", "postgres://u:p@h/db"), "DATACLIPS_SECRET_KEY");
        assertInvalid(Map.of("DATACLIPS_SECRET_KEY", "short"), "DATACLIPS_SECRET_KEY=(hidden) is invalid");
        assertInvalid(Map.of("DATACLIPS_ADMIN_EMAIL", "a@b.c"), "DATACLIPS_ADMIN_PASSWORD");
        assertInvalid(Map.of("DATACLIPS_ADMIN_EMAIL", "not-an-email", "DATACLIPS_ADMIN_PASSWORD", "long enough"),
                "DATACLIPS_ADMIN_EMAIL=not-an-email is invalid");
        assertInvalid(Map.of("DATACLIPS_ADMIN_EMAIL", "a@b.c", "DATACLIPS_ADMIN_PASSWORD", "short"),
                "DATACLIPS_ADMIN_PASSWORD=(hidden) is invalid");
    }

    @Test
    void secretsNeverAppearInTheMessage() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", "mysql://user:hunter22@host/db");
        env.put("DATACLIPS_SECRET_KEY", KEY);
        Settings.Invalid e = assertThrows(Settings.Invalid.class, () -> Settings.fromEnvironment(env));
        assertFalse(e.getMessage().contains("hunter22"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void anonymousLimitsAndTheProxySettingHaveDefaultsAndRefuseNonsense() {
        Settings defaults = Settings.fromEnvironment(Map.of());
        assertEquals(600, defaults.anonPerMinutePerClip());
        assertEquals(120, defaults.anonPerMinutePerClient());
        assertFalse(defaults.trustProxy());
        Settings set = Settings.fromEnvironment(Map.of("DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIP", "0",
                "DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIENT", " 30 ", "DATACLIPS_TRUST_PROXY", "TRUE"));
        assertEquals(0, set.anonPerMinutePerClip());
        assertEquals(30, set.anonPerMinutePerClient());
        assertTrue(set.trustProxy());
        assertInvalid(Map.of("DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIP", "-1"),
                "DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIP=-1 is invalid: expected a whole number of at least 0 (default 600)");
        assertInvalid(Map.of("DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIENT", "many"),
                "DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIENT=many is invalid");
        assertInvalid(Map.of("DATACLIPS_TRUST_PROXY", "yes"), "DATACLIPS_TRUST_PROXY=yes is invalid: expected true");
        assertEquals(2048L << 20, defaults.renderedBytes());
        assertEquals(0, Settings.fromEnvironment(Map.of("DATACLIPS_RENDERED_MB", "0")).renderedBytes());
        assertInvalid(Map.of("DATACLIPS_RENDERED_MB", "-5"), "DATACLIPS_RENDERED_MB=-5 is invalid: expected megabytes");
        assertEquals(100, Settings.fromEnvironment(Map.of()).maxParameterSets());
        assertEquals(7, Settings.fromEnvironment(Map.of("DATACLIPS_MAX_PARAMETER_SETS", "7")).maxParameterSets());
        assertInvalid(Map.of("DATACLIPS_MAX_PARAMETER_SETS", "0"), "DATACLIPS_MAX_PARAMETER_SETS=0 is invalid: expected "
                + "value sets");
        assertInvalid(Map.of("DATACLIPS_BASE_URL", "https://x.example/path"), "DATACLIPS_BASE_URL=https://x.example/path is invalid");
    }

    @Test
    void singleSignOnNeedsItsClientAndRefusesWhatWouldLockPeopleOutOrLetEveryoneIn() {
        Map<String, String> sso = Map.of("DATACLIPS_OIDC_ISSUER", "https://sso.example.com/realms/staff/",
                "DATACLIPS_OIDC_CLIENT_ID", "dataclips", "DATACLIPS_OIDC_CLIENT_SECRET", "s3cret-value");
        OidcSettings o = Settings.fromEnvironment(sso).oidc().orElseThrow();
        assertEquals("https://sso.example.com/realms/staff/", o.issuer().toString(), "kept exactly, trailing slash too");
        assertEquals("groups", o.groupsClaim());
        assertEquals("Keycloak", o.providerName());
        assertTrue(o.emailDomains().isEmpty() && o.adminGroup().isEmpty());
        assertTrue(Settings.fromEnvironment(Map.of()).oidc().isEmpty() && Settings.fromEnvironment(Map.of()).passwordSignIn());
        Map<String, String> more = new HashMap<>(sso);
        more.putAll(Map.of("DATACLIPS_OIDC_EMAIL_DOMAINS", " Example.com,example.org ,", "DATACLIPS_OIDC_GROUPS_CLAIM",
                "cognito:groups", "DATACLIPS_OIDC_ADMIN_GROUP", "dataclips-admins", "DATACLIPS_OIDC_PROVIDER_NAME", "Staff SSO"));
        OidcSettings all = Settings.fromEnvironment(more).oidc().orElseThrow();
        assertEquals(java.util.Set.of("example.com", "example.org"), all.emailDomains());
        assertEquals("cognito:groups", all.groupsClaim());
        assertEquals("dataclips-admins", all.adminGroup().orElseThrow());
        assertEquals("Staff SSO", all.providerName());

        assertInvalid(Map.of("DATACLIPS_OIDC_ISSUER", "https://sso.example.com"), "DATACLIPS_OIDC_CLIENT_ID= is invalid: "
                + "required with DATACLIPS_OIDC_ISSUER");
        assertInvalid(Map.of("DATACLIPS_OIDC_CLIENT_SECRET", "x"), "DATACLIPS_OIDC_CLIENT_SECRET=(hidden) is invalid: "
                + "single sign-on also needs DATACLIPS_OIDC_ISSUER");
        for (String issuer : new String[] {"http://sso.example.com", "sso.example.com", "https://u:p@sso.example.com",
                "https://sso.example.com/?x=1", "ftp://sso.example.com"}) {
            Map<String, String> bad = new HashMap<>(sso);
            bad.put("DATACLIPS_OIDC_ISSUER", issuer);
            assertInvalid(bad, "DATACLIPS_OIDC_ISSUER=" + issuer + " is invalid: expected the identity provider's issuer");
        }
        Map<String, String> domains = new HashMap<>(sso);
        domains.put("DATACLIPS_OIDC_EMAIL_DOMAINS", "example.com,@example.org");
        assertInvalid(domains, "DATACLIPS_OIDC_EMAIL_DOMAINS=example.com,@example.org is invalid: expected email domains");
        Map<String, String> google = new HashMap<>(sso);
        google.put("DATACLIPS_OIDC_ISSUER", "https://accounts.google.com");
        assertInvalid(google, "DATACLIPS_OIDC_EMAIL_DOMAINS= is invalid: required with Google");
        google.put("DATACLIPS_OIDC_EMAIL_DOMAINS", "example.com");
        assertEquals("Google", Settings.fromEnvironment(google).oidc().orElseThrow().providerName());

        Map<String, String> off = new HashMap<>(sso);
        off.put("DATACLIPS_PASSWORD_SIGNIN", "false");
        assertInvalid(off, "DATACLIPS_PASSWORD_SIGNIN=false is invalid: needs DATACLIPS_ADMIN_EMAIL");
        assertInvalid(Map.of("DATACLIPS_PASSWORD_SIGNIN", "false", "DATACLIPS_ADMIN_EMAIL", "a@b.c",
                "DATACLIPS_ADMIN_PASSWORD", "long enough"), "DATACLIPS_PASSWORD_SIGNIN=false is invalid: needs single sign-on");
        assertInvalid(Map.of("DATACLIPS_PASSWORD_SIGNIN", "no"), "DATACLIPS_PASSWORD_SIGNIN=no is invalid: expected true");
        off.putAll(Map.of("DATACLIPS_ADMIN_EMAIL", "a@b.c", "DATACLIPS_ADMIN_PASSWORD", "long enough"));
        assertFalse(Settings.fromEnvironment(off).passwordSignIn());
    }

    @Test
    void runCapsHaveDefaultsAndKeepOneViewerBelowADatabasesAll() {
        assertEquals(new RunCaps(3, 4, 60), Settings.fromEnvironment(Map.of()).runCaps());
        assertEquals(new RunCaps(5, 12, 10), Settings.fromEnvironment(Map.of("DATACLIPS_RUNS_PER_USER", "5",
                "DATACLIPS_RUNS_PER_SOURCE", "12", "DATACLIPS_PREVIEWS_PER_MINUTE", "10")).runCaps());
        assertInvalid(Map.of("DATACLIPS_RUNS_PER_USER", "4"), "DATACLIPS_RUNS_PER_USER=4 is invalid: must be below "
                + "DATACLIPS_RUNS_PER_SOURCE (4)");
        assertInvalid(Map.of("DATACLIPS_RUNS_PER_USER", "0"), "DATACLIPS_RUNS_PER_USER=0 is invalid: expected runs one user");
        assertInvalid(Map.of("DATACLIPS_RUNS_PER_SOURCE", "1"), "DATACLIPS_RUNS_PER_SOURCE=1 is invalid: expected runs");
        assertInvalid(Map.of("DATACLIPS_PREVIEWS_PER_MINUTE", "lots"), "DATACLIPS_PREVIEWS_PER_MINUTE=lots is invalid");
    }

    private static void assertInvalid(Map<String, String> env, String expected) {
        Settings.Invalid e = assertThrows(Settings.Invalid.class, () -> Settings.fromEnvironment(env));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
