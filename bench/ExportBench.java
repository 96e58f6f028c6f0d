import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.postgresql.PGConnection;

/**
 * The export benchmark behind bench/exports (which starts the app and passes its URL, home and pid).
 *
 * <p>Creates bench_rows (1,000,000 rows x 6 columns) on the embedded primary, waits for the follower to
 * replay it, measures COPY ... TO STDOUT on the follower as the physical limit, then downloads
 * /clips/{slug}.{csv,json,xml,xlsx} over HTTP/1.1 for a live run (max_age_seconds 0) and a stored result
 * (max_age_seconds 3600), each timed after one untimed warming download, sampling the app's heap with jstat
 * while each runs.
 *
 * <p>Run as: java -cp target/dataclips.jar bench/ExportBench.java --url URL --home DATACLIPS_HOME --pid PID
 * [--runs 3] [--formats csv,json,xml,xlsx] [--paths live,stored] [--profile DIR]; the admin's email and
 * password come from DATACLIPS_ADMIN_EMAIL and DATACLIPS_ADMIN_PASSWORD. With --summarise FILE.jfr it only
 * prints the summary of a recording that --profile kept.
 */
public class ExportBench {
    static final int ROWS = 1_000_000;
    static final Map<String, Double> RATIO_GOAL = Map.of("csv", 0.9, "json", 0.8, "xml", 0.7);
    /** XLSX may take at most this many times COPY's time (issue 32). */
    static final double XLSX_COPY_TIMES_GOAL = 5;
    static final double TTFB_GOAL_MS = 200;
    /** Downloads of a 100-row live clip per format before anything is timed: see {@link #warmRequestPath}. */
    static final int WARMING_REQUESTS = 600;
    static final double HEAP_GOAL_MB = 256;
    static final ObjectMapper JSON = new ObjectMapper();

    final String url;
    final Path home;
    final long pid;
    final int runs;
    final List<String> formats;
    final List<String> paths;
    final Path profileDir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final Cpu cpu;
    HeapSampler heap;
    String token;
    String slug;

    ExportBench(Map<String, String> args) {
        url = args.getOrDefault("url", "").replaceAll("/+$", "");
        home = Path.of(args.getOrDefault("home", ""));
        pid = Long.parseLong(args.getOrDefault("pid", "0"));
        runs = Integer.parseInt(args.getOrDefault("runs", "3"));
        formats = List.of(args.getOrDefault("formats", "csv,json,xml,xlsx").split(","));
        paths = List.of(args.getOrDefault("paths", "live,stored").split(","));
        profileDir = args.containsKey("profile") ? Path.of(args.get("profile")) : null;
        if (url.isEmpty() || pid <= 0 || !Files.isRegularFile(home.resolve("embedded.properties")) || runs < 1
                || !List.of("csv", "json", "xml", "xlsx", "svg", "png").containsAll(formats) || !List.of("live", "stored").containsAll(paths)) {
            throw new IllegalArgumentException("usage: ExportBench --url URL --home DATACLIPS_HOME --pid APP_PID "
                    + "[--runs N] [--formats csv,json,xml,xlsx,svg,png] [--paths live,stored] [--profile DIR]");
        }
        cpu = new Cpu(pid, home.resolve("postgres/follower/postmaster.pid"), home.resolve("postgres/primary/postmaster.pid"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        if (args.containsKey("summarise")) { // re-read a kept recording: --summarise target/bench-profile/csv-live.jfr
            summarise(Path.of(args.get("summarise")));
            return;
        }
        ExportBench bench;
        try {
            bench = new ExportBench(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int code;
        try {
            code = bench.run();
        } catch (Exception e) {
            System.err.println("ExportBench failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    int run() throws Exception {
        Properties embedded = new Properties();
        embedded.load(new StringReader(Files.readString(home.resolve("embedded.properties"))));
        String password = required(embedded, "password.postgres");
        String primary = "jdbc:postgresql://localhost:" + required(embedded, "port.primary") + "/employees";
        String follower = "jdbc:postgresql://localhost:" + required(embedded, "port.follower") + "/employees";
        long maxHeap = maxHeapBytes();
        say("app pid %d, max heap %s MB (jcmd VM.flags MaxHeapSize), %d runs per measurement", pid, mb(maxHeap), runs);
        heap = new HeapSampler(pid, 50);
        try {
            createRows(primary, follower, password);
            Measured copy = measureCopy(follower, password, "before the downloads");
            Measured cursor = measureCursor(follower, password);
            signIn();
            warmRequestPath();
            List<Measured> table = new ArrayList<>();
            boolean failed = false;
            for (String path : paths) {
                patchMaxAge(path.equals("live") ? 0 : 3600);
                for (String format : formats) {
                    try {
                        table.add(measureDownload(format, path));
                    } catch (IOException | RuntimeException e) {
                        failed = true;
                        say("%s %s FAILED: %s", format, path, e.getMessage());
                    }
                }
            }
            copy.runs.addAll(measureCopy(follower, password, "after the downloads").runs);
            printTable(copy, cursor, table, maxHeap);
            if (profileDir != null) {
                profile();
            }
            say("load average at the end: %s", loadAverage());
            return failed ? 1 : 0;
        } finally {
            heap.close();
        }
    }

    // ---- the table on the primary, replayed on the follower -------------------------------------------

    void createRows(String primary, String follower, String password) throws SQLException, InterruptedException {
        long t0 = System.nanoTime();
        String lsn;
        try (Connection c = DriverManager.getConnection(primary, "postgres", password); Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_rows");
            s.execute("create table bench_rows (id int, md5 text, amount numeric(12,2), created_at timestamptz,"
                    + " flag bool, grp int)");
            s.execute("insert into bench_rows select g, md5(g::text), (g * 1.37)::numeric(12,2),"
                    + " timestamptz '2020-01-01' + g * interval '1 second', g % 3 = 0, g % 1000"
                    + " from generate_series(1, " + ROWS + ") g");
            s.execute("vacuum (analyze, freeze) bench_rows"); // hint bits and visibility set once, on the primary
            try (ResultSet rs = s.executeQuery("select pg_current_wal_lsn()::text, pg_size_pretty(pg_table_size('bench_rows'))")) {
                rs.next();
                lsn = rs.getString(1);
                say("bench_rows: %,d rows x 6 columns (%s) created on the primary in %.1f s; waiting for the follower",
                        ROWS, rs.getString(2), secondsSince(t0));
            }
        }
        long t1 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(follower, "postgres", password); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("select pg_is_in_recovery(), pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new IllegalStateException("port.follower is not a follower (pg_is_in_recovery() is false)");
                    }
                    if (rs.getBoolean(2)) {
                        break;
                    }
                }
                if (secondsSince(t1) > 600) {
                    throw new IllegalStateException("the follower did not replay " + lsn + " within 600 s");
                }
                Thread.sleep(200);
            }
            try (ResultSet rs = s.executeQuery("select count(*) from bench_rows")) { // also reads it into the cache
                rs.next();
                if (rs.getLong(1) != ROWS) {
                    throw new IllegalStateException("the follower has " + rs.getLong(1) + " rows in bench_rows");
                }
            }
        }
        say("follower replayed up to %s in %.1f s and holds %,d rows", lsn, secondsSince(t1), ROWS);
    }

    // ---- the physical limit: COPY on the follower -------------------------------------------------------

    /** COPY's best is the limit: one untimed warming COPY, then the timed runs (done before and after the downloads). */
    Measured measureCopy(String follower, String password, String when) throws Exception {
        Measured m = new Measured("copy", "follower");
        for (int i = 0; i <= runs; i++) {
            try (Connection c = DriverManager.getConnection(follower, "postgres", password)) {
                Counter out = new Counter();
                Window w = begin();
                long t0 = System.nanoTime();
                long rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY (select * from bench_rows) TO STDOUT (FORMAT csv)", out);
                double seconds = secondsSince(t0);
                Run r = end(w, seconds, Double.NaN, out.bytes, null);
                if (rows != ROWS || out.newlines != ROWS) {
                    throw new IllegalStateException("COPY gave " + rows + " rows and " + out.newlines + " lines");
                }
                if (i == 0) {
                    say("COPY warming run (%s): %s", when, r.line());
                } else {
                    m.runs.add(r);
                    say("COPY run %d (%s): %s", i, when, r.line());
                }
            }
        }
        return m;
    }

    /**
     * The row source the app uses (ClipRunner): a forward-only cursor, autocommit off, fetch size 1000, every
     * value read with getString, nothing written. pgjdbc asks for the next 1000 rows only when the last batch
     * is used up, so PostgreSQL and the reader take turns instead of overlapping as they do with COPY.
     */
    Measured measureCursor(String follower, String password) throws Exception {
        Measured m = new Measured("cursor", "follower");
        for (int i = 0; i <= runs; i++) {
            try (Connection c = DriverManager.getConnection(follower, "postgres", password)) {
                c.setAutoCommit(false);
                Window w = begin();
                long t0 = System.nanoTime();
                long rows = 0;
                long chars = 0;
                try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    s.setFetchSize(1000);
                    try (ResultSet rs = s.executeQuery("select * from bench_rows")) {
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int col = 1; col <= n; col++) {
                                String v = rs.getString(col);
                                chars += v == null ? 0 : v.length();
                            }
                            rows++;
                        }
                    }
                }
                c.rollback();
                double seconds = secondsSince(t0);
                Run r = end(w, seconds, Double.NaN, chars, null);
                if (rows != ROWS) {
                    throw new IllegalStateException("the cursor gave " + rows + " rows");
                }
                if (i == 0) {
                    say("cursor warming run: %s", r.line());
                } else {
                    m.runs.add(r);
                    say("cursor run %d: %s (bytes = characters read)", i, r.line());
                }
            }
        }
        return m;
    }

    // ---- downloads over HTTP ----------------------------------------------------------------------------

    void signIn() throws Exception {
        String email = System.getenv("DATACLIPS_ADMIN_EMAIL");
        String password = System.getenv("DATACLIPS_ADMIN_PASSWORD");
        if (email == null || password == null) {
            throw new IllegalStateException("DATACLIPS_ADMIN_EMAIL and DATACLIPS_ADMIN_PASSWORD must be set");
        }
        token = api("POST", "/api/v1/tokens", Map.of("email", email, "password", password), 201).get("token").asText();
        slug = api("POST", "/api/v1/clips", Map.of("title", "bench rows", "source", "employees",
                "sql", "select * from bench_rows"), 201).get("slug").asText();
        say("clip %s: select * from bench_rows", slug);
    }

    /**
     * The code a request runs once (routing, the metadata lookups, the run's start, the writer's header) is still
     * interpreted after the few dozen downloads of a sitting, where a server that has answered for a while runs it
     * compiled; a sitting's first bytes were then mostly the interpreter's (bench/README, "Fifth round"). So before
     * anything is timed, a 100-row live clip is downloaded WARMING_REQUESTS times in each text format measured.
     */
    void warmRequestPath() throws Exception {
        List<String> text = formats.stream().filter(RATIO_GOAL::containsKey).toList();
        if (!paths.contains("live") || text.isEmpty()) {
            return;
        }
        JsonNode clip = api("POST", "/api/v1/clips", Map.of("title", "bench warm-up", "source", "employees",
                "sql", "select * from bench_rows limit 100"), 201); // no filter: no scan of the million
        String small = clip.get("slug").asText();
        api("PATCH", "/api/v1/clips/" + small, Map.of("max_age_seconds", 0), 200);
        long t0 = System.nanoTime();
        for (String format : text) {
            double[] last = new double[100];
            for (int i = 0; i < WARMING_REQUESTS; i++) {
                long start = System.nanoTime();
                HttpURLConnection c = (HttpURLConnection) URI.create(url + "/clips/" + small + "." + format).toURL()
                        .openConnection();
                if (c.getResponseCode() != 200) {
                    throw new IllegalStateException("warming " + format + ": HTTP " + c.getResponseCode());
                }
                try (InputStream in = c.getInputStream()) {
                    in.read();
                    last[i % last.length] = (System.nanoTime() - start) / 1e6;
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            say("request path warmed: %d live downloads of a 100-row clip as %s, first byte of the last 100 in median "
                    + "%.1f ms", WARMING_REQUESTS, format, median(last));
        }
        say("warming took %.1f s", secondsSince(t0));
    }

    void patchMaxAge(int seconds) throws Exception {
        JsonNode clip = api("PATCH", "/api/v1/clips/" + slug, Map.of("max_age_seconds", seconds), 200);
        say("max_age_seconds = %s", clip.path("max_age_seconds").asText("?"));
    }

    JsonNode api(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return JSON.readTree(res.body());
    }

    Measured measureDownload(String format, String path) throws Exception {
        Measured m = new Measured(format, path);
        // stored: the warming download leaves a stored result for the next ones to be served from;
        // live: it only warms the JIT, so the timed runs compare writers, not compilation.
        Run warm = download(format);
        say("%s %s warming download (untimed): %s", format, path, warm.line());
        for (int i = 1; i <= runs; i++) {
            Run r = download(format);
            m.runs.add(r);
            say("%s %s run %d: %s", format, path, i, r.line());
        }
        return m;
    }

    /**
     * One download with {@link HttpURLConnection}: the calling thread reads the socket itself, where
     * java.net.http hands each read from its selector thread to the reader through two more threads, which on a
     * 2-core machine busy with the export adds milliseconds of the client's own to the first byte (bench/README).
     */
    Run download(String format) throws Exception {
        URL target = URI.create(url + "/clips/" + slug + "." + format + imageSize(format)).toURL();
        Counter body = new Counter();
        Window w = begin();
        long t0 = System.nanoTime();
        HttpURLConnection c = (HttpURLConnection) target.openConnection(); // no Accept-Encoding: identity, no gzip
        c.setConnectTimeout(10_000);
        c.setReadTimeout(600_000);
        double ttfb = Double.NaN;
        if (c.getResponseCode() != 200) {
            InputStream err = c.getErrorStream();
            String message = err == null ? "" : new String(err.readNBytes(2000), StandardCharsets.UTF_8);
            c.disconnect();
            throw new IllegalStateException("HTTP " + c.getResponseCode() + ": " + message);
        }
        try (InputStream in = c.getInputStream()) { // read to the end, the connection is kept for the next download
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (n > 0 && body.bytes == 0) {
                    ttfb = (System.nanoTime() - t0) / 1e6;
                }
                body.write(buf, 0, n);
            }
        }
        double seconds = secondsSince(t0);
        String xResult = c.getHeaderField("X-Result");
        Run r = end(w, seconds, ttfb, body.bytes, xResult == null ? "-" : xResult);
        check(format, body);
        return r;
    }

    /**
     * A chart image is asked for at a new width each time (800, 801, …): each one is then drawn from the stored
     * result (or the live run), never the copy this instance kept of the one before, so the time is the drawing's.
     */
    private int imageWidths;

    String imageSize(String format) {
        return format.equals("svg") || format.equals("png") ? "?width=" + (800 + imageWidths++) + "&height=400" : "";
    }

    /** The body must be whole: every row there, not cut at a limit (an aborted download already threw). */
    static void check(String format, Counter body) {
        String tail = body.tail();
        boolean whole = switch (format) {
            case "csv" -> body.newlines == ROWS + 1L && !tail.contains("# truncated");
            case "json" -> tail.replace(" ", "").contains("\"row_count\":" + ROWS + ",\"truncated\":false");
            case "xml" -> tail.contains("row_count=\"" + ROWS + "\" truncated=\"false\"");
            case "xlsx" -> body.head[0] == 'P' && body.head[1] == 'K' && body.bytes > 1_000_000;
            case "svg" -> body.head[0] == '<' && body.tail().strip().endsWith("</svg>");
            case "png" -> body.head[0] == (byte) 0x89 && body.head[1] == 'P' && body.head[2] == 'N' && body.head[3] == 'G';
            default -> true;
        };
        if (!whole) {
            throw new IllegalStateException(format + " body is not the whole result (" + body.bytes + " bytes, "
                    + body.newlines + " lines, ends with: " + tail.replaceAll("\\s+", " ") + ")");
        }
    }

    // ---- one measured window: time, heap, CPU ------------------------------------------------------------

    record Window(Cpu.Snapshot cpu) {}

    Window begin() {
        heap.begin();
        return new Window(cpu.snapshot());
    }

    Run end(Window w, double seconds, double ttfbMs, long bytes, String xResult) throws InterruptedException {
        Cpu.Snapshot after = cpu.snapshot();
        Thread.sleep(120); // let jstat take one more sample of the end of the run
        HeapSampler.Peak peak = heap.end();
        return new Run(seconds, ttfbMs, bytes, xResult, peak, w.cpu().until(after));
    }

    record Run(double seconds, double ttfbMs, long bytes, String xResult, HeapSampler.Peak heap, Cpu.Used cpu) {
        double rowsPerSecond() {
            return ROWS / seconds;
        }

        String line() {
            return String.format(Locale.ROOT, "%.2f s, %,.0f rows/s, %,d bytes%s%s, peak heap %s MB (old %s MB, "
                            + "%d young/%d full GCs, GC %.0f ms), CPU s: app %.2f pg %.2f meta %.2f client %.2f other %.2f",
                    seconds, rowsPerSecond(), bytes, Double.isNaN(ttfbMs) ? "" : String.format(Locale.ROOT, ", TTFB %.1f ms", ttfbMs),
                    xResult == null ? "" : ", X-Result " + xResult, mb(heap.usedBytes()), mb(heap.oldBytes()),
                    heap.youngGcs(), heap.fullGcs(), heap.gcMillis(), cpu.app(), cpu.pg(), cpu.meta(), cpu.client(),
                    cpu.other());
        }
    }

    static final class Measured {
        final String format;
        final String path;
        final List<Run> runs = new ArrayList<>();

        Measured(String format, String path) {
            this.format = format;
            this.path = path;
        }

        Run best() {
            return runs.stream().min((a, b) -> Double.compare(a.seconds(), b.seconds())).orElseThrow();
        }

        double medianTtfb() {
            return median(runs.stream().mapToDouble(Run::ttfbMs).toArray());
        }

        long maxHeap() {
            return runs.stream().mapToLong(r -> r.heap().usedBytes()).max().orElse(-1);
        }

        String allSeconds() {
            return runs.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.seconds())).collect(Collectors.joining(" "));
        }
    }

    // ---- the table --------------------------------------------------------------------------------------

    void printTable(Measured copy, Measured cursor, List<Measured> rows, long maxHeap) {
        Run c = copy.best();
        System.out.println();
        System.out.printf(Locale.ROOT, "Exports of %,d rows x 6 columns (bench_rows); %d runs each after one untimed warming download: seconds, rows/s and x COPY"
                + " from the best run, TTFB the median, peak heap the highest; app JVM max heap %s MB%n",
                ROWS, runs, mb(maxHeap));
        System.out.printf(Locale.ROOT, "COPY (select * from bench_rows) TO STDOUT (FORMAT csv) on the follower: %.2f s, "
                + "%,.0f rows/s, %,d bytes (best of %d runs before and after the downloads: %s s)%n%n", c.seconds(), c.rowsPerSecond(), c.bytes(), copy.runs.size(), copy.allSeconds());
        Run k = cursor.best();
        System.out.printf(Locale.ROOT, "The app's row source alone (JDBC cursor, fetch size 1000, getString, rows dropped) in this "
                + "client: %.2f s, %,.0f rows/s, %.2f x COPY (runs: %s s)%n%n", k.seconds(), k.rowsPerSecond(),
                c.seconds() / k.seconds(), cursor.allSeconds());
        String fmt = "%-6s %-7s %-9s %8s %11s %7s %8s %9s %13s  %s%n";
        System.out.printf(Locale.ROOT, fmt, "format", "path", "X-Result", "seconds", "rows/s", "x COPY", "TTFB ms",
                "heap MB", "bytes", "goals");
        List<String> missed = new ArrayList<>();
        for (Measured m : rows) {
            Run b = m.best();
            double ratio = c.seconds() / b.seconds();
            double ttfb = m.medianTtfb();
            long peak = m.maxHeap();
            List<String> goals = new ArrayList<>();
            Double ratioGoal = RATIO_GOAL.get(m.format);
            if (ratioGoal != null) {
                goals.add(goal(String.format(Locale.ROOT, "x COPY >= %.1f", ratioGoal), ratio >= ratioGoal, missed, m));
                goals.add(goal("TTFB <= 200 ms", ttfb <= TTFB_GOAL_MS, missed, m));
            }
            if (m.format.equals("xlsx")) {
                goals.add(goal(String.format(Locale.ROOT, "<= %.0f x COPY's time (%.1f s)", XLSX_COPY_TIMES_GOAL,
                        XLSX_COPY_TIMES_GOAL * c.seconds()), b.seconds() <= XLSX_COPY_TIMES_GOAL * c.seconds(), missed, m));
            }
            goals.add(peak < 0 ? "heap n/a" : goal("heap <= 256 MB", peak / 1048576.0 <= HEAP_GOAL_MB, missed, m));
            System.out.printf(Locale.ROOT, fmt, m.format, m.path, b.xResult(), String.format(Locale.ROOT, "%.2f", b.seconds()),
                    String.format(Locale.ROOT, "%,.0f", b.rowsPerSecond()), String.format(Locale.ROOT, "%.2f", ratio),
                    String.format(Locale.ROOT, "%.1f", ttfb), mb(peak), String.format(Locale.ROOT, "%,d", b.bytes()),
                    String.join(", ", goals));
        }
        System.out.println();
        System.out.println("Where the time went (best run): CPU seconds of the app JVM, the follower's PostgreSQL processes,"
                + " the primary's (the metadata database, where the result is stored), this client, and everything else"
                + " on the machine (other builds, jstat, the kernel)");
        String cfmt = "%-6s %-7s %8s %7s %7s %7s %7s %7s %8s %8s %6s  %s%n";
        System.out.printf(Locale.ROOT, cfmt, "format", "path", "seconds", "app", "pg", "meta", "client", "other", "old MB",
                "GC ms", "GCs", "all runs (s)");
        printCpu(cfmt, "copy", "-", copy);
        printCpu(cfmt, "cursor", "-", cursor);
        for (Measured m : rows) {
            printCpu(cfmt, m.format, m.path, m);
        }
        System.out.println();
        System.out.println(missed.isEmpty() ? "All goals met." : "Goals missed: " + String.join("; ", missed));
    }

    static void printCpu(String cfmt, String format, String path, Measured m) {
        Run b = m.best();
        System.out.printf(Locale.ROOT, cfmt, format, path, String.format(Locale.ROOT, "%.2f", b.seconds()),
                String.format(Locale.ROOT, "%.2f", b.cpu().app()), String.format(Locale.ROOT, "%.2f", b.cpu().pg()),
                String.format(Locale.ROOT, "%.2f", b.cpu().meta()), String.format(Locale.ROOT, "%.2f", b.cpu().client()),
                String.format(Locale.ROOT, "%.2f", b.cpu().other()),
                mb(b.heap().oldBytes()), String.format(Locale.ROOT, "%.0f", b.heap().gcMillis()),
                b.heap().youngGcs() + "/" + b.heap().fullGcs(), m.allSeconds());
    }

    static String goal(String name, boolean met, List<String> missed, Measured m) {
        if (!met) {
            missed.add(m.format + " " + m.path + ": " + name);
        }
        return name + (met ? " met" : " MISSED");
    }

    // ---- profile: one more download per format with Java Flight Recorder --------------------------------

    void profile() throws Exception {
        Files.createDirectories(profileDir);
        System.out.println();
        System.out.println("Profiles (JFR, settings=profile, method-profiling=max: Java sampled every 1 ms; one extra download each, after the timed runs)");
        for (String path : paths) {
            patchMaxAge(path.equals("live") ? 0 : 3600);
            for (String format : formats) {
                if (path.equals("stored")) {
                    download(format);
                }
                Path file = profileDir.resolve(format + "-" + path + ".jfr").toAbsolutePath();
                String name = "bench-" + format + "-" + path;
                jcmd("JFR.start", "name=" + name, "settings=profile", "method-profiling=max");
                Run r = download(format);
                jcmd("JFR.stop", "name=" + name, "filename=" + file);
                System.out.printf(Locale.ROOT, "%n== %s %s: %.2f s under JFR, %s%n", format, path, r.seconds(), file);
                summarise(file);
            }
        }
    }

    /**
     * What one recording says: self time by library and by method, the call paths that hold most samples
     * (inclusive, leaving out the common trunk every sample shares), and where the download thread waited in
     * native code (reading from PostgreSQL, or elsewhere).
     */
    static void summarise(Path file) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> buckets = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> natives = new HashMap<>();
        int samples = 0;
        int nativeSamples = 0;
        int downloadSamples = 0;
        double gcMs = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcMs += e.getDuration().toNanos() / 1e6;
            }
            if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            boolean download = frames.stream().anyMatch(f -> frameName(f).startsWith("dataclips.web.ExportRoute."));
            if (type.equals("jdk.NativeMethodSample") && download) { // only the thread serving the download
                nativeSamples++;
                boolean pg = frames.stream().anyMatch(f -> frameName(f).startsWith("org.postgresql."));
                natives.merge((pg ? "in pgjdbc: " : "") + frameName(frames.get(0)), 1, Integer::sum);
            } else if (type.equals("jdk.ExecutionSample")) {
                samples++;
                threads.merge(e.getThread("sampledThread").getJavaName().replaceAll("-\\d+$", "-N"), 1, Integer::sum);
                self.merge(frameName(frames.get(0)), 1, Integer::sum);
                buckets.merge(bucket(frames.get(0).getMethod().getType().getName()), 1, Integer::sum);
                if (!download) {
                    continue;
                }
                downloadSamples++;
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = frameName(f);
                    if (seen.add(n)) {
                        inclusive.merge(n, 1, Integer::sum);
                    }
                }
            }
        }
        int trunk = (int) (0.9 * downloadSamples);
        System.out.printf(Locale.ROOT, "%d Java execution samples (threads: %s); GC pauses %.0f ms%n", samples,
                top(threads, samples, 3), gcMs);
        System.out.println("  self time by library: " + top(buckets, samples, 12));
        System.out.println("  top frames (self):");
        print(self, samples, 12);
        System.out.printf(Locale.ROOT, "  call paths of the download thread (%d samples; inclusive, of all samples; frames in more than 90%% of "
                + "its samples left out):%n", downloadSamples);
        Map<String, Integer> branches = new HashMap<>();
        inclusive.forEach((k, v) -> {
            if (v <= trunk && !k.startsWith("org.eclipse.jetty.util.thread.") && !k.equals("java.lang.Thread.run")) {
                branches.put(k, v);
            }
        });
        print(branches, samples, 20);
        System.out.println("  download thread in native code (" + nativeSamples + " samples, every 20 ms): "
                + top(natives, nativeSamples, 4));
    }

    static String frameName(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static final Map<String, String> BUCKETS = new LinkedHashMap<>();

    static {
        BUCKETS.put("org.postgresql.", "pgjdbc");
        BUCKETS.put("com.fasterxml.jackson.", "jackson");
        BUCKETS.put("org.apache.poi.", "poi");
        BUCKETS.put("org.apache.xmlbeans.", "xmlbeans");
        BUCKETS.put("org.apache.commons.compress.", "commons-compress");
        BUCKETS.put("org.eclipse.jetty.", "jetty");
        BUCKETS.put("io.javalin.", "javalin");
        BUCKETS.put("dataclips.", "dataclips");
        BUCKETS.put("java.util.zip.", "zip");
        BUCKETS.put("sun.nio.cs.", "charset");
        BUCKETS.put("java.lang.String", "strings");
        BUCKETS.put("java.lang.AbstractStringBuilder", "strings");
        BUCKETS.put("java.math.", "BigDecimal");
        BUCKETS.put("java.time.", "java.time");
        BUCKETS.put("java.io.", "java.io");
        BUCKETS.put("sun.nio.ch.", "sockets");
        BUCKETS.put("java.util.regex.", "regex");
        BUCKETS.put("java.util.", "java.util");
        BUCKETS.put("java.lang.", "java.lang");
    }

    static String bucket(String className) {
        for (Map.Entry<String, String> b : BUCKETS.entrySet()) {
            if (className.startsWith(b.getKey())) {
                return b.getValue();
            }
        }
        return "other";
    }

    static String top(Map<String, Integer> counts, int total, int n) {
        return counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / Math.max(1, total)))
                .collect(Collectors.joining(", "));
    }

    static void print(Map<String, Integer> counts, int total, int n) {
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(n).forEach(e ->
                System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }

    // ---- the app JVM: jcmd, jstat, /proc ------------------------------------------------------------------

    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        cmd.addAll(Arrays.asList(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    long maxHeapBytes() throws IOException, InterruptedException {
        Matcher m = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(jcmd("VM.flags"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** One `jstat -gc PID 50` for the whole run; each window keeps the highest heap use it saw. */
    static final class HeapSampler implements AutoCloseable {
        record Peak(long usedBytes, long oldBytes, long youngGcs, long fullGcs, double gcMillis) {}

        private final Process jstat;
        private double used = -1, old = -1, gcSeconds, ygc, fgc;
        private double peakUsed, peakOld, gc0, ygc0, fgc0;
        private long lines;
        private String problem = "";

        HeapSampler(long pid, int intervalMs) throws IOException, InterruptedException {
            jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), Integer.toString(intervalMs))
                    .redirectErrorStream(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(jstat::destroy)); // also when this client gets a SIGTERM
            Thread reader = new Thread(this::read, "jstat-reader");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lines() < 1 && System.nanoTime() < deadline && jstat.isAlive()) {
                Thread.sleep(50);
            }
            if (lines() < 1) {
                throw new IllegalStateException("jstat -gc " + pid + " gave no samples: " + problem());
            }
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                Map<String, Integer> col = new HashMap<>();
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 0 && f[0].equals("S0C")) {
                        for (int i = 0; i < f.length; i++) {
                            col.put(f[i], i);
                        }
                        continue;
                    }
                    if (col.isEmpty() || f.length < col.size()) {
                        synchronized (this) {
                            problem = line;
                        }
                        continue;
                    }
                    double kb = 1024;
                    double eden = num(f, col, "EU"), s0 = num(f, col, "S0U"), s1 = num(f, col, "S1U"), o = num(f, col, "OU");
                    synchronized (this) {
                        used = (eden + s0 + s1 + o) * kb;
                        old = o * kb;
                        gcSeconds = num(f, col, "GCT");
                        ygc = num(f, col, "YGC");
                        fgc = num(f, col, "FGC");
                        peakUsed = Math.max(peakUsed, used);
                        peakOld = Math.max(peakOld, old);
                        lines++;
                    }
                }
            } catch (IOException e) {
                synchronized (this) {
                    problem = e.toString();
                }
            }
        }

        private static double num(String[] f, Map<String, Integer> col, String name) {
            Integer i = col.get(name);
            return i == null || f[i].equals("-") ? 0 : Double.parseDouble(f[i]);
        }

        synchronized long lines() {
            return lines;
        }

        synchronized String problem() {
            return problem;
        }

        synchronized void begin() {
            peakUsed = used;
            peakOld = old;
            gc0 = gcSeconds;
            ygc0 = ygc;
            fgc0 = fgc;
        }

        synchronized Peak end() {
            if (!jstat.isAlive()) {
                return new Peak(-1, -1, 0, 0, Double.NaN);
            }
            return new Peak((long) peakUsed, (long) peakOld, (long) (ygc - ygc0), (long) (fgc - fgc0), (gcSeconds - gc0) * 1000);
        }

        @Override
        public void close() {
            jstat.destroy();
        }
    }

    /**
     * CPU seconds from /proc: the app JVM, the follower's postmaster and its children (the backend running the
     * clip or the COPY), the primary's (the metadata database, which stores the result), this client, and the whole
     * machine (so "other" shows what else was running).
     */
    static final class Cpu {
        record Used(double app, double pg, double meta, double client, double other) {}

        record Snapshot(long nanos, double app, Map<Long, Double> pg, Map<Long, Double> meta, double client,
                        double machineBusy) {
            Used until(Snapshot after) {
                double pgUsed = used(pg, after.pg);
                double metaUsed = used(meta, after.meta);
                double appUsed = after.app - app, clientUsed = after.client - client;
                double other = (after.machineBusy - machineBusy) - appUsed - pgUsed - metaUsed - clientUsed;
                return new Used(appUsed, pgUsed, metaUsed, clientUsed, Math.max(0, other));
            }

            static double used(Map<Long, Double> before, Map<Long, Double> after) {
                double used = 0;
                for (Map.Entry<Long, Double> e : after.entrySet()) {
                    used += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
                }
                return used;
            }
        }

        static final double TICK = 100.0; // USER_HZ on Linux
        private final long appPid;
        private final Path postmasterPid;
        private final Path primaryPid;

        Cpu(long appPid, Path postmasterPid, Path primaryPid) {
            this.appPid = appPid;
            this.postmasterPid = postmasterPid;
            this.primaryPid = primaryPid;
        }

        Snapshot snapshot() {
            long[] app = stat(appPid);
            double client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            return new Snapshot(System.nanoTime(), app == null ? 0 : app[1] / TICK, tree(postmasterPid), tree(primaryPid),
                    client, machineBusy());
        }

        /** CPU seconds of a postmaster and its children, by pid. */
        static Map<Long, Double> tree(Path postmasterPid) {
            long postmaster = -1;
            try {
                postmaster = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
            } catch (IOException | RuntimeException ignored) {
                // no follower pid file: pg stays 0
            }
            Map<Long, Double> pg = new HashMap<>();
            if (postmaster > 0) {
                try (var dirs = Files.list(Path.of("/proc"))) {
                    for (Path d : (Iterable<Path>) dirs::iterator) {
                        String name = d.getFileName().toString();
                        if (!name.chars().allMatch(Character::isDigit)) {
                            continue;
                        }
                        long[] s = stat(Long.parseLong(name));
                        if (s != null && (s[0] == postmaster || Long.parseLong(name) == postmaster)) {
                            pg.put(Long.parseLong(name), s[1] / TICK);
                        }
                    }
                } catch (IOException ignored) {
                    // not Linux: pg stays 0
                }
            }
            return pg;
        }

        /** [parent pid, utime + stime in ticks] from /proc/PID/stat, or null. */
        static long[] stat(long pid) {
            try {
                String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        static double machineBusy() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return (total - idle) / TICK;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    // ---- small things -------------------------------------------------------------------------------------

    /** A body drained into a count: bytes, line feeds, the first 4 and the last 256 bytes (a ring). */
    static final class Counter extends OutputStream {
        long bytes;
        long newlines;
        final byte[] head = new byte[4];
        private final byte[] ring = new byte[256];

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            long at = bytes;
            long lf = 0;
            for (int i = off, end = off + len; i < end; i++, at++) {
                byte c = b[i];
                if (c == '\n') {
                    lf++;
                }
                ring[(int) (at & 255)] = c;
                if (at < 4) {
                    head[(int) at] = c;
                }
            }
            newlines += lf;
            bytes = at;
        }

        String tail() {
            int n = (int) Math.min(bytes, ring.length);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = ring[(int) ((bytes - n + i) & 255)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("embedded.properties has no " + key + " (keys: " + p.stringPropertyNames() + ")");
        }
        return v;
    }

    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }

    static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    static void say(String format, Object... args) {
        System.out.println("bench: " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
