package dataclips.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import dataclips.serving.Viewer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a viewer who went away while their query still runs and nothing is being written (a closed tab,
 * a killed curl): five times a second it reads the connection without blocking. A GET has no body, so the
 * only thing to read is the end of the stream (or a reset), which means the client is gone.
 */
final class ClientWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientWatch.class);
    private static final long PERIOD_MILLIS = 200;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "client-watch");
        t.setDaemon(true);
        return t;
    });

    /** A watch in progress; closing it ends it. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Watches until closed. Once the viewer is gone, onGone runs on the watch thread, and again every 200 ms
     * for as long as it answers false (not done yet: e.g. a shared run going on while others follow it).
     */
    Watch watch(Context ctx, BooleanSupplier onGone) {
        ctx.bodyAsBytes(); // a form's or JSON body is read (and kept) first: the watch must see only the end of it
        EndPoint endPoint = Request.getBaseRequest(ctx.req()).getHttpChannel().getEndPoint();
        ByteBuffer buffer = ByteBuffer.allocate(1);
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        boolean[] seenGone = {false};
        boolean[] closed = {false};
        Object lock = new Object();
        task[0] = timer.scheduleWithFixedDelay(() -> {
            synchronized (lock) {
                if (closed[0]) {
                    return;
                }
                seenGone[0] = seenGone[0] || gone(endPoint, buffer);
                if (seenGone[0] && onGone.getAsBoolean()) {
                    task[0].cancel(false);
                }
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        // Once closed, no look at the connection is running or starts: it may carry the client's next request.
        return () -> {
            synchronized (lock) {
                closed[0] = true;
            }
            task[0].cancel(false);
        };
    }

    /**
     * Does the work while watching: a viewer who leaves is told to the viewer, so a run for the store alone (a snapshot
     * taken by hand, a refresh) or for a choice list stops unless others follow it (README, "Security").
     */
    <T> T during(Context ctx, Viewer viewer, Supplier<T> work) {
        try (Watch watch = watch(ctx, viewer::left)) {
            return work.get();
        }
    }

    private static boolean gone(EndPoint endPoint, ByteBuffer buffer) {
        if (!endPoint.isOpen()) {
            return true;
        }
        try {
            buffer.clear().flip();
            int read = endPoint.fill(buffer);
            if (read > 0) {
                // A client sending more (a pipelined request) is still there; those bytes are lost, so this
                // connection must not serve another request: closing it after this response is the safe end.
                LOG.debug("unexpected bytes from a client during a run");
            }
            return read < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
