package dataclips.run;

import com.zaxxer.hikari.HikariDataSource;
import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one clip safely on a follower and streams its rows to a writer. The whole safety path of
 * DESIGN.md lives here: one statement, a healthy follower, a read-only transaction with timeouts, a
 * forward-only cursor, ROLLBACK and a wiped session, whatever happens.
 */
public final class ClipRunner {
    static final int FETCH_SIZE = 1000;
    /** Rounds over followers whose pools were busy (each waits the pool's connection timeout). */
    private static final int BUSY_ROUNDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ClipRunner.class);
    private final Sources sources;
    /** Threads that read download cursors a fetch ahead; one per running download, ended when idle. */
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cursor-reader");
        t.setDaemon(true);
        return t;
    });

    /** What to run; the tag in front of the SQL lets a DBA see the clip and run in pg_stat_activity. */
    public record RunSpec(Source source, String slug, long runId, String title, String sql) {
        String tag() {
            return "/* dataclips clip:" + slug + " run:" + runId + " */\n";
        }
    }

    public ClipRunner(Sources sources) {
        this.sources = sources;
    }

    /**
     * Runs the clip on the best usable follower, moving to the next one while nothing of the clip has been
     * sent: a follower that gives no connection, fails the preamble, or drops the connection before the first
     * row (stopped a moment ago, before the health monitor noticed) passes the run on. Followers whose pools
     * were only busy get further rounds. Throws {@link dataclips.UserError} (503) when no follower can take it.
     */
    public RunOutcome run(RunSpec spec, ResultWriter writer, Cancellation cancel) {
        StatementGuard.check(spec.sql());
        long started = System.nanoTime();
        List<Source.Follower> candidates = FollowerChoice.candidates(sources, spec.source());
        for (int round = 0; round < BUSY_ROUNDS && !candidates.isEmpty(); round++) {
            List<Source.Follower> busy = new ArrayList<>();
            for (Source.Follower follower : candidates) {
                Optional<RunOutcome> outcome = attempt(spec, follower, writer, cancel, started, busy)
                        .or(() -> retryAfterDrop(spec, follower, writer, cancel, started, busy));
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
    private Optional<RunOutcome> retryAfterDrop(RunSpec spec, Source.Follower follower, ResultWriter writer,
                                                Cancellation cancel, long started, List<Source.Follower> busy) {
        if (!sources.health(follower).healthy() || busy.contains(follower)) {
            return Optional.empty(); // it gave no connection at all, and is marked down already
        }
        Optional<RunOutcome> again = attempt(spec, follower, writer, cancel, started, busy);
        if (again.isEmpty() && !busy.contains(follower)) {
            sources.reportDown(follower, "its connections dropped twice in a row");
        }
        return again;
    }

    /** One follower's try: empty when the run should move on (and then nothing was sent to the writer). */
    private Optional<RunOutcome> attempt(RunSpec spec, Source.Follower follower, ResultWriter writer, Cancellation cancel,
                                         long started, List<Source.Follower> busy) {
        HikariDataSource pool = sources.pool(spec.source(), follower);
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            if (FollowerFailure.busy(e)) {
                busy.add(follower); // every connection in use: worth waiting for in a later round
            } else {
                sources.reportDown(follower, "no connection: " + e.getMessage());
            }
            LOG.warn("follower {} of {} gave no connection: {}", follower.display(), spec.source().name(), e.getMessage());
            return Optional.empty();
        }
        Preamble.Freshness freshness;
        try {
            freshness = Preamble.apply(c, spec.source());
        } catch (SQLException | Preamble.NotAFollower e) {
            LOG.warn("follower {} of {} refused the run: {}", follower.display(), spec.source().name(), e.getMessage());
            SessionReset.release(pool, c, true);
            return Optional.empty();
        }
        return runOn(spec, follower, pool, c, freshness, writer, cancel, started);
    }

    private Optional<RunOutcome> runOn(RunSpec spec, Source.Follower follower, HikariDataSource pool, Connection c,
                                       Preamble.Freshness freshness, ResultWriter writer, Cancellation cancel, long started) {
        Streamed streamed = new Streamed();
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
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(FETCH_SIZE);
            s.setEscapeProcessing(false); // send the SQL exactly as written: no JDBC {fn …} rewriting
            try (ResultSet rs = s.executeQuery(spec.tag() + spec.sql())) {
                stream(rs, writer, new ResultInfo(spec.title(), freshness.asOf()), streamed, cancel);
            }
        } catch (SQLException e) {
            tooLarge = ResultTooLarge.is(e); // a 422 thrown below, once the (closed) connection is released
            if (tooLarge) {
                LOG.info("clip {} run {}: {}", spec.slug(), spec.runId(), e.getMessage());
            } else if (cancel.requested()) {
                cancelled = Optional.of(cancel.reason());
            } else if (!streamed.begun && FollowerFailure.connectionLost(e)) {
                lost = true; // the follower went away before anything was sent: another try takes the run
                LOG.warn("follower {} of {} went away before the first row: {}", follower.display(),
                        spec.source().name(), e.getMessage());
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
        if (cancelled.isEmpty() && cancel.requested() && problem.isEmpty()) {
            cancelled = Optional.of(cancel.reason());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return Optional.of(new RunOutcome(spec.runId(), follower.id(), follower.display(), freshness.asOf(),
                freshness.lagSeconds(), streamed.rows, streamed.more, took, problem, cancelled));
    }

    /** Rows counted as they pass; more is true when the writer stopped before the cursor ended. */
    private static final class Streamed {
        boolean begun;
        long rows;
        boolean more;
    }

    /**
     * Passes the rows on; stops without finishing if a cancel was asked for (checked once per fetch, for the
     * rare cancel that reached the follower just before the query did and was ignored there). A writer that
     * reads everything (a download) gets its rows from a {@link CursorReader} a fetch ahead; one that wants
     * only the first rows (the page) reads on this thread, so it never waits for a fetch it will not use.
     */
    private void stream(ResultSet rs, ResultWriter writer, ResultInfo info, Streamed streamed, Cancellation cancel)
            throws SQLException, IOException {
        List<Column> columns = columns(rs.getMetaData());
        if (cancel.requested()) {
            return;
        }
        streamed.begun = true;
        writer.begin(columns, info);
        if (writer.readsEveryRow()) {
            streamAhead(rs, columns.size(), writer, streamed, cancel);
        } else {
            streamInline(rs, columns.size(), writer, streamed, cancel);
        }
    }

    private void streamAhead(ResultSet rs, int n, ResultWriter writer, Streamed streamed, Cancellation cancel)
            throws SQLException, IOException {
        try (CursorReader reader = new CursorReader(rs, n, FETCH_SIZE, readers)) {
            try {
                for (CursorReader.Batch batch = reader.next(); batch != null; batch = reader.next()) {
                    for (int i = 0; i < batch.size(); i++) {
                        if (!writer.row(batch.rows()[i])) {
                            streamed.more = true;
                            writer.finish(true);
                            return;
                        }
                        streamed.rows++;
                    }
                    if (cancel.requested()) {
                        return;
                    }
                }
            } catch (IOException e) {
                cancel.cancel("the viewer went away"); // before closing the reader: it may be waiting on a fetch
                throw e;
            }
        }
        writer.finish(false);
    }

    private static void streamInline(ResultSet rs, int n, ResultWriter writer, Streamed streamed, Cancellation cancel)
            throws SQLException, IOException {
        while (rs.next()) {
            if (streamed.rows % FETCH_SIZE == FETCH_SIZE - 1 && cancel.requested()) {
                return;
            }
            String[] values = new String[n];
            for (int i = 0; i < n; i++) {
                values[i] = rs.getString(i + 1);
            }
            if (!writer.row(values)) {
                streamed.more = true; // the writer has all it wants; the row it refused is not counted
                break;
            }
            streamed.rows++;
        }
        writer.finish(streamed.more);
    }

    private static List<Column> columns(ResultSetMetaData meta) throws SQLException {
        List<Column> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(Column.of(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        return columns;
    }
}
