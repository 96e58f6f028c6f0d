package dataclips.delivery;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP receiver for webhooks and Slack messages (a Javalin server of the test's own): it keeps every request it
 * gets (headers and body) and answers as the test says, per request number: a status, a redirect, a huge or endless
 * body, or no answer until released.
 */
public final class Receiver implements AutoCloseable {
    /** One request as received: its path, headers (lower-case names) and body. */
    public record Got(String path, Map<String, String> headers, String body) {}

    /** How to answer a request. */
    sealed interface Answer {
        record Status(int status) implements Answer {}

        record Redirect(String location) implements Answer {}

        /** 200 with this many bytes of body, or (forever) a body that never ends until the client leaves. */
        record Body(long bytes, boolean forever) implements Answer {}

        /** No answer until {@link Receiver#release} (or 60 s). */
        record Hang() implements Answer {}
    }

    private final Javalin server;
    private final ConcurrentLinkedQueue<Got> got = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Function<Integer, Answer> answers = n -> new Answer.Status(200);
    private volatile boolean bodyAbandoned;

    public Receiver() {
        server = Javalin.create(c -> c.showJavalinBanner = false).post("/*", this::receive).start("127.0.0.1", 0);
    }

    /** The answer to the n-th request (1-based). */
    void answer(Function<Integer, Answer> answers) {
        this.answers = answers;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    int port() {
        return server.port();
    }

    List<Got> got() {
        return new ArrayList<>(got);
    }

    /** Waits (at most 90 s) for at least count requests. */
    public List<Got> await(int count) {
        long deadline = System.currentTimeMillis() + 90_000;
        while (got.size() < count && System.currentTimeMillis() < deadline) {
            dataclips.TestDatabase.sleep(100);
        }
        if (got.size() < count) {
            throw new AssertionError("the receiver got " + got.size() + " requests, expected " + count);
        }
        return got();
    }

    void release() {
        released.countDown();
    }

    /** Whether a client left in the middle of an endless or huge body. */
    boolean bodyAbandoned() {
        return bodyAbandoned;
    }

    private void receive(Context ctx) throws Exception {
        Map<String, String> headers = new TreeMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        got.add(new Got(ctx.path(), headers, ctx.body()));
        Answer answer = answers.apply(got.size());
        if (answer instanceof Answer.Status s) {
            ctx.status(s.status()).result("{\"ok\":false,\"secret\":\"never logged\"}");
        } else if (answer instanceof Answer.Redirect r) {
            ctx.status(302).header("Location", r.location());
        } else if (answer instanceof Answer.Hang) {
            released.await(60, TimeUnit.SECONDS);
            ctx.status(200).result("late");
        } else {
            stream(ctx, (Answer.Body) answer);
        }
    }

    private void stream(Context ctx, Answer.Body body) {
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        ctx.status(200).contentType("text/plain");
        long deadline = System.currentTimeMillis() + 60_000;
        try (OutputStream out = ctx.res().getOutputStream()) {
            for (long sent = 0; (body.forever() || sent < body.bytes()) && System.currentTimeMillis() < deadline;
                 sent += chunk.length) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException clientLeft) {
            bodyAbandoned = true;
        }
    }

    @Override
    public void close() {
        release();
        server.stop();
    }
}
