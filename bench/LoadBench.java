import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load benchmark behind bench/load (which starts the app at -Xmx512m and passes its URL).
 *
 * <p>Creates two link-shared clips through the API: a live clip (max age --max-age seconds) whose page 200
 * anonymous viewers load over and over (the page, then its table, as the browser does), and a 100,000-row clip
 * that 50 anonymous clients download as CSV over and over, all at once for --seconds. Every answer must be a 200
 * with the whole body (the page's table, and exactly 100,001 CSV lines). Prints requests, errors, throughput and
 * latency percentiles per group, and how many times the live clip really ran on the follower (its run log),
 * against the number of max-age windows the load lasted.
 *
 * <p>Run as: java -cp target/dataclips.jar bench/LoadBench.java --url URL [--viewers 200] [--downloads 50]
 * [--seconds 60] [--max-age 10] [--rows 100000]; the admin's email and password come from
 * DATACLIPS_ADMIN_EMAIL and DATACLIPS_ADMIN_PASSWORD.
 */
public class LoadBench {
    static final ObjectMapper JSON = new ObjectMapper();
    final String url;
    final int viewers, downloads, seconds, maxAge, rows;
    final HttpClient api = HttpClient.newHttpClient();
    String token;

    record Sample(long startNanos, long millis, long bytes, String error) {}

    /** One group of clients: what each request took, and the first few errors word for word. */
    static final class Group {
        final String name;
        final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        final AtomicLong errors = new AtomicLong();

        Group(String name) {
            this.name = name;
        }

        void add(Sample s) {
            samples.add(s);
            if (s.error() != null && errors.incrementAndGet() <= 5) {
                System.out.println("  error (" + name + "): " + s.error());
            }
        }
    }

    LoadBench(Map<String, String> args) {
        url = args.getOrDefault("url", "").replaceAll("/+$", "");
        viewers = Integer.parseInt(args.getOrDefault("viewers", "200"));
        downloads = Integer.parseInt(args.getOrDefault("downloads", "50"));
        seconds = Integer.parseInt(args.getOrDefault("seconds", "60"));
        maxAge = Integer.parseInt(args.getOrDefault("max-age", "10"));
        rows = Integer.parseInt(args.getOrDefault("rows", "100000"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        System.exit(new LoadBench(args).run() ? 0 : 1);
    }

    boolean run() throws Exception {
        token = api("POST", "/api/v1/tokens", Map.of("email", System.getenv("DATACLIPS_ADMIN_EMAIL"),
                "password", System.getenv("DATACLIPS_ADMIN_PASSWORD")), 201).get("token").asText();
        String live = clip("load: live departments", """
                select now() as ran_at, d.dept_no, d.dept_name, count(*) as employees
                from departments d join dept_emp de using (dept_no) group by 2, 3 order by 2""", maxAge);
        String big = clip("load: " + rows + " rows", "select g as id, md5(g::text) as hash, g * 1.37 as amount, "
                + "timestamptz '2020-01-01' + g * interval '1 minute' as at from generate_series(1, " + rows + ") g", 3600);
        System.out.printf(Locale.ROOT, "load: %d viewers of /clips/%s (max age %d s) and %d downloads of /clips/%s.csv "
                + "(%,d rows), for %d s%n", viewers, live, maxAge, downloads, big, rows, seconds);
        // One visit and one download before the clock starts: a fresh app parses its page templates on first use.
        view(live, new Group("warm-up"));
        download(big, new Group("warm-up"));
        Group pages = new Group("viewers");
        Group csv = new Group("downloads");
        OffsetDateTime began = OffsetDateTime.now();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            threads.add(start("viewer-" + i, go, end, () -> view(live, pages)));
        }
        for (int i = 0; i < downloads; i++) {
            threads.add(start("download-" + i, go, end, () -> download(big, csv)));
        }
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        report(pages, elapsed);
        report(csv, elapsed);
        List<Instant> liveRuns = runsSince(live, began);
        long windows = (long) Math.ceil(elapsed / maxAge);
        boolean perWindow = liveRuns.size() <= windows + 1;
        System.out.printf(Locale.ROOT, "live clip: %d runs on the follower in %.1f s = %d max-age windows of %d s "
                + "(at most one run per window, plus the one a window boundary can split: %s)%n", liveRuns.size(), elapsed,
                windows, maxAge, perWindow ? "met" : "MISSED");
        // A run starts only once the last one's result is max-age old, give or take the wait for a connection.
        double closest = closestGapSeconds(liveRuns);
        boolean spaced = closest >= maxAge - 1;
        System.out.printf(Locale.ROOT, "live clip: closest two runs %.2f s apart (at least %d s - 1 s: %s)%n",
                closest, maxAge, spaced ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "%d-row clip: %d runs on the follower%n", rows, runsSince(big, began).size());
        return pages.errors.get() == 0 && csv.errors.get() == 0 && perWindow && spaced;
    }

    static double closestGapSeconds(List<Instant> runs) {
        List<Instant> sorted = runs.stream().sorted().toList();
        double closest = Double.POSITIVE_INFINITY;
        for (int i = 1; i < sorted.size(); i++) {
            closest = Math.min(closest, Duration.between(sorted.get(i - 1), sorted.get(i)).toMillis() / 1000.0);
        }
        return closest;
    }

    interface Request {
        void once() throws Exception;
    }

    static Thread start(String name, CountDownLatch go, long end, Request request) {
        Thread t = new Thread(() -> {
            try {
                go.await();
                while (System.nanoTime() < end) {
                    request.once();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name);
        t.start();
        return t;
    }

    /** A browser's visit: the page, then the table it loads; both must be 200 and the table must hold rows. */
    void view(String slug, Group group) {
        long start = System.nanoTime();
        try {
            long bytes = get("/clips/" + slug, "<main").length;
            byte[] table = get("/clips/" + slug + "/table", "<table");
            String html = new String(table, StandardCharsets.UTF_8);
            String error = html.contains("d001") ? null : "the table has no department d001";
            group.add(new Sample(start, (System.nanoTime() - start) / 1_000_000, bytes + table.length, error));
        } catch (IOException e) {
            group.add(new Sample(start, (System.nanoTime() - start) / 1_000_000, 0, e.toString()));
        }
    }

    /** A whole CSV download, counted line by line as it arrives: exactly rows + 1 lines, none truncated. */
    void download(String slug, Group group) {
        long start = System.nanoTime();
        try {
            HttpURLConnection c = open("/clips/" + slug + ".csv");
            long bytes = 0;
            long lines = 0;
            try (InputStream in = c.getInputStream()) {
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            String error = lines == rows + 1L ? null : "CSV with " + lines + " lines instead of " + (rows + 1);
            group.add(new Sample(start, (System.nanoTime() - start) / 1_000_000, bytes, error));
        } catch (IOException e) {
            group.add(new Sample(start, (System.nanoTime() - start) / 1_000_000, 0, e.toString()));
        }
    }

    byte[] get(String path, String mustContain) throws IOException {
        HttpURLConnection c = open(path);
        byte[] body;
        try (InputStream in = c.getInputStream()) {
            body = in.readAllBytes();
        }
        if (!new String(body, StandardCharsets.UTF_8).contains(mustContain)) {
            throw new IOException(path + " answered without '" + mustContain + "'");
        }
        return body;
    }

    /** An anonymous GET (no cookie, no token), which must answer 200. */
    HttpURLConnection open(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url + path).toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(120_000);
        int status = c.getResponseCode();
        if (status != 200) {
            InputStream err = c.getErrorStream();
            String body = err == null ? "" : new String(err.readAllBytes(), StandardCharsets.UTF_8);
            throw new IOException(path + " answered " + status + ": " + body.substring(0, Math.min(200, body.length())));
        }
        return c;
    }

    static void report(Group group, double elapsed) {
        List<Long> millis = new ArrayList<>();
        long bytes = 0;
        for (Sample s : group.samples) {
            millis.add(s.millis());
            bytes += s.bytes();
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "%-9s %7d requests %5d errors %8.1f req/s %8.1f MB/s   latency ms: p50 %d  p95 %d  "
                        + "p99 %d  max %d%n", group.name, millis.size(), group.errors.get(), millis.size() / elapsed,
                bytes / elapsed / 1e6, pct(millis, 50), pct(millis, 95), pct(millis, 99), pct(millis, 100));
    }

    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    String clip(String title, String sql, int maxAgeSeconds) throws Exception {
        String slug = api("POST", "/api/v1/clips", Map.of("title", title, "source", "employees", "sql", sql), 201)
                .get("slug").asText();
        api("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", maxAgeSeconds), 200);
        api("PUT", "/api/v1/clips/" + slug + "/sharing", Map.of("access", "link"), 200);
        return slug;
    }

    /** Runs of the clip that began after the load started (the run log lists real runs, not shared ones). */
    List<Instant> runsSince(String slug, OffsetDateTime began) throws Exception {
        List<Instant> runs = new ArrayList<>();
        for (JsonNode run : api("GET", "/api/v1/clips/" + slug + "/runs", null, 200)) {
            Instant at = OffsetDateTime.parse(run.path("started_at").asText()).toInstant();
            if (!at.isBefore(began.toInstant())) {
                runs.add(at);
                System.out.printf(Locale.ROOT, "  run %s: started %s, %s ms, %s, %s rows, via %s%n", run.path("id").asText(),
                        at, run.path("duration_ms").asText(), run.path("status").asText(), run.path("row_count").asText(),
                        run.path("via").asText());
            }
        }
        return runs;
    }

    JsonNode api(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = api.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + " instead of " + expected
                    + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
