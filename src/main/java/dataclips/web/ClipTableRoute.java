package dataclips.web;

import dataclips.UserError;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.export.EveryRow;
import dataclips.export.PageTable;
import dataclips.export.RowLimit;
import dataclips.export.Tee;
import dataclips.results.CorruptResult;
import dataclips.results.ResultRecorder;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.run.Cancellation;
import dataclips.run.RunOutcome;
import dataclips.run.Runs;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GET /clips/{slug}/table: the clip's current result as an HTML fragment, which the clip page loads
 * (showing the elapsed time and a cancel button meanwhile). It comes from the same place as the downloads
 * ({@link CurrentResult}): the pinned snapshot, a fresh stored result, or a run that is stored whole while
 * the page shows its first rows. A SQL error is a 200 with the error shown; "no follower" is a 503.
 * {@code ?refresh=1} from the clip's owner runs it again whatever is stored.
 */
final class ClipTableRoute {
    private final Clips clips;
    private final Runs runs;
    private final Results results;
    private final CurrentResult current;
    private final ClientWatch clientWatch;
    private final Pages pages;
    private final long maxRows;

    ClipTableRoute(Clips clips, Runs runs, Results results, ClientWatch clientWatch, Pages pages, long maxRows) {
        this.clips = clips;
        this.runs = runs;
        this.results = results;
        this.current = new CurrentResult(results);
        this.clientWatch = clientWatch;
        this.pages = pages;
        this.maxRows = maxRows;
    }

    /** What a follower answers when its viewer left: there is no one to render the table for. */
    private static final Map<String, Object> LEFT = java.util.Collections.unmodifiableMap(new java.util.HashMap<>());

    void register(Javalin app) {
        app.get("/clips/{slug}/table", this::table);
    }

    private void table(Context ctx) throws Exception {
        Optional<User> viewer = Auth.user(ctx);
        Clip clip = clips.viewable(ctx.pathParam("slug"), viewer);
        boolean refresh = "1".equals(ctx.queryParam("refresh")) && clip.editableBy(viewer);
        try {
            Map<String, Object> model = current.serve(clip, viewer.map(User::email).orElse("link"), refresh,
                    new CurrentResult.Handler<>() {
                        @Override
                        public Map<String, Object> stored(StoredResult result, String how) throws Exception {
                            return replayed(result, how);
                        }

                        @Override
                        public Map<String, Object> lead(ResultRecorder recorder) {
                            return ran(ctx, clip, viewer, recorder);
                        }

                        @Override
                        public Optional<Map<String, Object>> follow(long resultId) throws Exception {
                            return followed(ctx, resultId);
                        }
                    });
            if (model != null && model != LEFT) {
                LagNotice.add(model, clips.sourceOf(clip));
                if (viewer.isEmpty()) {
                    forLinkHolder(model);
                }
                pages.render(ctx, "clips/table", model);
            }
        } catch (UserError e) {
            ctx.status(e.status());
            pages.render(ctx, "clips/table", Map.of("unavailable", e.getMessage()));
        }
    }

    /** The clip's SQL and the database's address are for the team, not for everyone holding the link. */
    static void forLinkHolder(Map<String, Object> model) {
        model.remove("followerText");
        model.computeIfPresent("sqlError", (key, error) -> ((SqlErrorView) error).withoutSql());
    }

    private Map<String, Object> replayed(StoredResult result, String how) throws Exception {
        PageTable table = new PageTable();
        try {
            results.replay(result, table);
        } catch (CorruptResult e) {
            results.drop(result);
            throw new UserError(500, "result_damaged", "the stored result is damaged (" + e.getMessage()
                    + "); it has been removed, so reloading the page runs the clip again");
        }
        return TableModel.stored(table, result, how);
    }

    /** Leads the run: the page keeps its first rows, the store every row (up to the row limit). */
    private Map<String, Object> ran(Context ctx, Clip clip, Optional<User> viewer, ResultRecorder recorder) {
        PageTable table = new PageTable();
        Cancellation cancel = new Cancellation();
        RunOutcome outcome;
        // A viewer who leaves stops the run, unless others follow it: then it goes on for them, until they leave too.
        try (AutoCloseable watch = clientWatch.watch(ctx, () -> {
            if (recorder.followed()) {
                return false;
            }
            cancel.cancel("the viewer went away");
            return true;
        })) {
            outcome = runs.run(new Runs.Request(clip, clips.sourceOf(clip), viewer, "page"),
                    new Tee(new RowLimit(new EveryRow(table), maxRows), recorder), cancel, table::bytes);
        } catch (RuntimeException e) {
            recorder.abort();
            throw e;
        } catch (Exception e) {
            recorder.abort();
            throw new IllegalStateException(e);
        }
        if (!outcome.ok()) {
            recorder.abort();
            if (outcome.cancelled().isPresent() && "the viewer went away".equals(cancel.reason())) {
                return null; // nobody is left to read an answer
            }
            return TableModel.failed(clip, outcome);
        }
        recorder.complete(new ResultRecorder.RunFacts(outcome.runId(), outcome.follower(), outcome.lagSeconds(),
                outcome.duration().toMillis()));
        return TableModel.ran(table, outcome);
    }

    /** Follows another request's run; null (nothing to render) when this viewer left meanwhile. */
    private Optional<Map<String, Object>> followed(Context ctx, long resultId) throws Exception {
        PageTable table = new PageTable();
        AtomicBoolean gone = new AtomicBoolean();
        Results.Followed followed;
        try (AutoCloseable watch = clientWatch.watch(ctx, () -> {
            gone.set(true);
            return true;
        })) {
            followed = results.follow(resultId, table, gone::get);
        } catch (IOException e) {
            return Optional.of(LEFT);
        }
        return switch (followed.ending()) {
            case COMPLETE -> Optional.of(TableModel.shared(table, followed));
            case VANISHED_BEFORE_BEGIN -> Optional.empty();
            case VANISHED_AFTER_BEGIN -> throw new UserError(503, "run_failed",
                    "the run this page shared stopped before its end; reload the page to run the clip again");
        };
    }
}
