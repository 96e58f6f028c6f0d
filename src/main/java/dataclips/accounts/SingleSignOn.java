package dataclips.accounts;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.OIDCScopeValue;
import dataclips.OidcSettings;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Single sign-on with OpenID Connect's authorization-code flow (README, "Single sign-on"): {@link #begin} sends the
 * browser to the provider with a state, a nonce and a PKCE S256 challenge; {@link #finish} takes the provider's answer
 * back to exactly one outcome: someone signed in, or a refusal saying why. The web layer then sets their teams from
 * the groups (access.Teams) and starts the session.
 */
public final class SingleSignOn implements AutoCloseable {
    private final OidcSettings settings;
    private final OidcProvider provider;
    private final OidcLogins logins;
    private final OidcExchange exchange;
    private final OidcAccounts accounts;

    /** How a sign-on ended. next: where the browser goes afterwards (a path of this site). */
    public sealed interface Finished {
        /** groups: the provider's groups claim, for the teams that follow it (empty: no claim, memberships stay). */
        record SignedIn(User user, Optional<Set<String>> groups, String idToken, String next) implements Finished {}

        record Refused(SsoRefusal reason, String detail, String next) implements Finished {}
    }

    /** What came back to the callback URL: its parameters, and the browser's binding cookie. */
    public record Callback(String state, String code, String error, String issuer, String browser) {}

    private SingleSignOn(OidcSettings settings, DSLContext db, Clock clock) {
        this.settings = settings;
        this.provider = new OidcProvider(settings, clock).start();
        this.logins = new OidcLogins(db);
        this.exchange = new OidcExchange(settings);
        this.accounts = new OidcAccounts(db, settings.adminGroup());
    }

    /** Single sign-on when it is set up; its discovery starts in the background at once. */
    public static Optional<SingleSignOn> start(Optional<OidcSettings> settings, DSLContext db) {
        return settings.map(s -> new SingleSignOn(s, db, Clock.systemUTC()));
    }

    public String providerName() {
        return settings.providerName();
    }

    /** The email domains that may sign in (empty: any the provider verified). */
    public Set<String> emailDomains() {
        return settings.emailDomains();
    }

    /** What is known of the provider now, without asking it (the sign-in page; asks again soon when it was down). */
    public OidcProvider.Availability availability() {
        provider.askAgainSoon();
        return provider.availability();
    }

    /** How a sign-on began: off to the provider, or not, when it cannot be reached. */
    public sealed interface Begun {
        record ToProvider(URI authorization) implements Begun {}

        record Unreachable(String reason) implements Begun {}
    }

    /** The provider's authorization URL for a new sign-on by this browser, or why it cannot be reached. */
    public Begun begin(String browser, URI redirectUri, String next) {
        OidcProvider.Discovered discovered;
        try {
            discovered = discovered();
        } catch (SsoRefusal.Halt halt) {
            return new Begun.Unreachable(halt.getMessage());
        }
        OidcLogins.Pending pending = logins.begin(browser, redirectUri, next);
        Scope scope = new Scope(OIDCScopeValue.OPENID, OIDCScopeValue.EMAIL, OIDCScopeValue.PROFILE);
        Scope offered = discovered.metadata().getScopes();
        if (offered != null && offered.contains("groups")) { // Okta, Authentik: the groups claim comes with this scope
            scope.add("groups");
        }
        return new Begun.ToProvider(new AuthenticationRequest.Builder(ResponseType.CODE, scope,
                new ClientID(settings.clientId()), redirectUri).endpointURI(discovered.metadata().getAuthorizationEndpointURI())
                .state(pending.state()).nonce(pending.nonce()).codeChallenge(pending.verifier(), CodeChallengeMethod.S256)
                .build().toURI());
    }

    /** The provider's answer, checked in full: the pending sign-on it names, the tokens, the claims, the account. */
    public Finished finish(Callback callback) {
        Optional<OidcLogins.Pending> pending = logins.take(callback.state(), callback.browser());
        String next = pending.map(OidcLogins.Pending::next).orElse("/");
        try {
            if (callback.error() != null) {
                throw ("access_denied".equals(callback.error()) ? SsoRefusal.DENIED : SsoRefusal.SENT_BACK_WITH_ERROR)
                        .halt(callback.error());
            }
            OidcLogins.Pending started = pending.orElseThrow(() -> SsoRefusal.EXPIRED.halt(""));
            // RFC 9207: a provider that names itself in the answer must be the one this sign-on went to.
            if (callback.issuer() != null && !callback.issuer().equals(settings.issuer().toString())) {
                throw SsoRefusal.BAD_ANSWER.halt("it names another identity provider as its sender");
            }
            if (callback.code() == null || callback.code().isEmpty() || callback.code().length() > 4096) {
                throw SsoRefusal.BAD_ANSWER.halt("it carries no sign-in code");
            }
            OidcExchange.Verified verified = exchange.exchange(discovered(), started, callback.code());
            OidcIdentity identity = OidcIdentity.of(verified.claims(), settings);
            User user = accounts.signIn(identity);
            return new Finished.SignedIn(user, identity.groups(), verified.idToken(), next);
        } catch (SsoRefusal.Halt halt) {
            return new Finished.Refused(halt.reason(), halt.getMessage(), next);
        }
    }

    /** The provider's end-session URL for the session this ID token began, when its discovery names one. */
    public Optional<URI> endSession(String idToken) {
        if (!(provider.availability() instanceof OidcProvider.Availability.Ready ready)
                || ready.provider().metadata().getEndSessionEndpointURI() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogoutRequest(ready.provider().metadata().getEndSessionEndpointURI(),
                    JWTParser.parse(idToken), null, new ClientID(settings.clientId()), null, null, null).toURI());
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private OidcProvider.Discovered discovered() throws SsoRefusal.Halt {
        OidcProvider.Availability now = provider.ensure();
        if (now instanceof OidcProvider.Availability.Ready ready) {
            return ready.provider();
        }
        throw SsoRefusal.UNREACHABLE.halt(now instanceof OidcProvider.Availability.Unreachable u ? u.reason() : "");
    }

    @Override
    public void close() {
        provider.close();
    }
}
