package dataclips.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Where mail goes (DATACLIPS_SMTP_URL): {@code smtp://user:pass@host:587} sends with STARTTLS, which the server must
 * offer (a server that does not is an error, never a fall-back to plain text); {@code smtps://user:pass@host:465}
 * speaks TLS from the first byte; {@code smtp://host:25?starttls=off} is plain SMTP, for a relay on the same host or
 * network. User and password are optional and URL-encoded.
 */
public record SmtpUrl(Security security, String host, int port, Optional<String> user, Optional<String> password) {
    public enum Security { STARTTLS, TLS, NONE }

    /** Parses the setting's value; IllegalArgumentException says what is wrong (the password never appears in it). */
    public static SmtpUrl parse(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw new IllegalArgumentException("expected smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (TLS)");
        }
        if (uri.getHost() == null || !Optional.ofNullable(uri.getRawPath()).orElse("").isEmpty() || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("expected a host and an optional port, with no path, e.g. smtp://user:pass@mail.example.com:587");
        }
        Security security = scheme.equals("smtps") ? Security.TLS : starttls(uri.getRawQuery());
        int port = uri.getPort() != -1 ? uri.getPort() : security == Security.TLS ? 465 : 587;
        String[] userInfo = Optional.ofNullable(uri.getRawUserInfo()).orElse("").split(":", 2);
        Optional<String> user = Optional.of(decode(userInfo[0])).filter(u -> !u.isEmpty());
        Optional<String> password = userInfo.length > 1 ? Optional.of(decode(userInfo[1])) : Optional.empty();
        return new SmtpUrl(security, uri.getHost(), port, user, password);
    }

    /** The value with its password replaced, as messages may show it. */
    public static String redact(String value) {
        return value.replaceAll("(://[^:@/]*:)[^@/]*@", "$1(hidden)@");
    }

    /** "smtp://mail.example.com:587 (STARTTLS)", for logs and pages. */
    public String display() {
        return (security == Security.TLS ? "smtps" : "smtp") + "://" + host + ":" + port + " (" + switch (security) {
            case STARTTLS -> "STARTTLS";
            case TLS -> "TLS";
            case NONE -> "no TLS";
        } + ")";
    }

    private static Security starttls(String query) {
        if (query == null) {
            return Security.STARTTLS;
        }
        return switch (query.toLowerCase(Locale.ROOT)) {
            case "starttls=on" -> Security.STARTTLS;
            case "starttls=off" -> Security.NONE;
            default -> throw new IllegalArgumentException("the only option is ?starttls=off (plain SMTP, for a relay on "
                    + "the same host or network); without it smtp:// requires STARTTLS");
        };
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
