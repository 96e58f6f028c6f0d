package dataclips.web;

import dataclips.UserError;
import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.export.PageTable;
import dataclips.export.chart.ChartSpec;
import dataclips.results.Results;
import dataclips.serving.Ask;
import dataclips.serving.Joined;
import dataclips.serving.Led;
import dataclips.serving.Outcome;
import dataclips.serving.Ran;
import dataclips.serving.Serving;
import dataclips.serving.Stored;
import dataclips.serving.Viewer;
import dataclips.serving.Want;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * GET /clips/{slug}/table: the clip's current result as an HTML fragment, which the clip page loads (showing the
 * elapsed time and a cancel button meanwhile). It comes from the same place as the downloads (serving): the
 * pinned snapshot, a fresh stored result, or a run that is stored whole while the page keeps its first rows. A
 * SQL error is a 200 with the error shown; "no follower" is a 503. {@code ?refresh=1} from the clip's owner runs
 * it again whatever is stored. Above the rows: the result's chart (its image URL, asked for once the table is on the
 * page, so it draws the stored result), or, for the owner, why there is none.
 */
final class ClipTableRoute {
    private final Clips clips;
    private final Serving serving;
    private final ClientWatch clientWatch;
    private final Pages pages;
    private final LinkHolderPages linkHolders;

    ClipTableRoute(Clips clips, Serving serving, ClientWatch clientWatch, Pages pages, LinkHolderPages linkHolders) {
        this.linkHolders = linkHolders;
        this.clips = clips;
        this.serving = serving;
        this.clientWatch = clientWatch;
        this.pages = pages;
    }

    void table(Context ctx, ClipRights rights) throws Exception {
        LinkHolderPages.Answer answer = linkHolders.answer(ctx);
        if (answer instanceof LinkHolderPages.Hit hit) {
            hit.send(ctx);
            return;
        }
        try (LinkHolderPages.Render render = (LinkHolderPages.Render) answer) {
            table(ctx, rights, render);
        }
    }

    private void table(Context ctx, ClipRights rights, LinkHolderPages.Render render) throws Exception {
        AskedClip asked = Asked.of(ctx, rights);
        Clip clip = asked.clip();
        boolean refresh = "1".equals(ctx.queryParam("refresh")) && rights.may(ClipAction.EDIT);
        if (refresh && !Csrf.fromOwnPages(ctx)) {
            throw new UserError(403, "csrf", "Run now runs the clip only when asked from its own page in Dataclips, and "
                    + "this request came from elsewhere; open the clip and click Run now");
        }
        Viewer viewer = Auth.viewer(ctx);
        try (AutoCloseable watch = clientWatch.watch(ctx, viewer::left);
             Outcome outcome = serving.serve(new Ask(asked, viewer, new Want.Current(refresh), "page"))) {
            Optional<ResultTable> shown = result(ctx, asked, rights.may(ClipAction.EDIT), outcome);
            if (shown.isPresent()) {
                ResultTable result = shown.get().withLagNoticeFor(clips.sourceOf(clip));
                result = rights.may(ClipAction.SEE_SQL) ? result : result.forLinkHolder();
                String html = pages.render(ctx, "clips/table", new ResultTable.Fragment(result));
                staleAt(clip, outcome, result)
                        .ifPresent(at -> render.keep(clip, html.getBytes(StandardCharsets.UTF_8), at));
            }
        } catch (UserError e) {
            Errors.retryAfter(ctx, e);
            ctx.status(e.status());
            pages.render(ctx, "clips/table", new ResultTable.Fragment(ResultTable.unavailable(e.getMessage())));
        } catch (IOException gone) {
            // the viewer went away: there is no one to render the table for
        }
    }

    /**
     * When a kept table stops being true: a fresh live result at its max age; a pinned or scheduled one has no such
     * time (null). A run this request led is kept only when it ran to the end, and never for a clip with max age 0,
     * whose every view runs it.
     */
    private static Optional<Instant> staleAt(Clip clip, Outcome outcome, ResultTable result) {
        if (!result.hasRows()) {
            return Optional.empty(); // an error or a cancelled run: the next viewer tries again
        }
        if (outcome instanceof Stored stored) {
            return Optional.of(stored.how() == Stored.How.STORED
                    ? stored.result().startedAt().toInstant().plusSeconds(clip.maxAgeSeconds()) : Instant.MAX);
        }
        return Optional.ofNullable(result.runStartedAt())
                .filter(started -> outcome instanceof Led && clip.maxAgeSeconds() > 0)
                .map(started -> started.plusSeconds(clip.maxAgeSeconds()));
    }

    /**
     * The table's result, with the chart above it (editor: told why there is none); empty when the viewer went away
     * during the run it led.
     */
    private static Optional<ResultTable> result(Context ctx, AskedClip asked, boolean editor, Outcome outcome)
            throws IOException {
        Clip clip = asked.clip();
        PageTable table = new PageTable();
        if (outcome instanceof Stored stored) {
            stored.replay(table);
            return Optional.of(charted(ctx, asked, editor, ChartViews.chartOf(clip, stored),
                    ResultTable.stored(table, stored.result(), stored.how().wire())));
        }
        if (outcome instanceof Led led) {
            Ran ran = led.run(new ProgressMarks(table, ctx), table::bytes);
            if (ran.viewerGone()) {
                return Optional.empty(); // stopped for them, or went on for others who joined it
            }
            return Optional.of(ran.ok() ? charted(ctx, asked, editor, clip.chart(), ResultTable.ran(table, ran.outcome()))
                    : ResultTable.failed(clip.sql(), ran.outcome()));
        }
        Results.SharedRunEnd end = ((Joined) outcome).stream(table);
        if (end.ending() != Results.SharedRunEnd.Ending.COMPLETE) {
            throw new UserError(503, "run_failed",
                    "the run this page shared stopped before its end; reload the page to run the clip again");
        }
        return Optional.of(charted(ctx, asked, editor, clip.chart(), ResultTable.shared(table, end)));
    }

    /** The chart of the table's result: its image once the table has stored it, or for the owner why there is none. */
    private static ResultTable charted(Context ctx, AskedClip asked, boolean editor, ChartSpec chart,
                                       ResultTable result) {
        return result.withChart(ChartViews.of(asked.clip().path(), ParameterForm.query(ctx, asked.parameters()), chart,
                result.table(), result.rowCount(), editor, "#chart-settings"));
    }
}
