package dataclips.web;

import dataclips.accounts.SsoRefusal;
import java.util.Set;

/**
 * What the page says for each refused single sign-on (README, "Single sign-on"): what happened, in a heading and a
 * sentence, and what the person can do about it. What the browser brings back from the provider (an error's code
 * other than the standard ones, its description, the iss) is never shown: a crafted link to the callback could
 * otherwise put any words on this site's page. What the provider answers Dataclips itself, on the back channel, is.
 */
final class SsoMessages {
    /** OAuth 2.0's and OpenID Connect's own error codes: the only ones a page repeats. */
    private static final Set<String> STANDARD_ERRORS = Set.of("invalid_request", "unauthorized_client", "access_denied",
            "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable",
            "interaction_required", "login_required", "account_selection_required", "consent_required",
            "invalid_request_uri", "invalid_request_object", "request_not_supported", "request_uri_not_supported",
            "registration_not_supported", "invalid_client", "invalid_grant", "unsupported_grant_type");

    /** retry: whether starting again may help (the page then offers the button). */
    record Message(String title, String happened, String advice, boolean retry) {}

    private SsoMessages() {}

    /** provider: its name; detail: what accounts said (an email, a failed check); domains: the allowed ones. */
    static Message of(SsoRefusal reason, String detail, String provider, Set<String> domains) {
        String p = provider;
        return switch (reason) {
            case NOT_SET_UP -> new Message("Single sign-on is not set up", "This Dataclips has no identity provider.",
                    "Sign in with your email and password, or ask the administrator to set DATACLIPS_OIDC_ISSUER.", false);
            case UNREACHABLE -> new Message(p + " cannot be reached", "Dataclips could not reach the identity provider"
                    + (detail.isEmpty() ? "." : ": " + detail + "."), "Nothing is wrong with your account. Try again in "
                    + "a minute; if it lasts, tell your Dataclips administrator.", true);
            case EXPIRED -> new Message("This sign-in has expired", "The answer from " + p + " does not belong to a "
                    + "sign-in started in this browser in the last 10 minutes: it was used already, it is too old, or it "
                    + "was started in another browser.", "Start again.", true);
            case BAD_ANSWER -> new Message(p + "'s answer cannot be used", "The address you were sent back to is not "
                    + "a usable answer from " + p + ": " + detail + ". Nobody was signed in.", "Start again; if it happens "
                    + "again, tell your administrator.", true);
            case DENIED -> new Message("You did not allow Dataclips to use your " + p + " account", p + " says the "
                    + "sign-in was declined.", "To sign in, start again and accept at " + p + ". If you did not mean to "
                    + "sign in, close this page: nothing was changed.", true);
            case SENT_BACK_WITH_ERROR -> new Message(p + " could not sign you in", p + " sent you back with "
                    + (STANDARD_ERRORS.contains(detail) ? "the error " + detail : "an error") + ".",
                    "Try again; if it lasts, tell your Dataclips administrator.", true);
            case PROVIDER_ERROR -> new Message(p + " could not sign you in", p + "'s token endpoint answered: " + detail
                    + ".", "Try again; if it lasts, tell your Dataclips administrator (the app's log has the details).",
                    true);
            case CLIENT_REJECTED -> new Message(p + " refused Dataclips' own credentials", p + " answered invalid_client:"
                    + " the client ID or secret Dataclips signs in to it with is wrong.", "This is not about your account."
                    + " The administrator must check DATACLIPS_OIDC_CLIENT_ID and DATACLIPS_OIDC_CLIENT_SECRET against "
                    + "the client registered at " + p + ".", false);
            case CODE_REJECTED -> new Message(p + " did not accept the sign-in code", "The code was used already or has"
                    + " expired.", "Start again.", true);
            case TOKEN_REJECTED -> new Message(p + "'s answer failed Dataclips' checks", "The identity token was "
                    + "refused: " + detail + ". Nobody was signed in.", "Start again; if it keeps happening, the "
                    + "administrator should check this server's clock and that DATACLIPS_OIDC_ISSUER and "
                    + "DATACLIPS_OIDC_CLIENT_ID match " + p + ".", true);
            case NO_EMAIL -> new Message(p + " did not say your email address", "Dataclips names accounts by email, "
                    + "and " + p + " sent none.", "The administrator must let Dataclips' client at " + p + " have the "
                    + "email scope.", false);
            case EMAIL_UNVERIFIED -> new Message(p + " has not verified " + detail, "Dataclips accepts only addresses"
                    + " the identity provider has verified.", "Verify the address at " + p + " (or ask its "
                    + "administrator to), then sign in again.", true);
            case DOMAIN_NOT_ALLOWED -> new Message(detail + " may not sign in here", "This Dataclips accepts accounts"
                    + " of " + String.join(", ", domains.stream().sorted().toList()) + " only.", "Sign in at " + p
                    + " with an account of one of those domains (sign out of " + p + " first if it picks the other "
                    + "account by itself).", true);
            case DEACTIVATED -> new Message("The account " + detail + " is deactivated", "A Dataclips administrator "
                    + "deactivated it; signing in at " + p + " does not change that.", "Ask a Dataclips administrator to"
                    + " reactivate it.", false);
            case OTHER_SUBJECT -> new Message(detail + " belongs to another " + p + " account", "The Dataclips account "
                    + detail + " is linked to a different " + p + " account, and each Dataclips account follows one.",
                    "Sign in with the " + p + " account you used before, or ask a Dataclips administrator.", false);
        };
    }

    /** With DATACLIPS_PASSWORD_SIGNIN=false, to anyone but the administrator (the same whether the account exists). */
    static String passwordSignInOff(String provider) {
        return "password sign-in is off here: sign in with " + provider + " (only the administrator set up at "
                + "installation may use a password)";
    }
}
