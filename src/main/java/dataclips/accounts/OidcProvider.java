package dataclips.accounts;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dataclips.OidcSettings;
import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider as its discovery document describes it, and the ID token validator built from it (signature
 * against the provider's JWKS, refetched when a token names a key it does not hold, so rotated keys work; iss, aud,
 * exp and iat with 60 s of skew, nonce). Discovery runs in the background from the start and again every 30 s until the
 * provider answers: the app starts and serves without it, and the sign-in page says single sign-on is unavailable.
 */
public final class OidcProvider implements AutoCloseable {
    static final int TIMEOUT_MS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);
    private static final Duration RETRY = Duration.ofSeconds(30);
    /** A person's click asks again at most this often, so clicks cannot hammer a provider that is down. */
    private static final Duration ASK_AGAIN = Duration.ofSeconds(2);
    private static final int MAX_CLOCK_SKEW_SECONDS = 60;
    /** Signatures by the provider's published keys only: never "none", never HMAC (a secret Dataclips shares). */
    private static final Set<JWSAlgorithm.Family> ASYMMETRIC = Set.of(JWSAlgorithm.Family.RSA, JWSAlgorithm.Family.EC,
            JWSAlgorithm.Family.ED);
    private final OidcSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dataclips-oidc-discovery");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Availability availability = new Availability.NotAskedYet();
    private volatile Instant lastAsked = Instant.EPOCH;

    /** What is known of the provider now. */
    public sealed interface Availability {
        /** Discovery has not finished yet (just after the start): a click asks at once. */
        record NotAskedYet() implements Availability {}

        record Ready(Discovered provider) implements Availability {}

        /** The last attempt failed (reason: for the administrator, e.g. "Connection refused"). */
        record Unreachable(String reason, Instant since) implements Availability {}
    }

    /** The provider's metadata and a validator for its ID tokens. */
    public record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    OidcProvider(OidcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Asks the provider in the background, now and every 30 s until it has answered once. */
    OidcProvider start() {
        background.execute(this::discoverUntilReady);
        return this;
    }

    public Availability availability() {
        return availability;
    }

    /** The provider now: asks it again (waiting at most a few seconds) unless it answered or was asked just now. */
    synchronized Availability ensure() {
        if (!(availability instanceof Availability.Ready) && lastAsked.plus(ASK_AGAIN).isBefore(clock.instant())) {
            discover();
        }
        return availability;
    }

    /** Asks again soon in the background (the sign-in page, while the provider is unreachable). */
    void askAgainSoon() {
        if (availability instanceof Availability.Unreachable && lastAsked.plus(ASK_AGAIN).isBefore(clock.instant())) {
            background.execute(this::ensure);
        }
    }

    private void discoverUntilReady() {
        if (!(ensure() instanceof Availability.Ready) && !background.isShutdown()) {
            background.schedule(this::discoverUntilReady, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void discover() {
        lastAsked = clock.instant();
        Availability before = availability;
        try {
            availability = new Availability.Ready(discovered());
            LOG.info("single sign-on: {} answered discovery", settings.issuer());
        } catch (IOException | GeneralException | RuntimeException e) {
            String reason = reason(e);
            Instant since = before instanceof Availability.Unreachable u ? u.since() : clock.instant();
            availability = new Availability.Unreachable(reason, since);
            if (!(before instanceof Availability.Unreachable)) { // once, not every 30 s
                LOG.warn("single sign-on is unavailable: {} did not answer discovery ({}); asking again every {} s",
                        settings.issuer(), reason, RETRY.toSeconds());
            }
        }
    }

    private Discovered discovered() throws IOException, GeneralException {
        Issuer issuer = new Issuer(settings.issuer());
        // Checks that the document names exactly this issuer.
        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer, request -> {
            request.setConnectTimeout(TIMEOUT_MS);
            request.setReadTimeout(TIMEOUT_MS);
        });
        if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null) {
            throw new GeneralException("its discovery document names no jwks_uri or no token_endpoint");
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024)).retrying(true).build();
        IDTokenValidator validator = new IDTokenValidator(issuer, new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(algorithms(metadata.getIDTokenJWSAlgs()), keys), null);
        validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        return new Discovered(metadata, validator);
    }

    /** The asymmetric algorithms the provider says it signs ID tokens with; RS256 (OpenID Connect's default) if none. */
    private static Set<JWSAlgorithm> algorithms(List<JWSAlgorithm> advertised) {
        Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
        if (advertised != null) {
            advertised.stream().filter(a -> ASYMMETRIC.stream().anyMatch(f -> f.contains(a))).forEach(chosen::add);
        }
        return chosen.isEmpty() ? Set.of(JWSAlgorithm.RS256) : chosen;
    }

    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (e instanceof MalformedURLException || cause instanceof java.net.UnknownHostException) {
            return "unknown host " + message;
        }
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
