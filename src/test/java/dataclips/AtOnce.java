package dataclips;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Many viewers asking for one URL at the same moment (each its own client, released together by a barrier). */
public final class AtOnce {
    private AtOnce() {}

    /** The answers of viewers anonymous GETs of path, in the order the viewers were made. */
    public static List<Http.Response> get(AppFixture app, String path, int viewers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(viewers);
        try {
            CyclicBarrier together = new CyclicBarrier(viewers);
            List<Callable<Http.Response>> asks = new ArrayList<>();
            for (int i = 0; i < viewers; i++) {
                asks.add(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return app.http().get(path);
                });
            }
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> answer : pool.invokeAll(asks)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
