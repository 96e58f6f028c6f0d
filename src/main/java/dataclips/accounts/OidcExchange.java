package dataclips.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dataclips.OidcSettings;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back channel of one sign-on: the code (with its PKCE verifier) for tokens at the token endpoint, the ID token
 * checked by the SDK's validator, and, when the ID token leaves out the email or the groups, the UserInfo endpoint's
 * claims (only for the same subject). Every failure is a {@link SsoRefusal.Halt} saying which.
 */
final class OidcExchange {
    private static final Logger LOG = LoggerFactory.getLogger(OidcExchange.class);
    private final OidcSettings settings;

    /** The ID token's claims (with UserInfo's where the token had none) and the token itself. */
    record Verified(Map<String, Object> claims, String idToken) {}

    OidcExchange(OidcSettings settings) {
        this.settings = settings;
    }

    Verified exchange(OidcProvider.Discovered provider, OidcLogins.Pending pending, String code) throws SsoRefusal.Halt {
        TokenRequest request = new TokenRequest(provider.metadata().getTokenEndpointURI(), clientAuthentication(provider),
                new AuthorizationCodeGrant(new AuthorizationCode(code), pending.redirectUri(), pending.verifier()));
        TokenResponse response = tokenResponse(send(request.toHTTPRequest(), "token endpoint"));
        if (!response.indicatesSuccess()) {
            throw refusal(response.toErrorResponse().getErrorObject());
        }
        if (!(response.toSuccessResponse() instanceof OIDCTokenResponse oidc) || oidc.getOIDCTokens().getIDToken() == null) {
            LOG.warn("single sign-on: the token endpoint answered without an ID token");
            throw SsoRefusal.PROVIDER_ERROR.halt("no ID token (is the openid scope allowed for Dataclips' client?)");
        }
        OIDCTokens tokens = oidc.getOIDCTokens();
        Map<String, Object> claims = new HashMap<>(validated(provider, tokens.getIDToken(), pending));
        if (!claims.containsKey("email") || !claims.containsKey(settings.groupsClaim())) {
            userInfo(provider, tokens, claims);
        }
        return new Verified(claims, tokens.getIDTokenString());
    }

    private Map<String, Object> validated(OidcProvider.Discovered provider, JWT idToken, OidcLogins.Pending pending)
            throws SsoRefusal.Halt {
        Map<String, Object> claims;
        try {
            claims = provider.validator().validate(idToken, pending.nonce()).toJWTClaimsSet().getClaims();
        } catch (BadJOSEException e) {
            throw SsoRefusal.TOKEN_REJECTED.halt(cut(e.getMessage()));
        } catch (com.nimbusds.jose.KeySourceException e) {
            throw SsoRefusal.UNREACHABLE.halt("its signing keys (jwks_uri) could not be fetched: " + cut(e.getMessage()));
        } catch (JOSEException | ParseException e) {
            throw SsoRefusal.TOKEN_REJECTED.halt(cut(e.getMessage()));
        }
        // The SDK follows OpenID Connect Core's errata 2, which no longer checks azp; a token that says it was issued
        // to another client (one that merely lists Dataclips among its audiences) is not ours to sign in with.
        if (claims.get("azp") != null && !settings.clientId().equals(claims.get("azp"))) {
            throw SsoRefusal.TOKEN_REJECTED.halt("it was issued to another client (azp)");
        }
        return claims;
    }

    /** Adds the email (with email_verified) and the groups from UserInfo where the ID token had none. */
    private void userInfo(OidcProvider.Discovered provider, OIDCTokens tokens, Map<String, Object> claims)
            throws SsoRefusal.Halt {
        if (provider.metadata().getUserInfoEndpointURI() == null || tokens.getBearerAccessToken() == null) {
            return;
        }
        HTTPResponse http = send(new UserInfoRequest(provider.metadata().getUserInfoEndpointURI(),
                tokens.getBearerAccessToken()).toHTTPRequest(), "UserInfo endpoint");
        try {
            UserInfoResponse response = UserInfoResponse.parse(http);
            if (!response.indicatesSuccess()) {
                LOG.warn("single sign-on: the UserInfo endpoint refused: {}", response.toErrorResponse().getErrorObject());
                return;
            }
            Map<String, Object> info = response.toSuccessResponse().getUserInfo().toJSONObject();
            if (!claims.get("sub").equals(info.get("sub"))) { // OpenID Connect Core 5.3.2: else it is someone else's
                throw SsoRefusal.TOKEN_REJECTED.halt("its UserInfo endpoint answered for another subject");
            }
            if (!claims.containsKey("email") && info.containsKey("email")) {
                claims.put("email", info.get("email"));
                claims.put("email_verified", info.get("email_verified"));
            }
            if (!claims.containsKey(settings.groupsClaim()) && info.containsKey(settings.groupsClaim())) {
                claims.put(settings.groupsClaim(), info.get(settings.groupsClaim()));
            }
        } catch (ParseException e) {
            LOG.warn("single sign-on: the UserInfo answer could not be read: {}", e.getMessage());
        }
    }

    /** client_secret_basic unless the provider takes only client_secret_post. */
    private ClientAuthentication clientAuthentication(OidcProvider.Discovered provider) {
        ClientID id = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        List<ClientAuthenticationMethod> methods = provider.metadata().getTokenEndpointAuthMethods();
        boolean postOnly = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret);
    }

    private static HTTPResponse send(HTTPRequest request, String what) throws SsoRefusal.Halt {
        request.setConnectTimeout(OidcProvider.TIMEOUT_MS);
        request.setReadTimeout(OidcProvider.TIMEOUT_MS);
        try {
            return request.send();
        } catch (IOException e) {
            throw SsoRefusal.UNREACHABLE.halt("its " + what + " did not answer (" + cut(e.getMessage()) + ")");
        }
    }

    private static TokenResponse tokenResponse(HTTPResponse http) throws SsoRefusal.Halt {
        try {
            return OIDCTokenResponseParser.parse(http);
        } catch (ParseException e) {
            LOG.warn("single sign-on: the token endpoint's answer (HTTP {}) could not be read: {}", http.getStatusCode(),
                    e.getMessage());
            throw SsoRefusal.PROVIDER_ERROR.halt("something that could not be read (HTTP " + http.getStatusCode() + ")");
        }
    }

    private static SsoRefusal.Halt refusal(ErrorObject error) {
        String code = error.getCode() == null ? "no error code" : cut(error.getCode());
        if (OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode())) {
            return SsoRefusal.CLIENT_REJECTED.halt(code);
        }
        if (OAuth2Error.INVALID_GRANT.getCode().equals(error.getCode())) {
            return SsoRefusal.CODE_REJECTED.halt(code);
        }
        LOG.warn("single sign-on: the token endpoint answered {} ({})", code, error.getDescription());
        return SsoRefusal.PROVIDER_ERROR.halt(code);
    }

    static String cut(String text) {
        String t = text == null ? "" : text;
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
