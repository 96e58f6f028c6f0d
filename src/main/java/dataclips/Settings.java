package dataclips;

import dataclips.delivery.DeliverySettings;
import dataclips.sources.PostgresUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting, read once from the environment. README's settings table documents each one; an
 * invalid value stops the start with one line that names the setting and says what is wrong.
 */
public record Settings(
        Optional<PostgresUrl> databaseUrl,
        int port,
        Path home,
        Optional<byte[]> secretKey,
        Optional<String> adminEmail,
        Optional<String> adminPassword,
        double sampleScale,
        long maxRows,
        int keepResults,
        int keepResultsDays,
        int schedulePollSeconds,
        int signInAttemptsPerEmail,
        int signInAttemptsPerClient,
        int anonPerMinutePerClip,
        int anonPerMinutePerClient,
        boolean trustProxy,
        Optional<URI> baseUrl,
        long renderedBytes,
        int maxParameterSets,
        RunCaps runCaps,
        Optional<OidcSettings> oidc,
        boolean passwordSignIn,
        DeliverySettings delivery) {

    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_ROWS = 1_000_000;
    public static final int DEFAULT_KEEP_RESULTS = 10;
    public static final int DEFAULT_KEEP_RESULTS_DAYS = 7;
    public static final int DEFAULT_MAX_PARAMETER_SETS = 100;
    public static final String DEFAULT_HOME = "./dataclips-data";
    public static final double DEFAULT_SAMPLE_SCALE = 0.1;
    public static final int DEFAULT_SCHEDULE_POLL_SECONDS = 10;
    /** Failed sign-ins allowed per email address, and per client address, within 15 minutes. */
    public static final int DEFAULT_SIGNIN_ATTEMPTS_PER_EMAIL = 5;
    public static final int DEFAULT_SIGNIN_ATTEMPTS_PER_CLIENT = 30;
    public static final int DEFAULT_ANON_PER_MINUTE_PER_CLIP = 600;
    public static final int DEFAULT_ANON_PER_MINUTE_PER_CLIENT = 120;
    /** Disk kept for rendered downloads of stored results on each instance (DATACLIPS_HOME/rendered). */
    public static final int DEFAULT_RENDERED_MB = 2048;
    private static final String SIGN_INS = "failed sign-in attempts per 15 minutes from 1 to 10000";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    /** A setting with a bad value; the message is the one line printed before exiting. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String name, String value, String problem) {
            super(name + "=" + value + " is invalid: " + problem);
        }
    }

    public static Settings fromEnvironment(Map<String, String> env) {
        Optional<String> adminEmail = optional(env, "DATACLIPS_ADMIN_EMAIL");
        Optional<String> adminPassword = optional(env, "DATACLIPS_ADMIN_PASSWORD");
        adminEmail.filter(e -> !EMAIL.matcher(e).matches()).ifPresent(e -> {
            throw new Invalid("DATACLIPS_ADMIN_EMAIL", e, "expected an email address such as admin@example.com");
        });
        if (adminEmail.isPresent() != adminPassword.isPresent()) {
            String missing = adminEmail.isPresent() ? "DATACLIPS_ADMIN_PASSWORD" : "DATACLIPS_ADMIN_EMAIL";
            throw new Invalid(missing, "", "DATACLIPS_ADMIN_EMAIL and DATACLIPS_ADMIN_PASSWORD must be set together");
        }
        adminPassword.filter(p -> p.length() < 8 || p.getBytes().length > 72).ifPresent(p -> {
            throw new Invalid("DATACLIPS_ADMIN_PASSWORD", "(hidden)", "must be 8 to 72 bytes long");
        });
        Optional<PostgresUrl> databaseUrl = optional(env, "DATABASE_URL").map(Settings::databaseUrl);
        Optional<byte[]> secretKey = optional(env, "DATACLIPS_SECRET_KEY").map(Settings::secretKey);
        Optional<OidcSettings> oidc = OidcSettings.fromEnvironment(env);
        boolean passwordSignIn = OidcSettings.passwordSignIn(env, adminEmail, oidc);
        if (databaseUrl.isPresent() && secretKey.isEmpty()) {
            throw new Invalid("DATACLIPS_SECRET_KEY", "", "required when DATABASE_URL is set, so every instance "
                    + "decrypts the same stored credentials (generate one with: openssl rand -base64 32)");
        }
        return new Settings(databaseUrl, port(env), home(env), secretKey, adminEmail, adminPassword, sampleScale(env),
                maxRows(env), wholeNumber(env, "DATACLIPS_KEEP_RESULTS", DEFAULT_KEEP_RESULTS),
                wholeNumber(env, "DATACLIPS_KEEP_RESULTS_DAYS", DEFAULT_KEEP_RESULTS_DAYS),
                // how often each instance looks for due scheduled snapshots: a due time runs at most this late
                wholeNumber(env, "DATACLIPS_SCHEDULE_POLL_SECONDS", DEFAULT_SCHEDULE_POLL_SECONDS, 1, 3600,
                        "whole seconds from 1 to 3600"),
                // at least 1 (0 would lock everyone out)
                wholeNumber(env, "DATACLIPS_SIGNIN_ATTEMPTS_PER_EMAIL", DEFAULT_SIGNIN_ATTEMPTS_PER_EMAIL, 1, 10_000,
                        SIGN_INS),
                wholeNumber(env, "DATACLIPS_SIGNIN_ATTEMPTS_PER_CLIENT", DEFAULT_SIGNIN_ATTEMPTS_PER_CLIENT, 1, 10_000,
                        SIGN_INS),
                wholeNumber(env, "DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIP", DEFAULT_ANON_PER_MINUTE_PER_CLIP),
                wholeNumber(env, "DATACLIPS_ANON_REQUESTS_PER_MINUTE_PER_CLIENT", DEFAULT_ANON_PER_MINUTE_PER_CLIENT),
                trustProxy(env), baseUrl(env), wholeNumber(env, "DATACLIPS_RENDERED_MB", DEFAULT_RENDERED_MB, 0, 1_048_576,
                        "megabytes of disk for rendered downloads, from 0 (none kept: every download of a stored result "
                        + "is rendered again) to 1048576") * 1024L * 1024L,
                wholeNumber(env, "DATACLIPS_MAX_PARAMETER_SETS", DEFAULT_MAX_PARAMETER_SETS, 1, 100_000,
                        "value sets whose live results a clip keeps, from 1 to 100000"), RunCaps.fromEnvironment(env),
                oidc, passwordSignIn,
                DeliverySettings.fromEnvironment(env)); // SMTP, mail sender and domains, webhook hosts
    }

    static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static PostgresUrl databaseUrl(String value) {
        try {
            return PostgresUrl.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Invalid("DATABASE_URL", PostgresUrl.redact(value), e.getMessage());
        }
    }

    private static int port(Map<String, String> env) {
        String value = optional(env, "PORT").orElse(Integer.toString(DEFAULT_PORT));
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid("PORT", value, "expected a TCP port from 1 to 65535 (0 picks a free one)");
    }

    private static Path home(Map<String, String> env) {
        String value = optional(env, "DATACLIPS_HOME").orElse(DEFAULT_HOME);
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new Invalid("DATACLIPS_HOME", value, "not a usable directory path: " + e.getReason());
        }
    }

    private static byte[] secretKey(String value) {
        try {
            byte[] key = Base64.getDecoder().decode(value);
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new Invalid("DATACLIPS_SECRET_KEY", "(hidden)",
                "expected 32 random bytes in base64 (generate one with: openssl rand -base64 32)");
    }

    private static double sampleScale(Map<String, String> env) {
        String value = optional(env, "DATACLIPS_SAMPLE_SCALE").orElse(Double.toString(DEFAULT_SAMPLE_SCALE));
        try {
            double scale = Double.parseDouble(value);
            if (scale > 0 && scale <= 1) {
                return scale;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid("DATACLIPS_SAMPLE_SCALE", value,
                "expected a fraction of the full employees dataset above 0 and at most 1 (0.1 = 30,002 employees)");
    }

    private static long maxRows(Map<String, String> env) {
        String value = optional(env, "DATACLIPS_MAX_ROWS").orElse(Long.toString(DEFAULT_MAX_ROWS));
        try {
            long rows = Long.parseLong(value.replace("_", ""));
            if (rows >= 1) {
                return rows;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid("DATACLIPS_MAX_ROWS", value, "expected a whole number of rows of at least 1 (default 1000000)");
    }

    /** Whether X-Forwarded-For names the client: only behind a proxy that appends to it (Heroku's router). */
    private static boolean trustProxy(Map<String, String> env) {
        String value = optional(env, "DATACLIPS_TRUST_PROXY").orElse("false");
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Invalid("DATACLIPS_TRUST_PROXY", value, "expected true (behind a proxy that appends "
                    + "the client's address to X-Forwarded-For) or false (default)");
        };
    }

    /**
     * The address users reach the app at, for every absolute URL it writes (the API's "url" fields): scheme and host,
     * an optional port, no path. Unset, the request's own Host (and X-Forwarded-* behind a trusted proxy) is used.
     */
    private static Optional<URI> baseUrl(Map<String, String> env) {
        Optional<String> value = optional(env, "DATACLIPS_BASE_URL");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().endsWith("/") ? value.get().substring(0, value.get().length() - 1) : value.get();
        try {
            URI uri = new URI(text);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new Invalid("DATACLIPS_BASE_URL", value.get(), "expected the address users reach the app at, such as "
                + "https://dataclips.example.com or http://localhost:8080 (http or https, a host, an optional port, no path)");
    }

    /** A count, a number of days or a rate: 0 or more. */
    private static int wholeNumber(Map<String, String> env, String name, int defaultValue) {
        return wholeNumber(env, name, defaultValue, 0, Integer.MAX_VALUE, "a whole number of at least 0");
    }

    /** A whole number from min to max; a refusal says what is expected, then the default. */
    static int wholeNumber(Map<String, String> env, String name, int defaultValue, int min, int max, String expected) {
        String value = optional(env, name).orElse(Integer.toString(defaultValue));
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid(name, value, "expected " + expected + " (default " + defaultValue + ")");
    }
}
