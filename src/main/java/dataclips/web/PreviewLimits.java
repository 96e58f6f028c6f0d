package dataclips.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dataclips.UserError;
import dataclips.accounts.User;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * How often one user may start a preview (DATACLIPS_PREVIEWS_PER_MINUTE): a token bucket per user, refilled greedily,
 * so N a minute means one more every 60/N seconds; beyond it a 429 with Retry-After. Buckets live in this instance's
 * memory (idle ones forgotten after a few minutes, when they would be full again anyway).
 */
final class PreviewLimits {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final int perMinute;
    private final Cache<Long, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2))
            .maximumSize(100_000).build();

    PreviewLimits(int perMinute) {
        this.perMinute = perMinute;
    }

    void take(User user) {
        ConsumptionProbe probe = buckets.get(user.id(), id -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, WINDOW)).build())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            int seconds = (int) Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new UserError(429, "rate_limited", "too many previews (at most " + perMinute + " a minute for one "
                    + "user); try again in " + seconds + " s", seconds);
        }
    }
}
