package dataclips.sources;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A PostgreSQL connection URL, in Heroku's form (postgres://user:pass@host:port/db?sslmode=require)
 * or pgjdbc's (jdbc:postgresql://host:port/db?user=…&password=…), reduced to one host, port, database,
 * user, password and extra parameters.
 */
public record PostgresUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {

    /**
     * Parameters a registered database may carry. Anything else is refused: pgjdbc parameters such as
     * socketFactory, sslfactory or loggerFile load classes or write files on this server.
     */
    public static final Set<String> ALLOWED_PARAMETERS = Set.of("sslmode", "ssl", "channelBinding",
            "ApplicationName", "applicationName");
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    public PostgresUrl {
        parameters = Map.copyOf(parameters);
    }

    public static PostgresUrl parse(String url) {
        String value = url.strip();
        if (value.startsWith("jdbc:")) {
            value = value.substring("jdbc:".length());
        }
        if (!value.startsWith("postgres://") && !value.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "expected postgres://user:password@host:port/database or jdbc:postgresql://host:port/database");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL (" + e.getReason()
                    + "); percent-encode special characters in the user name and password");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("expected exactly one host, as in postgres://user:password@host:5432/database");
        }
        String database = decode(uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", ""));
        if (database.isEmpty()) {
            throw new IllegalArgumentException("the URL names no database: add /database after host:port");
        }
        Map<String, String> params = queryParameters(uri.getRawQuery());
        String[] userInfo = userInfo(uri.getRawUserInfo());
        String user = params.containsKey("user") ? params.remove("user") : userInfo[0];
        String password = params.containsKey("password") ? params.remove("password") : userInfo[1];
        String host = uri.getHost().replaceAll("^\\[|]$", "");
        return new PostgresUrl(host, uri.getPort() == -1 ? 5432 : uri.getPort(), database, user, password, params);
    }

    /** Refuses parameters outside {@link #ALLOWED_PARAMETERS}, and names the allowed ones. */
    public PostgresUrl requireAllowedParameters() {
        Set<String> refused = new TreeSet<>(parameters.keySet());
        refused.removeAll(ALLOWED_PARAMETERS);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("URL parameter " + String.join(", ", refused)
                    + " is not allowed for a registered database; allowed are user, password, "
                    + String.join(", ", new TreeSet<>(ALLOWED_PARAMETERS)));
        }
        String sslmode = parameters.get("sslmode");
        if (sslmode != null && !SSL_MODES.contains(sslmode)) {
            throw new IllegalArgumentException("sslmode=" + sslmode + " is not one of " + new TreeSet<>(SSL_MODES));
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("the URL names no user: use postgres://user:password@host:port/database");
        }
        return this;
    }

    /** The JDBC URL without credentials (they go in {@link #properties()}). */
    public String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + encode(database);
    }

    /** user, password and the extra parameters, for DriverManager or HikariCP. */
    public Properties properties() {
        Properties props = new Properties();
        parameters.forEach(props::setProperty);
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** host:port/database: what pages and the API show; never a credential. */
    public String display() {
        return host + ":" + port + "/" + database;
    }

    /** The full URL with credentials, as stored (encrypted) and parsed back. */
    public String toUrlString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        String credentials = user == null ? "" : encode(user) + (password == null ? "" : ":" + encode(password)) + "@";
        String query = parameters.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return "postgres://" + credentials + h + ":" + port + "/" + encode(database) + (query.isEmpty() ? "" : "?" + query);
    }

    /** The URL with its password replaced, for error messages. */
    public static String redact(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "PostgresUrl[" + display() + " as " + user + "]";
    }

    private static String[] userInfo(String raw) {
        if (raw == null) {
            return new String[] {null, null};
        }
        int colon = raw.indexOf(':');
        return colon < 0 ? new String[] {decode(raw), null}
                : new String[] {decode(raw.substring(0, colon)), decode(raw.substring(colon + 1))};
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!key.isEmpty()) {
                params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
