package dataclips.sources;

import dataclips.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import com.zaxxer.hikari.HikariDataSource;
import org.jooq.DSLContext;

/** Registered databases: registration with its safety checks, lookup, removal, pools and health. */
public final class Sources implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
    private final SourceStore store;
    private final FollowerPools pools = new FollowerPools();
    private final HealthMonitor monitor;
    /** Registration checks wait on the network, not the CPU: one thread each, so N followers take 10 s, not N × 10 s. */
    private final ExecutorService checks = Executors.newCachedThreadPool(HealthMonitor.daemon("registration-check"));

    /** The lag allowed when an admin gives none: five minutes, as docs/DESIGN.md's "a minute or so" with room. */
    public static final int DEFAULT_MAX_LAG_SECONDS = 300;

    /**
     * What an admin asks to register: follower URLs, an optional primary URL, as typed, and the replay lag
     * (seconds) beyond which live runs prefer a fresher follower (empty: {@link #DEFAULT_MAX_LAG_SECONDS}).
     */
    public record Registration(String name, List<String> followers, Optional<String> primary,
                               Optional<Integer> maxLagSeconds) {
        public Registration(String name, List<String> followers, Optional<String> primary) {
            this(name, followers, primary, Optional.empty());
        }
    }

    public Sources(DSLContext db, SecretBox box) {
        this.store = new SourceStore(db, box);
        this.monitor = new HealthMonitor(store, pools);
    }

    public void startMonitoring() {
        monitor.start();
    }

    public List<Source> list() {
        return store.list();
    }

    /** One source by id, read now (a clip's source, on every run and table). */
    public Optional<Source> find(long id) {
        return store.find(id);
    }

    public Optional<Source> find(String name) {
        return store.find(name);
    }

    public FollowerHealth health(Source.Follower follower) {
        return monitor.of(follower);
    }

    /**
     * A run found the follower gone (no connection, or the connection dropped): it counts as unhealthy at once,
     * so the next runs go straight to another follower instead of each waiting on this one; the next health
     * check (within {@value HealthMonitor#INTERVAL_SECONDS} s) brings it back when it answers again.
     */
    public void reportDown(Source.Follower follower, String why) {
        monitor.record(follower, monitor.of(follower).failed(why, java.time.OffsetDateTime.now()));
    }

    public HikariDataSource pool(Source source, Source.Follower follower) {
        return pools.pool(source, follower);
    }

    /**
     * Checks every URL (in parallel, each within 10 s) and stores the source only if all pass; a refusal
     * is a 422 that names the failed check and how to fix it, and nothing is stored.
     */
    public Source register(Registration request, Long createdBy) {
        return registerWithWarnings(request, createdBy).source();
    }

    /** A registered source with what the admin should know about its followers (see RegistrationWarnings). */
    public record Registered(Source source, List<String> warnings) {}

    public Registered registerWithWarnings(Registration request, Long createdBy) {
        String name = request.name() == null ? "" : request.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new UserError(422, "bad_name", "the name '" + name + "' must be 1 to 63 lowercase letters, digits, "
                    + "'-' or '_', starting with a letter or digit (it appears in URLs)");
        }
        if (request.followers() == null || request.followers().isEmpty()) {
            throw new UserError(422, "no_followers", "give at least one follower URL, such as "
                    + "postgres://reader:password@replica-host:5432/database");
        }
        if (store.exists(name)) {
            throw new UserError(409, "name_taken", "a source named " + name + " exists already; choose another name");
        }
        List<PostgresUrl> followers = new ArrayList<>();
        for (int i = 0; i < request.followers().size(); i++) {
            followers.add(parse("follower " + (i + 1), request.followers().get(i)));
        }
        Optional<PostgresUrl> primary = request.primary().filter(p -> !p.isBlank()).map(p -> parse("primary", p));
        int maxLag = MaxLag.require(request.maxLagSeconds());
        List<String> warnings = new ArrayList<>(checkAll(followers, primary));
        Source source = store.insert(name, followers, primary, maxLag, createdBy);
        monitor.checkNow(source);
        warnings.addAll(standbyWarnings(source));
        return new Registered(source, warnings);
    }

    /**
     * What long clips meet on each follower, from its last health check: cancelled by recovery conflicts, or holding
     * back the primary's vacuum ({@link StandbySettings#warning}). Registration answers them; the Databases page
     * shows them under the source.
     */
    public List<String> standbyWarnings(Source source) {
        List<String> warnings = new ArrayList<>();
        for (Source.Follower f : source.followers()) {
            Optional.ofNullable(health(f).standby()).flatMap(s -> s.warning(source.statementTimeoutSeconds()))
                    .ifPresent(w -> warnings.add("follower " + f.position() + " (" + f.display() + "): " + w));
        }
        return warnings;
    }

    /** What the admin should know about a registered source's followers, checked now (empty for an unknown name). */
    public List<String> warnings(String name) {
        return store.find(name).map(RegistrationWarnings::of).orElse(List.of());
    }

    /** Refuses (409) while clips use the source: their URLs are shared and must not break silently. */
    public void delete(String name) {
        try {
            if (!store.delete(name)) {
                throw UserError.notFound("the source " + name);
            }
        } catch (org.jooq.exception.IntegrityConstraintViolationException e) {
            throw new UserError(409, "source_in_use", "clips still run on the source " + name
                    + "; delete those clips or move them to another source first");
        }
        pools.reconcile(store.list());
    }

    /** Re-points the embedded sample source when the embedded servers came up on other ports. */
    public void repoint(Source source, PostgresUrl follower, Optional<PostgresUrl> primary) {
        Source.Follower first = source.followers().get(0);
        if (!first.url().equals(follower)) {
            store.updateFollowerUrl(first.id(), follower);
        }
        primary.filter(p -> !source.primary().equals(Optional.of(p))).ifPresent(p -> store.updatePrimaryUrl(source.id(), p));
    }

    private static PostgresUrl parse(String label, String url) {
        try {
            return PostgresUrl.parse(url == null ? "" : url).requireAllowedParameters();
        } catch (IllegalArgumentException e) {
            throw new UserError(422, "bad_url", label + " URL " + PostgresUrl.redact(String.valueOf(url)) + ": " + e.getMessage());
        }
    }

    private List<String> checkAll(List<PostgresUrl> followers, Optional<PostgresUrl> primary) {
        List<CompletableFuture<List<String>>> futures = new ArrayList<>();
        for (int i = 0; i < followers.size(); i++) {
            String label = "follower " + (i + 1);
            PostgresUrl url = followers.get(i);
            futures.add(CompletableFuture.supplyAsync(() -> ConnectionCheck.require(label, url, true), checks));
        }
        primary.ifPresent(p -> futures.add(CompletableFuture.supplyAsync(() -> ConnectionCheck.require("primary", p, false), checks)));
        List<String> warnings = new ArrayList<>();
        for (CompletableFuture<List<String>> check : futures) {
            try {
                warnings.addAll(check.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return warnings;
    }

    @Override
    public void close() {
        monitor.close();
        checks.shutdownNow();
        pools.close();
    }
}
