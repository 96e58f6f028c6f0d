import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load behind bench/probe (which starts the app at -Xmx512m and passes its URL): what the second outside probe
 * (issue 27) did to run the app out of memory, all at once. --pngs anonymous clients each ask for the chart of one clip
 * as a PNG of a different size near 2400 x 2400 (width=2400-i, height=2400-i: no two the same, so no kept copy
 * helps), while --choices anonymous clients open a link clip whose choice parameter lists the first column of a clip
 * of 1,000 values of 45 KB each (asking for a value that is not in the list, as the probe did). Repeated --rounds
 * times. Prints each answer's status (and, for 503, whether it carried Retry-After), the count of answers of 500 or
 * more other than a 503 with Retry-After (which must be 0), and the slowest answer.
 *
 * <p>Run as: java -cp target/dataclips.jar bench/ProbeBench.java --url URL [--pngs 30] [--choices 24] [--rounds 3];
 * the admin's email and password come from DATACLIPS_ADMIN_EMAIL and DATACLIPS_ADMIN_PASSWORD.
 */
public class ProbeBench {
    static final ObjectMapper JSON = new ObjectMapper();
    final String url;
    final int pngs, choices, rounds;
    final HttpClient api = HttpClient.newHttpClient();
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();
    final List<Long> millis = java.util.Collections.synchronizedList(new ArrayList<>());
    String token;

    ProbeBench(Map<String, String> args) {
        url = args.getOrDefault("url", "").replaceAll("/+$", "");
        pngs = Integer.parseInt(args.getOrDefault("pngs", "30"));
        choices = Integer.parseInt(args.getOrDefault("choices", "24"));
        rounds = Integer.parseInt(args.getOrDefault("rounds", "3"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new TreeMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        System.exit(new ProbeBench(args).run() ? 0 : 1);
    }

    boolean run() throws Exception {
        token = api("POST", "/api/v1/tokens", Map.of("email", System.getenv("DATACLIPS_ADMIN_EMAIL"),
                "password", System.getenv("DATACLIPS_ADMIN_PASSWORD")), 201).get("token").asText();
        String chart = clip("probe: a line of 5,000 points", "select timestamptz '2020-01-01' + g * interval '1 hour' "
                + "as at, sin(g / 50.0) * 100 + g % 17 as value, cos(g / 70.0) * 80 as other "
                + "from generate_series(1, 5000) g", null);
        String values = clip("probe: 1,000 values of 45 KB", "select g || repeat('x', 45000) as v "
                + "from generate_series(1, 1000) g", null);
        String chooser = clip("probe: chooses from them", "select {{w}} as w", JSON.readTree("[{\"name\":\"w\","
                + "\"type\":\"choice\",\"choices_clip\":\"" + values + "\"}]"));
        System.out.printf(Locale.ROOT, "probe: %d PNGs of /clips/%s.png near 2400x2400 and %d opens of /clips/%s?w=x "
                + "(choices from /clips/%s), at once, %d rounds%n", pngs, chart, choices, chooser, values, rounds);
        for (int round = 0; round < rounds; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < pngs; i++) {
                int side = 2400 - (round * pngs + i) % 200;
                threads.add(start(go, "/clips/" + chart + ".png?width=" + side + "&height=" + side, "png"));
            }
            for (int i = 0; i < choices; i++) {
                threads.add(start(go, "/clips/" + chooser + "?w=x" + i, "choices"));
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
        }
        answers.forEach((what, n) -> System.out.printf(Locale.ROOT, "  %-40s %4d%n", what, n.get()));
        long slowest = millis.stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.printf(Locale.ROOT, "answers >= 500 other than 503 with Retry-After: %d (must be 0); slowest answer "
                + "%d ms%n", failures.get(), slowest);
        return failures.get() == 0;
    }

    Thread start(CountDownLatch go, String path, String kind) {
        Thread t = new Thread(() -> {
            try {
                go.await();
                get(path, kind);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return t;
    }

    /** One anonymous GET, its body read to the end; its status (and Retry-After on a 503) counted. */
    void get(String path, String kind) {
        long start = System.nanoTime();
        String what;
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url + path).toURL().openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(300_000);
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            boolean retry = c.getHeaderField("Retry-After") != null;
            what = kind + " " + status + (status == 503 ? (retry ? " with Retry-After" : " WITHOUT Retry-After") : "");
            if (status >= 500 && !(status == 503 && retry)) {
                failures.incrementAndGet();
            }
        } catch (Exception e) {
            what = kind + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage();
            failures.incrementAndGet();
        }
        millis.add((System.nanoTime() - start) / 1_000_000);
        answers.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    String clip(String title, String sql, JsonNode parameters) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("title", title, "source", "employees", "sql", sql));
        if (parameters != null) {
            body.put("parameters", parameters);
        }
        String slug = api("POST", "/api/v1/clips", body, 201).get("slug").asText();
        api("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 3600), 200);
        return slug;
    }

    JsonNode api(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = api.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
