package dataclips.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {
    @Test
    void parsesHerokuFormWithEncodedCredentials() {
        PostgresUrl url = PostgresUrl.parse("postgres://read%20er:p%3Ass%2Fw@replica.internal:6543/sales%20db?sslmode=require");
        assertEquals("read er", url.user());
        assertEquals("p:ss/w", url.password());
        assertEquals("replica.internal", url.host());
        assertEquals(6543, url.port());
        assertEquals("sales db", url.database());
        assertEquals("require", url.parameters().get("sslmode"));
        assertEquals(url, PostgresUrl.parse(url.toUrlString()), "the stored form parses back to the same URL");
        assertFalse(url.display().contains("p:ss"));
        assertFalse(url.toString().contains("p:ss"));
    }

    @Test
    void parsesJdbcFormAndDefaultsThePort() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://[::1]/db?user=u&password=secret");
        assertEquals("::1", url.host());
        assertEquals(5432, url.port());
        assertEquals("u", url.user());
        assertEquals("jdbc:postgresql://[::1]:5432/db", url.jdbcUrl());
        assertTrue(url.parameters().isEmpty(), "user and password are not extra parameters");
    }

    @Test
    void refusesDangerousDriverParameters() {
        for (String param : new String[] {"socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext",
                "sslfactory=x", "sslfactoryarg=x", "loggerFile=/tmp/x", "loggerLevel=DEBUG", "options=-c%20default_transaction_read_only%3Doff",
                "sslhostnameverifier=x", "authenticationPluginClassName=x", "sslpasswordcallback=x", "socketFactoryArg=x"}) {
            PostgresUrl url = PostgresUrl.parse("postgres://u:p@h:5432/db?" + param);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, url::requireAllowedParameters, param);
            assertTrue(e.getMessage().contains("is not allowed"), e.getMessage());
        }
        PostgresUrl.parse("postgres://u:p@h/db?sslmode=verify-full&ApplicationName=x").requireAllowedParameters();
        assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("postgres://u:p@h/db?sslmode=sometimes").requireAllowedParameters());
    }

    @Test
    void refusesUrlsThatAreNotOneHostAndOneDatabase() {
        assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("mysql://u:p@h/db"));
        assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("postgres://u:p@h1:5432,h2:5432/db"));
        assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("postgres://u:p@h:5432/"));
        assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("jdbc:postgresql:db"));
        assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("postgres://h/db").requireAllowedParameters());
    }

    @Test
    void redactsPasswordsInBothForms() {
        assertEquals("postgres://u:***@h/db", PostgresUrl.redact("postgres://u:hunter2@h/db"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=***", PostgresUrl.redact("jdbc:postgresql://h/db?user=u&password=hunter2"));
        assertNull(PostgresUrl.parse("postgres://u@h/db").password());
    }
}
