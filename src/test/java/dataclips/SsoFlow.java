package dataclips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A person's single sign-on, step by step, as a browser makes it: the app's "Sign in with …" (GET /auth/oidc), the
 * provider's login form (shown, then posted with a user name and the claims their ID token should carry), and the
 * provider's redirect back to the app's callback. The app's side goes through an {@link Http} client that keeps its
 * cookies; the provider's through a plain client (it sets none).
 */
public final class SsoFlow {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient PROVIDER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The provider's authorization URL the app sent the browser to, with the parameters it carries. */
    public record Authorization(URI url, Map<String, String> parameters) {
        public String state() {
            return parameters.get("state");
        }

        public String nonce() {
            return parameters.get("nonce");
        }
    }

    private SsoFlow() {}

    /** The claims of a person whose provider verified their email; groups: the groups claim (null: no such claim). */
    public static Map<String, Object> person(String email, List<String> groups) {
        Map<String, Object> claims = new LinkedHashMap<>(Map.of("email", email, "email_verified", true));
        if (groups != null) {
            claims.put("groups", groups);
        }
        return claims;
    }

    /** Signs in from start to end; answers the app's answer to the callback (a 302 to next when signed in). */
    public static Http.Response signIn(Http app, String next, String subject, Map<String, Object> claims) {
        return callback(app, login(start(app, next), subject, claims));
    }

    /** GET /auth/oidc[?next=]: must send the browser to the provider. */
    public static Authorization start(Http app, String next) {
        Http.Response r = app.get("/auth/oidc" + (next == null ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        assertEquals(302, r.status(), r.body());
        URI url = URI.create(r.header("Location").orElseThrow());
        return new Authorization(url, query(url));
    }

    /** The provider's login form, shown and posted as this subject with these claims: answers where it sends the browser. */
    public static URI login(Authorization authorization, String subject, Map<String, Object> claims) {
        try {
            HttpResponse<String> form = PROVIDER.send(HttpRequest.newBuilder(authorization.url()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, form.statusCode(), form.body());
            String body = "username=" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "&claims="
                    + URLEncoder.encode(JSON.writeValueAsString(claims), StandardCharsets.UTF_8);
            HttpResponse<String> posted = PROVIDER.send(HttpRequest.newBuilder(authorization.url())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, posted.statusCode(), posted.body());
            return URI.create(posted.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The browser arriving back at the app's callback. */
    public static Http.Response callback(Http app, URI callback) {
        return app.get(callback.getRawPath() + "?" + callback.getRawQuery());
    }

    /** The callback URI with one query parameter changed (or added). */
    public static URI withParameter(URI callback, String name, String value) {
        Map<String, String> parameters = query(callback);
        parameters.put(name, value);
        StringBuilder query = new StringBuilder();
        parameters.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return URI.create(callback.getScheme() + "://" + callback.getRawAuthority() + callback.getRawPath() + "?" + query);
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2)).forEach(p -> parameters.put(
                    URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                    p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
        }
        return parameters;
    }
}
