package dataclips.accounts;

/**
 * Why a single sign-on signed nobody in, with the HTTP status of the page that says so (web.OidcRoutes words each one:
 * what happened and what to do). 4xx: the person, their browser or their account; 5xx: the provider or its set-up.
 */
public enum SsoRefusal {
    /** DATACLIPS_OIDC_ISSUER is not set. */
    NOT_SET_UP(404),
    /** The provider (discovery, its keys or its token endpoint) did not answer. */
    UNREACHABLE(503),
    /** No sign-on under way matches the state (used already, older than 10 minutes, or started in another browser). */
    EXPIRED(400),
    /** The return carried no code (or one no provider gives), or named another provider as its sender (iss). */
    BAD_ANSWER(400),
    /** The person declined at the provider (error=access_denied). */
    DENIED(403),
    /** The provider sent the browser back with another error (the browser's word for it: a 4xx). */
    SENT_BACK_WITH_ERROR(400),
    /** The provider's token endpoint answered with an error other than the two below, or could not be read. */
    PROVIDER_ERROR(502),
    /** The token endpoint refused Dataclips' client ID or secret (invalid_client). */
    CLIENT_REJECTED(502),
    /** The token endpoint refused the code: used already or expired (invalid_grant). */
    CODE_REJECTED(400),
    /** The ID token failed a check: signature, issuer, audience, expiry, nonce; or UserInfo answered for another subject. */
    TOKEN_REJECTED(502),
    /** The provider said no email address (the client may not ask for the email scope). */
    NO_EMAIL(502),
    /** email_verified is not true. */
    EMAIL_UNVERIFIED(403),
    /** The email's domain is not in DATACLIPS_OIDC_EMAIL_DOMAINS. */
    DOMAIN_NOT_ALLOWED(403),
    /** The Dataclips account is deactivated. */
    DEACTIVATED(403),
    /** The account with this email is linked to another subject at the same provider. */
    OTHER_SUBJECT(409);

    private final int status;

    SsoRefusal(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Stops a sign-on here, saying why in detail (shown to the person). */
    Halt halt(String detail) {
        return new Halt(this, detail);
    }

    /** Thrown inside accounts to stop a sign-on at the first refusal; {@link SingleSignOn} turns it into its outcome. */
    static final class Halt extends Exception {
        private final SsoRefusal reason;

        private Halt(SsoRefusal reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        SsoRefusal reason() {
            return reason;
        }
    }
}
