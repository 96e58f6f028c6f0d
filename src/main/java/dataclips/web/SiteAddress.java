package dataclips.web;

import io.javalin.config.Key;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The app's own address, and which request headers may say what it is (README, "Security"). With
 * DATACLIPS_BASE_URL set, every absolute URL the app writes uses it, whatever the request says. Without it, the
 * request's Host names the app; X-Forwarded-Proto and X-Forwarded-Host count only behind a trusted proxy
 * (DATACLIPS_TRUST_PROXY=true): anyone else could send them, and mark cookies Secure over plain HTTP, or have
 * an API answer carry their host in its URLs.
 */
record SiteAddress(Optional<URI> baseUrl, boolean trustProxy) {
    static final Key<SiteAddress> KEY = new Key<>("dataclips.site-address");
    /** A host as browsers send it: a name or IPv4 address, or a bracketed IPv6 address, and an optional port. */
    private static final Pattern HOST = Pattern.compile("(?i)([a-z0-9][a-z0-9.-]*|\\[[0-9a-f:.]+])(:\\d{1,5})?");

    static SiteAddress of(Context ctx) {
        return ctx.appData(KEY);
    }

    /** "https://dataclips.example.com": no trailing slash; paths are appended to it. */
    String base(Context ctx) {
        if (baseUrl.isPresent()) {
            return baseUrl.get().toString();
        }
        return scheme(ctx) + "://" + host(ctx);
    }

    /** Whether the browser reached the app over TLS: cookies are then marked Secure. */
    boolean https(Context ctx) {
        return baseUrl.map(u -> u.getScheme().equalsIgnoreCase("https")).orElseGet(() -> scheme(ctx).equals("https"));
    }

    /** Whether an Origin header names this app: the base URL, the Host, or behind a trusted proxy X-Forwarded-Host. */
    boolean isOwnOrigin(String origin, Context ctx) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            String authority = authority(uri);
            return baseUrl.map(SiteAddress::authority).filter(authority::equals).isPresent()
                    || authority.equals(withPort(ctx.header("Host"), uri.getScheme()))
                    || trustProxy && authority.equals(withPort(first(ctx.header("X-Forwarded-Host")), uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String scheme(Context ctx) {
        String forwarded = trustProxy ? first(ctx.header("X-Forwarded-Proto")) : null;
        if (forwarded != null && (forwarded.equalsIgnoreCase("https") || forwarded.equalsIgnoreCase("http"))) {
            return forwarded.toLowerCase(Locale.ROOT);
        }
        return ctx.scheme();
    }

    private String host(Context ctx) {
        String forwarded = trustProxy ? first(ctx.header("X-Forwarded-Host")) : null;
        if (forwarded != null && HOST.matcher(forwarded).matches()) {
            return forwarded;
        }
        String host = ctx.header("Host");
        return host != null && HOST.matcher(host).matches() ? host : "localhost:" + ctx.port();
    }

    /** "scheme://host:port" with the default port spelled out, lower case. */
    private static String authority(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static String withPort(String host, String scheme) {
        if (host == null || !HOST.matcher(host).matches()) {
            return null;
        }
        try {
            return authority(URI.create(scheme + "://" + host));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The first entry of a header a proxy may have appended to ("https, http"). */
    private static String first(String header) {
        return header == null ? null : header.split(",", 2)[0].strip();
    }
}
