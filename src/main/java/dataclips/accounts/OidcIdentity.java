package dataclips.accounts;

import dataclips.OidcSettings;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who the identity provider vouched for: its issuer and their subject there (what identifies them), their verified
 * email (what links an existing account, once) and their groups (empty: the provider sent no groups claim, so
 * memberships stay as they are; an empty set is a claim that lists no group).
 */
public record OidcIdentity(String issuer, String subject, String email, Optional<Set<String>> groups) {

    /** Reads and checks the verified claims: an email, verified, in an allowed domain. */
    static OidcIdentity of(Map<String, Object> claims, OidcSettings settings) throws SsoRefusal.Halt {
        String email = claims.get("email") instanceof String e ? e.strip().toLowerCase(Locale.ROOT) : "";
        if (email.isEmpty() || email.indexOf('@') < 1) {
            throw SsoRefusal.NO_EMAIL.halt("the ID token and UserInfo hold no email claim");
        }
        String subject = claims.get("sub").toString();
        if (subject.length() > 255 || email.length() > 320) { // OpenID Connect's and email's own limits
            throw SsoRefusal.TOKEN_REJECTED.halt("its subject or email is longer than 255 or 320 characters");
        }
        if (!verified(claims)) {
            throw SsoRefusal.EMAIL_UNVERIFIED.halt(email);
        }
        String domain = email.substring(email.lastIndexOf('@') + 1);
        Set<String> allowed = settings.emailDomains();
        if (!allowed.isEmpty() && !allowed.contains(domain)) {
            throw SsoRefusal.DOMAIN_NOT_ALLOWED.halt(email);
        }
        // Google vouches for the addresses of personal accounts too; only hd says a Workspace domain owns the account.
        if (settings.google() && !(claims.get("hd") instanceof String hd && allowed.contains(hd.toLowerCase(Locale.ROOT)))) {
            throw SsoRefusal.DOMAIN_NOT_ALLOWED.halt(email + " (not an account of a Google Workspace domain named in "
                    + "DATACLIPS_OIDC_EMAIL_DOMAINS)");
        }
        return new OidcIdentity(claims.get("iss").toString(), subject, email,
                groups(claims.get(settings.groupsClaim())));
    }

    /**
     * email_verified true (a JSON boolean, or the string some providers send); Microsoft Entra ID sends no
     * email_verified, and its optional claim xms_edov (the email's domain is verified by its owner) stands for it.
     */
    private static boolean verified(Map<String, Object> claims) {
        Object verified = claims.containsKey("email_verified") ? claims.get("email_verified") : claims.get("xms_edov");
        return Boolean.TRUE.equals(verified) || "true".equals(verified) || "1".equals(verified);
    }

    /** A list of names, or one name; anything else (an object, a number) counts as no claim. */
    private static Optional<Set<String>> groups(Object claim) {
        if (claim instanceof String one) {
            return Optional.of(Set.of(one));
        }
        if (claim instanceof Collection<?> many) {
            Set<String> names = new LinkedHashSet<>();
            many.stream().filter(String.class::isInstance).map(String.class::cast).forEach(names::add);
            return Optional.of(Set.copyOf(names));
        }
        return Optional.empty();
    }
}
