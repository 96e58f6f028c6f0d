import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client behind bench/first-bytes: the first byte of live downloads of clips that make their rows slowly, by COPY
 * and by cursor, alternating. A COPY's rows leave the follower in 8 KB packets, where a cursor's first fetch returns
 * at its 1,000th row (bench/README, issue 32); these two clips show what that costs a viewer. Each clip is made twice:
 * as written (no parameters: the download reads the follower's COPY) and with its row count as a parameter (the
 * cursor). Prints, per clip and format, the median first byte of each and the difference.
 *
 * <p>Run as: java -cp target/dataclips.jar bench/FirstByteBench.java --url URL [--runs 3]; the admin's email and
 * password come from DATACLIPS_ADMIN_EMAIL and DATACLIPS_ADMIN_PASSWORD.
 */
public class FirstByteBench {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The clips: name, then the SQL with {{last}} for its last row's number, and that number. */
    static final List<String[]> CLIPS = List.of(
            new String[] {"steady (1,100 rows, 2 ms each)", "select g as n, repeat('x', 20) as filler "
                    + "from generate_series(1, {{last}}) g where (select true from pg_sleep(0.002 + 0 * g))", "1100"},
            new String[] {"stall (1,000 rows, then one of 2 s)", "select g as n, repeat('x', 20) as filler "
                    + "from generate_series(1, {{last}}) g where g <= 1000 or (select g > 0 from pg_sleep(2))", "1001"});
    static final List<String> FORMATS = List.of("csv", "json", "xml");
    final String url;
    final int runs;
    final HttpClient api = HttpClient.newHttpClient();
    String token;

    FirstByteBench(Map<String, String> args) {
        url = args.getOrDefault("url", "").replaceAll("/+$", "");
        runs = Integer.parseInt(args.getOrDefault("runs", "3"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new TreeMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new FirstByteBench(args).run();
    }

    void run() throws Exception {
        token = api("POST", "/api/v1/tokens", Map.of("email", System.getenv("DATACLIPS_ADMIN_EMAIL"),
                "password", System.getenv("DATACLIPS_ADMIN_PASSWORD")), 201).get("token").asText();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-38s %-6s %12s %12s %12s%n", "clip",
                "format", "COPY ms", "cursor ms", "COPY-cursor"));
        for (String[] clip : CLIPS) {
            String copy = clip(clip[0] + " by COPY", clip[1].replace("{{last}}", clip[2]), null);
            String cursor = clip(clip[0] + " by cursor", clip[1], clip[2]);
            for (String format : FORMATS) {
                double[] byCopy = new double[runs];
                double[] byCursor = new double[runs];
                download(copy, format); // untimed: each path's code compiled before it is timed
                download(cursor, format);
                for (int i = 0; i < runs; i++) {
                    byCopy[i] = download(copy, format);
                    byCursor[i] = download(cursor, format);
                    System.out.printf(Locale.ROOT, "%s %s run %d: COPY %.1f ms, cursor %.1f ms%n", clip[0], format,
                            i + 1, byCopy[i], byCursor[i]);
                }
                double a = median(byCopy);
                double b = median(byCursor);
                table.append(String.format(Locale.ROOT, "%-38s %-6s %12.1f %12.1f %+12.1f%n", clip[0], format, a, b,
                        a - b));
            }
        }
        System.out.printf(Locale.ROOT, "%nFirst byte of a live download, median of %d runs each (ms):%n%s", runs, table);
    }

    /** A live clip (max age 0); with a parameter "last" (and so read by cursor) when last is given. */
    String clip(String title, String sql, String last) throws Exception {
        Map<String, Object> body = new TreeMap<>(Map.of("title", title, "source", "employees", "sql", sql));
        if (last != null) {
            body.put("parameters", List.of(Map.of("name", "last", "type", "integer", "default", last)));
        }
        String slug = api("POST", "/api/v1/clips", body, 201).get("slug").asText();
        api("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", 0), 200);
        return slug;
    }

    /** Milliseconds to the first byte of the body; the body is read to its end. */
    double download(String slug, String format) throws Exception {
        long t0 = System.nanoTime();
        HttpURLConnection c = (HttpURLConnection) URI.create(url + "/clips/" + slug + "." + format).toURL()
                .openConnection();
        c.setReadTimeout(60_000);
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException(slug + "." + format + ": HTTP " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
            if (in.read() < 0) {
                throw new IllegalStateException(slug + "." + format + ": an empty body");
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return ms;
        }
    }

    JsonNode api(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> res = api.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return JSON.readTree(res.body());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
