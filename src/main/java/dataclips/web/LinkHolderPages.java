package dataclips.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dataclips.clips.Clip;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clip page and its table as link holders (viewers without an account) were last sent them, kept for at most
 * {@link #KEEP} so that many people opening one link cost one render and its metadata queries a second, not one
 * each (bench/load: 200 viewers). Only what is the same for every link holder is kept: an anonymous GET with no
 * query string, keyed by the site address it was reached at and its path; a table only once it is stored, and never
 * past the moment its result stops being fresh or the link expires. Anything this instance changes (any request
 * that is not a GET or HEAD) forgets everything at once; a change made on another instance (a rotated slug, a link
 * made private) reaches this one's link holders within {@link #KEEP}. At most {@link #MAX_BYTES} in memory.
 */
final class LinkHolderPages {
    static final Duration KEEP = Duration.ofSeconds(1);
    static final long MAX_BYTES = 64L << 20;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, CompletableFuture<Kept>> rendering = new ConcurrentHashMap<>();
    private final Cache<String, Kept> pages;

    /**
     * A page as sent: its bytes, the clip it shows (for the access log), when it stops being true (staleAt, null for
     * never) and when its second ends, both by the app's clock (the one links expire by, which a test can move).
     */
    record Kept(byte[] html, long clipId, Instant staleAt, Instant keptUntil, long generation) {
        boolean current(Instant now) {
            return (staleAt == null || now.isBefore(staleAt)) && now.isBefore(keptUntil);
        }
    }

    /** A page to render: its key and the generation it started in (a change meanwhile makes what it renders stale). */
    private record Miss(String key, long generation) {}

    /** How a request is answered: with a kept page, or by rendering it (and keeping it when it may be kept). */
    sealed interface Answer permits Hit, Render {}

    record Hit(Kept page) implements Answer {
        /** Sends the kept page exactly as it was first sent. */
        void send(Context ctx) {
            ctx.contentType(Pages.HTML).result(page.html());
        }
    }

    /**
     * This request renders the page; close it when done, whether it kept the page or not. While a link holder's
     * page is rendered, other link holders asking for the same one wait for it instead of rendering it too: when a
     * result goes stale, 200 viewers cost one run and one render, not one run and 200 renders.
     */
    final class Render implements Answer, AutoCloseable {
        private final Miss miss;
        private final CompletableFuture<Kept> turn;
        private Kept kept;

        private Render(Miss miss, CompletableFuture<Kept> turn) {
            this.miss = miss;
            this.turn = turn;
        }

        /** Keeps the page just sent, for {@link #KEEP} or until staleAt (null: no such time) or the link expires. */
        void keep(Clip clip, byte[] html, Instant staleAt) {
            if (miss != null && miss.generation() == generation.get()) {
                Instant until = earliest(staleAt, clip.linkExpiresAt() == null ? null : clip.linkExpiresAt().toInstant());
                kept = new Kept(html, clip.id(), until, clock.instant().plus(KEEP), miss.generation());
                pages.put(miss.key(), kept);
            }
        }

        @Override
        public void close() {
            if (turn != null) {
                rendering.remove(miss.key(), turn);
                turn.complete(kept);
            }
        }
    }

    LinkHolderPages(Clock clock) {
        this.clock = clock;
        this.pages = Caffeine.newBuilder()
                .maximumWeight(MAX_BYTES)
                .weigher((String key, Kept page) -> key.length() + page.html().length)
                .expireAfterWrite(KEEP)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())) // the same clock, so a test can move it
                .build();
    }

    /** A kept page for this request, once any render of it under way has finished; else this request's turn. */
    Answer answer(Context ctx) {
        if (!"GET".equals(ctx.method().name()) || Auth.user(ctx).isPresent() || ctx.queryString() != null) {
            return new Render(null, null);
        }
        Miss miss = new Miss(ClipViews.base(ctx) + ctx.path(), generation.get());
        Optional<Kept> page = current(pages.getIfPresent(miss.key()));
        if (page.isPresent()) {
            return new Hit(page.get());
        }
        CompletableFuture<Kept> mine = new CompletableFuture<>();
        CompletableFuture<Kept> theirs = rendering.putIfAbsent(miss.key(), mine);
        if (theirs == null) {
            return new Render(miss, mine);
        }
        // Someone else renders it: theirs, if it could be kept; else (a 404, a failed run) this request renders its own.
        return current(theirs.join()).<Answer>map(Hit::new).orElseGet(() -> new Render(miss, null));
    }

    /** Something changed here (a clip, its link, its pin, its schedule): no kept page may be sent again. */
    void changed() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }

    private Optional<Kept> current(Kept page) {
        return Optional.ofNullable(page)
                .filter(p -> p.generation() == generation.get() && p.current(clock.instant()));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
