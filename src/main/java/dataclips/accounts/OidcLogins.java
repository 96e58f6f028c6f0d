package dataclips.accounts;

import static dataclips.db.Tables.OIDC_LOGINS;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Sign-ons under way, from "Sign in with …" until the provider sends the browser back: the state (kept as its hash),
 * the nonce and PKCE verifier the provider's answer must match, the redirect URI and where to go afterwards. Each is
 * bound to the browser that started it (the hash of a random cookie of its own), lives 10 minutes and is taken once:
 * a return replayed, forged, too late or in another browser finds nothing.
 */
final class OidcLogins {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final int MAX_STATE = 200;
    private final DSLContext db;

    /** One sign-on under way. */
    record Pending(State state, Nonce nonce, CodeVerifier verifier, URI redirectUri, String next) {}

    OidcLogins(DSLContext db) {
        this.db = db;
    }

    /** A new sign-on for the browser holding the cookie value browser; next: a path of this site. */
    Pending begin(String browser, URI redirectUri, String next) {
        db.deleteFrom(OIDC_LOGINS).where(OIDC_LOGINS.CREATED_AT.lt(OffsetDateTime.now().minus(LIFETIME))).execute();
        Pending pending = new Pending(new State(), new Nonce(), new CodeVerifier(), redirectUri, next);
        db.insertInto(OIDC_LOGINS).set(OIDC_LOGINS.STATE_HASH, Tokens.hash(pending.state().getValue()))
                .set(OIDC_LOGINS.BROWSER_HASH, Tokens.hash(browser)).set(OIDC_LOGINS.NONCE, pending.nonce().getValue())
                .set(OIDC_LOGINS.CODE_VERIFIER, pending.verifier().getValue())
                .set(OIDC_LOGINS.REDIRECT_URI, redirectUri.toString()).set(OIDC_LOGINS.NEXT_PATH, next).execute();
        return pending;
    }

    /** The sign-on this state names, started by this browser within 10 minutes, removed as it is read. */
    Optional<Pending> take(String state, String browser) {
        if (state == null || state.isEmpty() || state.length() > MAX_STATE || browser == null) {
            return Optional.empty();
        }
        return db.deleteFrom(OIDC_LOGINS).where(OIDC_LOGINS.STATE_HASH.eq(Tokens.hash(state)))
                .and(OIDC_LOGINS.BROWSER_HASH.eq(Tokens.hash(browser)))
                .and(OIDC_LOGINS.CREATED_AT.ge(OffsetDateTime.now().minus(LIFETIME)))
                .returning().fetchOptional()
                .map(r -> new Pending(new State(state), new Nonce(r.getNonce()), new CodeVerifier(r.getCodeVerifier()),
                        URI.create(r.getRedirectUri()), r.getNextPath()));
    }
}
