package dataclips.accounts;

import static dataclips.SsoFlow.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dataclips.AppFixture;
import dataclips.Http;
import dataclips.SsoFlow;
import dataclips.TestIdentityProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider's answer, tampered with: a forged state, a callback or a code used twice, and ID tokens that must not
 * sign anyone in: a wrong nonce, expired or issued in the future, for another audience or from another issuer, and,
 * built here with Nimbus JOSE and handed out by the provider's real token endpoint, unsigned (alg none), signed with
 * HMAC under the client secret, signed with a key the provider never published, or issued to another client (azp).
 * After each, nobody is signed in and no account was made.
 */
class SingleSignOnHostileTest {
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CHECKS_FAILED = "Acme SSO's answer failed Dataclips' checks";
    @RegisterExtension
    static final AppFixture app = new AppFixture(IDP.settings());
    private static int people;
    private static String lastEmail;

    @Test
    void aForgedStateSignsNobodyInAndTheRealOneStillWorks() {
        Http browser = app.http();
        String email = next();
        URI back = SsoFlow.login(SsoFlow.start(browser, null), email, person(email, null));
        assertRefused(browser, SsoFlow.callback(browser, SsoFlow.withParameter(back, "state", "A".repeat(43))), 400,
                "This sign-in has expired", email);
        assertRefused(browser, SsoFlow.callback(browser, SsoFlow.withParameter(back, "state", "")), 400,
                "This sign-in has expired", email);
        assertEquals(302, SsoFlow.callback(browser, back).status(), "the real answer was not used up by the forgeries");
    }

    @Test
    void aReplayedCallbackOrCodeSignsNobodyIn() {
        Http browser = app.http();
        String email = next();
        URI back = SsoFlow.login(SsoFlow.start(browser, null), email, person(email, null));
        assertEquals(302, SsoFlow.callback(browser, back).status());
        Http replay = app.http();
        replay.setCookie("dataclips_oidc", browser.cookie("dataclips_oidc"));
        assertRefused(replay, SsoFlow.callback(replay, back), 400, "This sign-in has expired", null);

        SsoFlow.Authorization fresh = SsoFlow.start(replay, null);
        URI oldCode = SsoFlow.withParameter(back, "state", fresh.state());
        assertRefused(replay, SsoFlow.callback(replay, oldCode), 400, "Acme SSO did not accept the sign-in code", null);
    }

    @Test
    void tokensForAnotherAudienceFromAnotherIssuerOrWithAWrongNonceAreRefused() {
        assertTokenRefused(Map.of("nonce", "not-the-nonce-of-this-sign-in"), "nonce");
        assertTokenRefused(Map.of("aud", "another-client"), "audience");
        assertTokenRefused(Map.of("aud", List.of("another-client", "a-third")), "audience");
        assertTokenRefused(Map.of("iss", "https://evil.example/default"), "issuer");
    }

    @Test
    void expiryAndIssueTimeHoldWithinAMinuteOfSkew() throws JOSEException {
        Instant now = Instant.now();
        assertEquals(302, forged(now.minusSeconds(3600), now.minusSeconds(20), IDP::signAsProvider).status(),
                "20 s past expiry is within the skew");
        assertForgedRefused(now.minusSeconds(3600), now.minusSeconds(120), IDP::signAsProvider, "Expired");
        assertForgedRefused(now.plusSeconds(3600), now.plusSeconds(7200), IDP::signAsProvider, "issue");
    }

    @Test
    void anAnswerNamingAnotherIssuerIsRefused() {
        Http browser = app.http();
        String email = next();
        URI back = SsoFlow.login(SsoFlow.start(browser, null), email, person(email, null));
        Http.Response r = SsoFlow.callback(browser, SsoFlow.withParameter(back, "iss", "https://evil.example/"));
        assertRefused(browser, r, 400, "Acme SSO's answer cannot be used", email);
        assertTrue(r.body().contains("names another identity provider as its sender"), r.body());
        assertFalse(r.body().contains("evil.example"), "what the caller chose is not repeated");
    }

    @Test
    void unsignedHmacAndForeignKeyTokensFromTheTokenEndpointAreRefused() throws JOSEException {
        Instant now = Instant.now();
        Instant hour = now.plusSeconds(3600);
        assertForgedRefused(now, hour, claims -> new PlainJWT(claims).serialize(), "Signed ID token expected");
        assertForgedRefused(now, hour, claims -> sign(new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID("acme-1").build(), claims), new MACSigner(TestIdentityProvider.CLIENT_SECRET.getBytes(
                StandardCharsets.UTF_8))), "no matching key");
        var attacker = TestIdentityProvider.newKey("acme-1");
        assertForgedRefused(now, hour, claims -> sign(new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("acme-1").build(), claims), new RSASSASigner(attacker)), "signature");
        assertForgedRefused(now, hour, claims -> IDP.signAsProvider(new JWTClaimsSet.Builder(claims)
                .audience(List.of(TestIdentityProvider.CLIENT_ID, "another-client")).claim("azp", "another-client").build()),
                "azp");
        assertEquals(302, forged(now, hour, IDP::signAsProvider).status(), "the same claims, signed by the provider");
    }

    private interface Forgery {
        String token(JWTClaimsSet claims) throws JOSEException;
    }

    private void assertForgedRefused(Instant issued, Instant expires, Forgery forgery, String check) throws JOSEException {
        Http browser = app.http();
        Http.Response r = forged(browser, issued, expires, forgery);
        assertRefused(browser, r, 502, CHECKS_FAILED, lastEmail);
        String happened = Jsoup.parse(r.body()).select("main .error-message").text();
        assertTrue(happened.toLowerCase().contains(check.toLowerCase()), check + ": " + happened);
    }

    private Http.Response forged(Instant issued, Instant expires, Forgery forgery) throws JOSEException {
        return forged(app.http(), issued, expires, forgery);
    }

    /**
     * A real sign-on whose token answer is replaced by an ID token built here (the right issuer, audience and nonce,
     * these times), handed out by the provider's token endpoint.
     */
    private Http.Response forged(Http browser, Instant issued, Instant expires, Forgery forgery) throws JOSEException {
        String email = next();
        SsoFlow.Authorization to = SsoFlow.start(browser, null);
        URI back = SsoFlow.login(to, email, person(email, null));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(IDP.issuer()).audience(TestIdentityProvider.CLIENT_ID)
                .subject(email).claim("nonce", to.nonce()).issueTime(Date.from(issued))
                .expirationTime(Date.from(expires)).claim("email", email).claim("email_verified", true).build();
        IDP.answerNextTokenRequestWith(forgery.token(claims));
        return SsoFlow.callback(browser, back);
    }

    private void assertTokenRefused(Map<String, Object> tampered, String check) {
        Http browser = app.http();
        String email = next();
        Map<String, Object> claims = new HashMap<>(person(email, null));
        claims.putAll(tampered);
        Http.Response r = SsoFlow.signIn(browser, null, email, claims);
        assertRefused(browser, r, 502, CHECKS_FAILED, email);
        String happened = Jsoup.parse(r.body()).select("main .error-message").text();
        assertTrue(happened.toLowerCase().contains(check.toLowerCase()), tampered + ": " + happened);
    }

    /** The refusal page, and afterwards nobody signed in in this browser and no account for email (null: not asked). */
    private static void assertRefused(Http browser, Http.Response r, int status, String title, String email) {
        assertEquals(status, r.status(), Jsoup.parse(r.body()).select("main").text());
        assertEquals(title, Jsoup.parse(r.body()).select("main h1").text(), Jsoup.parse(r.body()).select("main").text());
        assertEquals(401, browser.get("/api/v1/me").status(), "nobody is signed in");
        if (email != null) {
            assertTrue(app.http().get("/api/v1/users", Http.bearer(app.admin())).json().findValuesAsText("email").stream()
                    .noneMatch(email::equals), "no account for " + email);
        }
    }

    private static String sign(SignedJWT jwt, com.nimbusds.jose.JWSSigner signer) throws JOSEException {
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String next() {
        lastEmail = "hostile-" + (++people) + "-" + RUN + "@example.com";
        return lastEmail;
    }
}
