package dataclips.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A webhook's body and signature (README, "Delivery"): {"event":"snapshot","clip":{…},"snapshot":{…},"changes":…,
 * "trigger":…}, signed as X-Dataclips-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with the
 * subscription's secret&gt;, so a receiver checks who sent it and refuses a replay of an old one.
 */
final class WebhookMessage {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private WebhookMessage() {}

    static byte[] body(Facts f) {
        ObjectNode body = JSON.createObjectNode().put("event", "snapshot");
        body.putObject("clip").put("id", f.clip().id()).put("title", f.title()).put("url", f.clipUrl());
        ObjectNode snapshot = body.putObject("snapshot").put("id", f.snapshot().id()).put("url", f.snapshotUrl());
        snapshot.set("captured_at", JSON.valueToTree(f.snapshot().startedAt()));
        snapshot.put("row_count", f.snapshot().rowCount()).put("truncated", f.snapshot().truncated());
        if (f.changes().isPresent()) {
            body.putObject("changes").put("added", f.changes().get().added()).put("removed", f.changes().get().removed());
        } else {
            body.putNull("changes");
        }
        body.put("trigger", f.cause());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signature(String secret, long unixSeconds, byte[] body) {
        byte[] signed = (unixSeconds + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(Unsubscribes.hmac(
                secret.getBytes(StandardCharsets.UTF_8), signed));
    }
}
