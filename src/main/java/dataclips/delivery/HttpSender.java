package dataclips.delivery;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.util.BytesRequestContent;
import org.eclipse.jetty.client.util.InputStreamResponseListener;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Posts Slack and webhook messages with Jetty's HTTP client, whose one DNS look-up is {@link Targets#addresses}: it
 * connects to the addresses that were checked, while the URL's host name still goes in the Host header and in TLS (SNI
 * and the certificate check). Redirects are never followed; an answer is read up to its status and headers (16 KB at
 * most) and its body never, so a huge or endless answer costs nothing; each send has 5 s to connect and 15 s in all.
 */
final class HttpSender implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 15;
    private final HttpClient client = new HttpClient();

    /** How a post ended: the answer's status, or why there was none (never the answer's body). */
    sealed interface Posted {
        record Answered(int status) implements Posted {}

        record NoAnswer(String reason) implements Posted {}
    }

    HttpSender(Targets targets) {
        client.setFollowRedirects(false);
        client.setSocketAddressResolver((host, port, promise) -> {
            try {
                promise.succeeded(targets.addresses(host, port));
            } catch (IOException e) {
                promise.failed(e);
            }
        });
        client.setConnectTimeout(5_000);
        client.setIdleTimeout(TIMEOUT_SECONDS * 1_000);
        client.setMaxResponseHeadersSize(16 * 1024);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Dataclips"));
        client.setName("delivery-http");
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client for deliveries", e);
        }
    }

    Posted post(URI target, byte[] json, Map<String, String> headers) {
        Request request = client.newRequest(target).method(HttpMethod.POST).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .body(new BytesRequestContent("application/json", json));
        request.headers(h -> headers.forEach(h::put));
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            Response response = listener.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            int status = response.getStatus();
            response.abort(new IOException("the answer's body is not read"));
            return new Posted.Answered(status);
        } catch (TimeoutException e) {
            request.abort(e);
            return new Posted.NoAnswer("no answer within " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Posted.NoAnswer(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            return new Posted.NoAnswer("interrupted (the app is stopping)");
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping: nothing left to do with it
        }
    }
}
