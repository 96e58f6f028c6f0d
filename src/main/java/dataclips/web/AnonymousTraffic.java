package dataclips.web;

import dataclips.clips.AccessLog;
import dataclips.clips.Clip;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * What the web layer does about viewers without an account: the rate limits that come first, and the
 * access log entry each GET of a clip's page or download leaves (HEAD and signed-in requests leave none).
 */
final class AnonymousTraffic {
    static final int MAX_USER_AGENT = 300;
    private final AccessLog log;
    private final ClientAddress clients;
    private final AnonymousLimits limits;

    /** Limits are requests per minute per clip and per client address, 0 for none. */
    AnonymousTraffic(AccessLog log, byte[] secretKey, boolean trustProxy, int perClipPerMinute,
                            int perClientPerMinute, Clock clock) {
        this.log = log;
        this.clients = new ClientAddress(trustProxy, secretKey);
        this.limits = new AnonymousLimits(perClipPerMinute, perClientPerMinute, clients, clock);
    }

    AnonymousLimits limits() {
        return limits;
    }

    AccessLog log() {
        return log;
    }

    /** format: html, csv, json, xml or xlsx; snapshotId null for the clip's current result. */
    void opened(Context ctx, Clip clip, String format, Long snapshotId) {
        opened(ctx, clip.id(), format, snapshotId);
    }

    /** As above, for a page kept for link holders ({@link LinkHolderPages}), which knows only the clip's id. */
    void opened(Context ctx, long clipId, String format, Long snapshotId) {
        if (!"GET".equals(ctx.method().name()) || Auth.user(ctx).isPresent()) {
            return;
        }
        String agent = ctx.userAgent();
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        log.record(new AccessLog.Entry(clipId, log.now(), format, snapshotId, clients.hashed(ctx), agent));
    }
}
