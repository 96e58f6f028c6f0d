package dataclips;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Single sign-on with OpenID Connect (README, "Single sign-on"), read from the environment with the other settings:
 * present when DATACLIPS_OIDC_ISSUER is set. emailDomains empty: any email the provider has verified; providerName is
 * what the sign-in button says ("Sign in with Keycloak").
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, Set<String> emailDomains, String groupsClaim,
                           Optional<String> adminGroup, String providerName) {
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$");
    private static final String GOOGLE = "accounts.google.com";

    /** Google's issuer: there, anyone with a Google account could sign in unless the domains are named. */
    public boolean google() {
        return GOOGLE.equalsIgnoreCase(issuer.getHost());
    }

    static Optional<OidcSettings> fromEnvironment(Map<String, String> env) {
        Optional<String> issuerText = Settings.optional(env, "DATACLIPS_OIDC_ISSUER");
        if (issuerText.isEmpty()) {
            for (String other : new String[] {"DATACLIPS_OIDC_CLIENT_ID", "DATACLIPS_OIDC_CLIENT_SECRET"}) {
                Settings.optional(env, other).ifPresent(v -> {
                    throw new Settings.Invalid(other, other.endsWith("SECRET") ? "(hidden)" : v,
                            "single sign-on also needs DATACLIPS_OIDC_ISSUER, the identity provider's issuer URL");
                });
            }
            return Optional.empty();
        }
        URI issuer = issuer(issuerText.get());
        String clientId = required(env, "DATACLIPS_OIDC_CLIENT_ID", "the client ID Dataclips is registered under at "
                + "the identity provider");
        String secret = required(env, "DATACLIPS_OIDC_CLIENT_SECRET", "the client secret the identity provider gave "
                + "Dataclips' client");
        Set<String> domains = domains(Settings.optional(env, "DATACLIPS_OIDC_EMAIL_DOMAINS").orElse(""));
        String groups = Settings.optional(env, "DATACLIPS_OIDC_GROUPS_CLAIM").orElse(DEFAULT_GROUPS_CLAIM);
        if (groups.length() > 200) {
            throw new Settings.Invalid("DATACLIPS_OIDC_GROUPS_CLAIM", groups.substring(0, 40) + "…",
                    "expected the name of the ID token's claim that lists the user's groups (default groups)");
        }
        OidcSettings settings = new OidcSettings(issuer, clientId, secret, domains, groups,
                Settings.optional(env, "DATACLIPS_OIDC_ADMIN_GROUP"),
                Settings.optional(env, "DATACLIPS_OIDC_PROVIDER_NAME").orElseGet(() -> nameOf(issuer)));
        if (settings.google() && domains.isEmpty()) {
            throw new Settings.Invalid("DATACLIPS_OIDC_EMAIL_DOMAINS", "", "required with Google (" + issuer + "): "
                    + "without it anyone with a Google account could sign in; name your Google Workspace domains, such "
                    + "as example.com");
        }
        return Optional.of(settings);
    }

    /**
     * false: single sign-on only, but for DATACLIPS_ADMIN_EMAIL, who keeps a way in when the identity provider is down
     * or misconfigured; without that account, or without single sign-on, nobody could sign in, so it is refused.
     */
    static boolean passwordSignIn(Map<String, String> env, Optional<String> adminEmail, Optional<OidcSettings> oidc) {
        String value = Settings.optional(env, "DATACLIPS_PASSWORD_SIGNIN").orElse("true");
        boolean open = switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Settings.Invalid("DATACLIPS_PASSWORD_SIGNIN", value, "expected true (default: everyone may sign "
                    + "in with a password) or false (single sign-on only, but for DATACLIPS_ADMIN_EMAIL)");
        };
        if (!open && (adminEmail.isEmpty() || oidc.isEmpty())) {
            throw new Settings.Invalid("DATACLIPS_PASSWORD_SIGNIN", value, adminEmail.isEmpty()
                    ? "needs DATACLIPS_ADMIN_EMAIL and DATACLIPS_ADMIN_PASSWORD: that admin keeps signing in with a "
                    + "password when the identity provider cannot be used"
                    : "needs single sign-on (DATACLIPS_OIDC_ISSUER): without it only the admin could sign in");
        }
        return open;
    }

    /** https, or http on this machine only (a provider for tests or development); no query, fragment or user. */
    private static URI issuer(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean local = uri.getHost() != null && (uri.getHost().equals("localhost") || uri.getHost().startsWith("127.")
                    || uri.getHost().equals("[::1]"));
            if ((scheme.equals("https") || scheme.equals("http") && local) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new Settings.Invalid("DATACLIPS_OIDC_ISSUER", value, "expected the identity provider's issuer URL, "
                + "exactly as its /.well-known/openid-configuration names it, such as https://accounts.google.com or "
                + "https://sso.example.com/realms/staff (https; http only for localhost)");
    }

    private static String required(Map<String, String> env, String name, String what) {
        return Settings.optional(env, name).orElseThrow(() -> new Settings.Invalid(name, "",
                "required with DATACLIPS_OIDC_ISSUER: " + what));
    }

    private static Set<String> domains(String value) {
        Set<String> domains = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String domain = part.strip().toLowerCase(Locale.ROOT);
            if (domain.isEmpty()) {
                continue;
            }
            if (!DOMAIN.matcher(domain).matches()) {
                throw new Settings.Invalid("DATACLIPS_OIDC_EMAIL_DOMAINS", value, "expected email domains separated by "
                        + "commas, such as example.com,example.org ('" + part.strip() + "' is not a domain)");
            }
            domains.add(domain);
        }
        return Set.copyOf(domains);
    }

    /** The sign-in button's name for the well-known providers; else the issuer's host. */
    private static String nameOf(URI issuer) {
        String host = issuer.getHost().toLowerCase(Locale.ROOT);
        String path = issuer.getPath() == null ? "" : issuer.getPath();
        if (host.equals(GOOGLE)) {
            return "Google";
        } else if (host.equals("login.microsoftonline.com")) {
            return "Microsoft";
        } else if (Arrays.stream(new String[] {".okta.com", ".oktapreview.com", ".okta-emea.com"}).anyMatch(host::endsWith)) {
            return "Okta";
        } else if (host.equals("gitlab.com") || host.startsWith("gitlab.")) {
            return "GitLab";
        } else if (path.contains("/realms/")) {
            return "Keycloak";
        } else if (path.contains("/application/o/")) {
            return "Authentik";
        }
        return host;
    }
}
