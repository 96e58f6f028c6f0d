package dataclips.run;

import dataclips.parameters.ParameterSql;
import com.zaxxer.hikari.HikariDataSource;
import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one clip safely on a follower and streams its rows to a writer. The whole safety path of
 * docs/DESIGN.md lives here: one statement, a healthy follower, a read-only transaction with timeouts, a
 * forward-only cursor, ROLLBACK and a wiped session, whatever happens.
 */
public final class ClipRunner {
    static final int FETCH_SIZE = 1000;
    /** Rounds over followers whose pools were busy (each waits the pool's connection timeout). */
    private static final int BUSY_ROUNDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ClipRunner.class);
    private final Sources sources;
    private final RowStream rows = new RowStream();
    private final CopyRun copies = new CopyRun(rows);
    /** Keeps each run's deadline ({@link RunDeadline}). */
    private final ScheduledExecutorService deadlines = RunDeadline.timer();

    /**
     * What to run; the tag in front of the SQL lets a DBA see the clip (or "preview", an editor's draft) and run in
     * pg_stat_activity and the server's logs. It names a clip by its internal id, never by its slug: the slug is the
     * link's secret, and whoever can read pg_stat_activity or the logs must not be able to open the clip with it
     * (README, "Security").
     */
    public record RunSpec(Source source, String subject, long runId, String title, String sql,
                          Optional<List<Object>> bound, SortedMap<String, String> parameters) {
        /** A clip without parameters: its SQL sent exactly as written, as a plain statement. */
        public static RunSpec plain(Source source, long clipId, long runId, String title, String sql) {
            return new RunSpec(source, "clip:" + clipId, runId, title, sql, Optional.empty(), new TreeMap<>());
        }

        /** A clip with parameters: the bound statement (? placeholders) and its values, never spliced into the SQL. */
        public static RunSpec bound(Source source, long clipId, long runId, String title, ParameterSql.Bound bound,
                                    SortedMap<String, String> shown) {
            return new RunSpec(source, "clip:" + clipId, runId, title, bound.sql(), Optional.of(bound.values()), shown);
        }

        /** SQL from the editor, not saved as a clip: run as written, like a clip without parameters. */
        public static RunSpec preview(Source source, long runId, String sql) {
            return new RunSpec(source, "preview", runId, "Preview", sql, Optional.empty(), new TreeMap<>());
        }

        String tag() {
            return "/* dataclips " + subject + " run:" + runId + " */\n";
        }
    }

    public ClipRunner(Sources sources) {
        this.sources = sources;
    }

    /**
     * Runs the clip on the best usable follower, moving to the next one while nothing of the clip has been
     * sent: a follower that gives no connection, fails the preamble, or drops the connection before the first
     * row (stopped a moment ago, before the health monitor noticed) passes the run on. Followers whose pools
     * were only busy get further rounds. A recovery conflict before the first row starts the run over on the best
     * follower ({@link RecoveryConflict}). Throws {@link dataclips.UserError} (503) when no follower can take it.
     * Every attempt that did not serve the run is added to attempts, for the run log.
     */
    public RunOutcome run(RunSpec spec, ResultWriter writer, Cancellation cancel, RunAttempts attempts) {
        StatementGuard.check(spec.sql());
        long started = System.nanoTime();
        while (true) {
            try {
                return onBestFollower(spec, writer, cancel, started, attempts);
            } catch (RecoveryConflict.StartOver conflict) {
                RecoveryConflict.pauseOrGiveUp(attempts, cancel);
            }
        }
    }

    private RunOutcome onBestFollower(RunSpec spec, ResultWriter writer, Cancellation cancel, long started,
                                      RunAttempts attempts) {
        List<Source.Follower> candidates = FollowerChoice.candidates(sources, spec.source());
        for (int round = 0; round < BUSY_ROUNDS && !candidates.isEmpty(); round++) {
            List<Source.Follower> busy = new ArrayList<>();
            for (Source.Follower follower : candidates) {
                OnFollower on = new OnFollower(spec, follower, writer, cancel, started, busy, attempts);
                Optional<RunOutcome> outcome = attempt(on).or(() -> retryAfterDrop(on));
                if (outcome.isPresent()) {
                    return outcome.get();
                }
            }
            candidates = busy;
        }
        throw FollowerChoice.unavailable(sources, spec.source());
    }

    /**
     * One more try on the same follower when its connection dropped before the first row: a single killed session
     * (a DBA's pg_terminate_backend, a restart already over) is no reason to give up a follower, least of all the
     * only one. A second drop marks it down, so the runs after this one go elsewhere at once.
     */
    private Optional<RunOutcome> retryAfterDrop(OnFollower on) {
        if (!sources.health(on.follower()).healthy() || on.busy().contains(on.follower())) {
            return Optional.empty(); // it gave no connection at all, and is marked down already
        }
        Optional<RunOutcome> again = attempt(on);
        if (again.isEmpty() && !on.busy().contains(on.follower())) {
            sources.reportDown(on.follower(), "its connections dropped twice in a row");
        }
        return again;
    }

    /** What one try on one follower needs; busy collects followers whose pools had no free connection. */
    private record OnFollower(RunSpec spec, Source.Follower follower, ResultWriter writer, Cancellation cancel, long started,
                       List<Source.Follower> busy, RunAttempts attempts) {}

    /** One follower's try: empty when the run should move on (and then nothing was sent to the writer). */
    private Optional<RunOutcome> attempt(OnFollower on) {
        RunSpec spec = on.spec();
        Source.Follower follower = on.follower();
        HikariDataSource pool = sources.pool(spec.source(), follower);
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            if (FollowerFailure.busy(e)) {
                on.busy().add(follower); // every connection in use: worth waiting for in a later round
            } else {
                sources.reportDown(follower, "no connection: " + e.getMessage());
                on.attempts().add(follower, Attempt.NO_CONNECTION, e);
            }
            LOG.warn("follower {} of {} gave no connection: {}", follower.display(), spec.source().name(), e.getMessage());
            return Optional.empty();
        }
        Preamble.Freshness freshness;
        try {
            freshness = Preamble.apply(c, spec.source(), CopyRun.reading(spec, on.writer()));
        } catch (SQLException | Preamble.NotAFollower e) {
            LOG.warn("follower {} of {} refused the run: {}", follower.display(), spec.source().name(), e.getMessage());
            on.attempts().add(follower, Attempt.REFUSED, e instanceof SQLException sql ? sql.getSQLState() : null,
                    e.getMessage());
            SessionReset.release(pool, c, true);
            return Optional.empty();
        }
        return runOn(on, pool, c, freshness);
    }

    private Optional<RunOutcome> runOn(OnFollower on, HikariDataSource pool, Connection c, Preamble.Freshness freshness) {
        RunSpec spec = on.spec();
        Source.Follower follower = on.follower();
        ResultWriter writer = on.writer();
        Cancellation cancel = on.cancel();
        long started = on.started();
        RowStream.Streamed streamed = new RowStream.Streamed();
        Optional<SqlProblem> problem = Optional.empty();
        Optional<String> cancelled = Optional.empty();
        boolean tooLarge = false;
        if (!cancel.attach(c)) { // the viewer left while the run waited for its connection: start nothing
            SessionReset.release(pool, c, false);
            return Optional.of(new RunOutcome(spec.runId(), follower.id(), follower.display(), freshness.asOf(),
                    freshness.lagSeconds(), 0, false, Duration.ofNanos(System.nanoTime() - started), Optional.empty(),
                    Optional.of(cancel.reason())));
        }
        boolean lost = false;
        Duration limit = Duration.ofSeconds(spec.source().statementTimeoutSeconds());
        ResultInfo info = new ResultInfo(spec.title(), freshness.asOf(), spec.parameters());
        try (RunDeadline deadline = RunDeadline.start(deadlines, cancel, limit)) {
            Optional<List<Column>> copyable = CopyRun.columns(c, spec, writer);
            if (copyable.isPresent()) {
                copies.stream(c, spec, copyable.get(), writer, info, streamed, cancel, deadline);
            } else {
                try (Statement s = statement(c, spec); ResultSet rs = execute(s, spec)) {
                    rows.stream(rs, writer, info, streamed, cancel, deadline);
                }
            }
        } catch (SQLException e) {
            tooLarge = ResultTooLarge.is(e); // a 422 thrown below, once the (closed) connection is released
            if (tooLarge) {
                LOG.info("{} run {}: {}", spec.subject(), spec.runId(), e.getMessage());
            } else if (cancel.expired()) {
                problem = Optional.of(SqlProblem.timedOut());
            } else if (cancel.requested()) {
                cancelled = Optional.of(cancel.reason());
            } else if (!streamed.begun && FollowerFailure.connectionLost(e)) {
                lost = true; // the follower went away before anything was sent: another try takes the run
                LOG.warn("follower {} of {} went away before the first row: {}", follower.display(),
                        spec.source().name(), e.getMessage());
                on.attempts().add(follower, Attempt.CONNECTION_LOST, e);
            } else {
                problem = Optional.of(SqlProblem.of(e, spec.tag().length()));
            }
        } catch (IOException e) {
            cancel.cancel("the viewer went away");
            cancelled = Optional.of("the viewer went away");
        } finally {
            SessionReset.release(pool, c, cancel.detach() || tooLarge || FollowerFailure.broken(c));
        }
        if (tooLarge) {
            throw ResultTooLarge.error();
        }
        if (lost) {
            return Optional.empty();
        }
        if (problem.filter(RecoveryConflict::is).isPresent()) { // before the first row this starts the run over
            problem = Optional.of(RecoveryConflict.met(problem.get(), streamed.begun, follower, on.attempts()));
        }
        if (cancelled.isEmpty() && cancel.requested() && problem.isEmpty()) { // stopped between two fetches
            problem = cancel.expired() ? Optional.of(SqlProblem.timedOut()) : problem;
            cancelled = cancel.expired() ? cancelled : Optional.of(cancel.reason());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return Optional.of(new RunOutcome(spec.runId(), follower.id(), follower.display(), freshness.asOf(),
                freshness.lagSeconds(), streamed.rows, streamed.more, took, problem, cancelled));
    }

    /** A forward-only statement, prepared with the values bound when the clip has parameters. */
    private static Statement statement(Connection c, RunSpec spec) throws SQLException {
        Statement s = spec.bound().isPresent()
                ? c.prepareStatement(spec.tag() + spec.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)
                : c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        s.setFetchSize(FETCH_SIZE);
        s.setEscapeProcessing(false); // send the SQL exactly as written: no JDBC {fn …} rewriting
        if (s instanceof PreparedStatement prepared) {
            BoundValues.set(prepared, spec.bound().orElseThrow());
        }
        return s;
    }

    private static ResultSet execute(Statement s, RunSpec spec) throws SQLException {
        return s instanceof PreparedStatement prepared ? prepared.executeQuery() : s.executeQuery(spec.tag() + spec.sql());
    }

}
