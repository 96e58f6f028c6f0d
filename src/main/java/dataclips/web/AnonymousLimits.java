package dataclips.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dataclips.UserError;
import dataclips.clips.Slugs;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Rate limits for anonymous requests to a clip's URLs (/clips/{slug}…): a token bucket per clip (all
 * anonymous clients together) and one per client address (all clips together), refilled greedily so
 * N per minute means one more every 60/N seconds. Signed-in users and API tokens are not limited here.
 * A request with no credentials is counted before anything else happens, database included; one whose
 * session cookie names nobody is counted right after that one lookup. Buckets live in this instance's
 * memory (Caffeine, idle ones dropped after a few minutes): the limits are per instance.
 */
final class AnonymousLimits {
    private static final String COUNTED = "dataclips.anonymous-counted";
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final int perClip;
    private final int perClient;
    private final ClientAddress clients;
    private final TimeMeter time;
    private final Cache<String, Bucket> clipBuckets = buckets();
    private final Cache<String, Bucket> clientBuckets = buckets();

    AnonymousLimits(int perClip, int perClient, ClientAddress clients, Clock clock) {
        this.perClip = perClip;
        this.perClient = perClient;
        this.clients = clients;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L; // the app's clock, so tests can move time by hand
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Before identifying the caller: a request that carries no credentials at all is counted now. */
    void beforeIdentify(Context ctx) {
        boolean credentials = ctx.header("Authorization") != null || ctx.cookie(Auth.COOKIE) != null;
        if (!credentials) {
            count(ctx);
        }
    }

    /** After identifying: credentials that named nobody make an anonymous request all the same. */
    void afterIdentify(Context ctx) {
        if (Auth.user(ctx).isEmpty() && ctx.attribute(COUNTED) == null) {
            count(ctx);
        }
    }

    private void count(Context ctx) {
        ctx.attribute(COUNTED, true);
        Optional<String> slug = clipSlug(ctx.path());
        if (slug.isEmpty()) {
            return;
        }
        if (perClient > 0) {
            take(clientBuckets, clients.of(ctx), perClient, ctx, "from your address to clips");
        }
        if (perClip > 0) {
            take(clipBuckets, slug.get(), perClip, ctx, "to this clip from viewers without an account");
        }
    }

    private void take(Cache<String, Bucket> buckets, String key, int perMinute, Context ctx, String what) {
        ConsumptionProbe probe = buckets.get(key, k -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, WINDOW)).build())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new UserError(429, "rate_limited", "too many requests " + what + " (at most " + perMinute
                    + " a minute without signing in); try again in " + seconds + " s, or sign in");
        }
    }

    /** The clip's slug for /clips/{slug}, /clips/{slug}.ext and /clips/{slug}/…; empty for other paths. */
    static Optional<String> clipSlug(String path) {
        if (!path.startsWith("/clips/")) {
            return Optional.empty();
        }
        String rest = path.substring("/clips/".length());
        int end = rest.indexOf('/');
        String segment = end < 0 ? rest : rest.substring(0, end);
        int dot = segment.indexOf('.');
        String slug = dot < 0 ? segment : segment.substring(0, dot);
        return Slugs.wellFormed(slug) ? Optional.of(slug) : Optional.empty();
    }

    private static Cache<String, Bucket> buckets() {
        // A full bucket forgotten after idling loses nothing: it would have refilled in the meantime.
        return Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(200_000).build();
    }
}
