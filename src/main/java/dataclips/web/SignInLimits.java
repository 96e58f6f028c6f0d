package dataclips.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Slows password guessing: failed sign-ins are counted per email address and per client address in
 * token buckets (refilled over {@link #WINDOW}). Every attempt takes a token up front, so concurrent
 * guesses cannot slip past the count, and a successful one gives it back: people who know their password
 * are never slowed. Unknown emails are counted exactly like known ones, so a lock reveals nothing.
 * The buckets live in memory per instance, in caches that forget idle entries and are bounded in size.
 */
final class SignInLimits {
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final long MAX_TRACKED = 100_000;
    private final int perEmail;
    private final int perClient;
    private final boolean trustProxy;
    private final Cache<String, Bucket> emails = newCache();
    private final Cache<String, Bucket> clients = newCache();

    /** trustProxy: the client is the address the proxy appended to X-Forwarded-For (see ClientAddress). */
    SignInLimits(int perEmail, int perClient, boolean trustProxy) {
        this.perEmail = perEmail;
        this.perClient = perClient;
        this.trustProxy = trustProxy;
    }

    /** Too many failures: how long until the next attempt is allowed. */
    public static final class Locked extends RuntimeException {
        private final long retryAfterSeconds;

        Locked(long nanosToWait) {
            super(null, null, false, false);
            this.retryAfterSeconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        @Override
        public String getMessage() {
            long minutes = (retryAfterSeconds + 59) / 60;
            return "too many failed sign-in attempts for this email address or from this network; try again in "
                    + minutes + (minutes == 1 ? " minute" : " minutes");
        }
    }

    /**
     * Runs the password check unless the email or the client is locked out (then {@link Locked} is
     * thrown before the check: even the right password waits). An empty answer counts as a failure.
     */
    <T> Optional<T> attempt(Context ctx, String email, Supplier<Optional<T>> check) {
        Bucket byEmail = emails.get(normalize(email), key -> bucket(perEmail));
        Bucket byClient = clients.get(clientAddress(ctx), key -> bucket(perClient));
        take(byEmail, null);
        take(byClient, byEmail);
        Optional<T> result = check.get();
        if (result.isPresent()) {
            byEmail.addTokens(1);
            byClient.addTokens(1);
        }
        return result;
    }

    /** Where the attempt comes from (the one place to teach about trusted proxies). */
    private String clientAddress(Context ctx) {
        return ClientAddress.of(ctx, trustProxy);
    }

    /** Takes one token or throws {@link Locked}, first giving back the one already taken from {@code taken}. */
    private static void take(Bucket bucket, Bucket taken) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            if (taken != null) {
                taken.addTokens(1);
            }
            throw new Locked(probe.getNanosToWaitForRefill());
        }
    }

    private static Bucket bucket(int attempts) {
        return Bucket.builder().addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, WINDOW)).build();
    }

    private static Cache<String, Bucket> newCache() {
        // An idle bucket is full again after WINDOW, so forgetting it then loses nothing.
        return Caffeine.newBuilder().expireAfterAccess(WINDOW).maximumSize(MAX_TRACKED).build();
    }

    private static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
