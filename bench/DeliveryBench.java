import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * bench/delivery's client (see bench/README.md, "Delivery"): starts a local SMTP server (SubEthaSMTP) on --smtp-port,
 * where the app was told to send, makes one clip of --rows rows with --subscriptions email subscriptions (one recipient
 * each, the CSV attached), schedules it hourly at the next whole minute, and waits for its scheduled snapshot and then
 * for one mail per subscription. Prints how long from the snapshot to the last mail, how many mails and bytes arrived
 * (each recipient once), and how many of the log's newest deliveries (the API lists 200) were sent. Exit code 0 when every recipient got exactly one
 * mail within --within seconds of the snapshot.
 */
public class DeliveryBench {
    static final ObjectMapper JSON = new ObjectMapper();
    final String url;
    final int smtpPort;
    final int subscriptions;
    final int rows;
    final int within;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final Map<String, Integer> mails = new ConcurrentHashMap<>();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong lastMail = new AtomicLong();
    String token;

    DeliveryBench(Map<String, String> args) {
        url = args.getOrDefault("url", "").replaceAll("/+$", "");
        smtpPort = Integer.parseInt(args.get("smtp-port"));
        subscriptions = Integer.parseInt(args.getOrDefault("subscriptions", "1000"));
        rows = Integer.parseInt(args.getOrDefault("rows", "2000"));
        within = Integer.parseInt(args.getOrDefault("within", "60"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new TreeMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        System.exit(new DeliveryBench(args).run() ? 0 : 1);
    }

    boolean run() throws Exception {
        SMTPServer smtp = SMTPServer.port(smtpPort).hostName("localhost").simpleMessageListener(new SimpleMessageListener() {
            @Override
            public boolean accept(String from, String recipient) {
                return true;
            }

            @Override
            public void deliver(String from, String recipient, InputStream data) throws IOException {
                bytes.addAndGet(data.transferTo(OutputDiscard.INSTANCE));
                mails.merge(recipient, 1, Integer::sum);
                lastMail.set(System.currentTimeMillis());
            }
        }).build();
        smtp.start();
        try {
            return measure();
        } finally {
            smtp.stop();
        }
    }

    boolean measure() throws Exception {
        token = api("POST", "/api/v1/tokens", Map.of("email", System.getenv("DATACLIPS_ADMIN_EMAIL"),
                "password", System.getenv("DATACLIPS_ADMIN_PASSWORD")), 201).get("token").asText();
        String slug = api("POST", "/api/v1/clips", Map.of("title", "delivery bench: " + rows + " rows", "source",
                "employees", "sql", "select g as n, md5(g::text) as hash, g * 1.5 as amount from generate_series(1, "
                        + rows + ") g"), 201).get("slug").asText();
        long made = System.nanoTime();
        for (int i = 0; i < subscriptions; i++) {
            api("POST", "/api/v1/clips/" + slug + "/subscriptions", Map.of("channel", "email", "to",
                    java.util.List.of("r" + i + "@example.com"), "attach", "csv"), 201);
        }
        System.out.printf(Locale.ROOT, "delivery: %,d subscriptions made in %.1f s%n", subscriptions,
                (System.nanoTime() - made) / 1e9);
        Instant now = Instant.now();
        int minute = (now.atZone(ZoneOffset.UTC).getMinute() + (now.atZone(ZoneOffset.UTC).getSecond() > 50 ? 2 : 1)) % 60;
        api("PUT", "/api/v1/clips/" + slug + "/schedule", Map.of("every", "hourly", "minute", minute, "zone", "UTC"), 200);
        System.out.printf(Locale.ROOT, "delivery: the clip takes its scheduled snapshot at minute %d (UTC)%n", minute);
        JsonNode snapshot = awaitSnapshot(slug);
        Instant taken = Instant.parse(snapshot.get("captured_at").asText());
        long deadline = System.currentTimeMillis() + Math.max(within, 60) * 3_000L;
        while (mails.size() < subscriptions && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        api("DELETE", "/api/v1/clips/" + slug + "/schedule", null, 204);
        double seconds = (lastMail.get() - taken.toEpochMilli()) / 1000.0;
        long twice = mails.values().stream().filter(n -> n > 1).count();
        long sent = 0;
        JsonNode newest = api("GET", "/api/v1/clips/" + slug + "/deliveries", null, 200); // the log's newest 200
        for (JsonNode d : newest) {
            sent += d.get("status").asText().equals("sent") ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "delivery: snapshot %d (%s, %,d rows) to the last of %,d mails: %.1f s "
                + "(goal: within %d s); %,d recipients got one, %d more than one; %.1f MB received; %,d of the log's newest %,d "
                + "deliveries sent%n", snapshot.get("id").asLong(), snapshot.get("kind").asText(),
                snapshot.get("row_count").asLong(), mails.values().stream().mapToInt(Integer::intValue).sum(), seconds,
                within, mails.size(), twice, bytes.get() / 1048576.0, sent, newest.size());
        return mails.size() == subscriptions && twice == 0 && seconds <= within;
    }

    JsonNode awaitSnapshot(String slug) throws Exception {
        long deadline = System.currentTimeMillis() + 150_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode list = api("GET", "/api/v1/clips/" + slug + "/snapshots", null, 200);
            if (list.size() > 0) {
                return list.get(0);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no scheduled snapshot within 150 s");
    }

    JsonNode api(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    /** Counts and drops what it is given: the bench keeps no mail. */
    static final class OutputDiscard extends java.io.OutputStream {
        static final OutputDiscard INSTANCE = new OutputDiscard();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
