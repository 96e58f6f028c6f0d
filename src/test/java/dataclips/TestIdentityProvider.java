package dataclips;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/**
 * A real OpenID Connect provider for the single sign-on tests: NAV's mock-oauth2-server from Maven Central, started by
 * the test run on a port of this machine (discovery, JWKS, authorization code with PKCE S256, single-use codes, token,
 * UserInfo and end-session endpoints), with its interactive login form, where each test signs in as whom it chooses and
 * types the claims that person's ID token should carry. Two things a production provider does that this one leaves
 * out are added as routes of the same server: the token endpoint refuses a wrong client secret (invalid_client, RFC
 * 6749 5.2), and a test may make the next token answer carry an ID token it built itself (alg none, HMAC, a key that is
 * not the provider's), which the app under test must refuse.
 */
public final class TestIdentityProvider implements AutoCloseable {
    public static final String CLIENT_ID = "dataclips-test";
    public static final String CLIENT_SECRET = "the-test-client-secret-of-32-bytes-and-more";
    public static final String NAME = "Acme SSO";
    private static TestIdentityProvider shared;
    private final MockOAuth2Server server;
    private final KeyProvider keys;
    private final Queue<String> forgedIdTokens = new ConcurrentLinkedQueue<>();

    private TestIdentityProvider(KeyProvider keys) {
        this.keys = keys;
        OAuth2Config config = new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(keys), Set.of(),
                new MockWebServerWrapper(null));
        server = new MockOAuth2Server(config, new ClientSecretCheck(), new ForgedAnswer());
    }

    /** One provider for the whole test run, started at the first call (the app's tests share it like TestCluster). */
    public static synchronized TestIdentityProvider shared() {
        if (shared == null) {
            shared = start(0, newKey("acme-1"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A provider of its own on this port (0: any free one), with the library's own signing keys. */
    public static TestIdentityProvider start(int port) {
        return start(port, new KeyProvider());
    }

    /** A provider of its own whose ID tokens are signed with this key (named by its own kid in the JWKS). */
    public static TestIdentityProvider start(int port, JWK signingKey) {
        return start(port, new KeyProvider(List.of(signingKey), "RS256") {
            @Override
            public JWK signingKey(String issuerId) {
                return signingKey;
            }
        });
    }

    private static TestIdentityProvider start(int port, KeyProvider keys) {
        TestIdentityProvider provider = new TestIdentityProvider(keys);
        provider.server.start(port);
        return provider;
    }

    /** A new RSA signing key (2048 bits) with this key id. */
    public static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed with the provider's own key, as its token endpoint would sign it (for claims it would not). */
    public String signAsProvider(JWTClaimsSet claims) {
        try {
            JWK key = keys.signingKey("default");
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key.toRSAKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer URL, exactly as its discovery document names it. */
    public String issuer() {
        return server.issuerUrl("default").toString();
    }

    public int port() {
        return server.baseUrl().port();
    }

    /** The app's settings for single sign-on with this provider (its name on the button: {@link #NAME}). */
    public Map<String, String> settings() {
        return settings(Map.of());
    }

    /** The same with more settings (DATACLIPS_OIDC_EMAIL_DOMAINS, …), which win over these. */
    public Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of("DATACLIPS_OIDC_ISSUER", issuer(), "DATACLIPS_OIDC_CLIENT_ID",
                CLIENT_ID, "DATACLIPS_OIDC_CLIENT_SECRET", CLIENT_SECRET, "DATACLIPS_OIDC_PROVIDER_NAME", NAME));
        settings.putAll(more);
        return settings;
    }

    /** The next token request is answered with this ID token (and a made-up access token), whatever its code. */
    public void answerNextTokenRequestWith(String idToken) {
        forgedIdTokens.add(idToken);
    }

    @Override
    public void close() {
        server.shutdown();
    }

    private static boolean tokenRequest(OAuth2HttpRequest request) {
        return request.getMethod().equals("POST") && request.getUrl().encodedPath().endsWith("/token");
    }

    private static OAuth2HttpResponse json(int status, String body) {
        return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json;charset=UTF-8"), status, body, null);
    }

    /** A confidential client's secret is checked at the token endpoint, as every real provider does. */
    private static final class ClientSecretCheck implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            if (!tokenRequest(request)) {
                return false;
            }
            String basic = request.getHeaders().get("Authorization");
            if (basic == null || !basic.startsWith("Basic ")) {
                return !CLIENT_SECRET.equals(request.getFormParameters().get("client_secret"));
            }
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            return pair.length != 2 || !CLIENT_SECRET.equals(java.net.URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}");
        }
    }

    /** Answers a token request with the ID token a test built, when one is queued. */
    private final class ForgedAnswer implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return tokenRequest(request) && !forgedIdTokens.isEmpty();
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return json(200, "{\"token_type\":\"Bearer\",\"access_token\":\"not-a-real-access-token\",\"expires_in\":60,"
                    + "\"id_token\":\"" + forgedIdTokens.poll() + "\"}");
        }
    }
}
