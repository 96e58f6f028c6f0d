package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import dataclips.access.SourceRights;
import dataclips.accounts.User;
import dataclips.export.JsonWriter;
import dataclips.export.PageTable;
import dataclips.export.ResultWriter;
import dataclips.run.Cancellation;
import dataclips.run.RunOutcome;
import dataclips.run.SqlProblem;
import dataclips.serving.Previews;
import dataclips.sources.Source;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Draft runs of the editor's SQL, nothing saved ({@link Previews}): {@code POST /api/v1/sources/{name}/preview}
 * answers the first rows in the JSON export's shape, streamed; {@code POST /sources/{name}/preview} (the editor's
 * form fields sql and limit) answers the clip page's results fragment. Closing the request cancels the query on the
 * follower at once. A SQL error is a 422 with the database's message and position (the fragment shows it as the clip
 * page does); a refused statement is the clip path's own refusal.
 */
final class PreviewRoutes {
    private final Previews previews;
    private final ClientWatch clientWatch;
    private final Pages pages;
    private final PreviewLimits limits;

    /** limit: a whole number of rows; JSON null or absent takes the default. */
    record PreviewRequest(String sql, JsonNode limit) {}

    PreviewRoutes(Previews previews, ClientWatch clientWatch, Pages pages, PreviewLimits limits) {
        this.limits = limits;
        this.previews = previews;
        this.clientWatch = clientWatch;
        this.pages = pages;
    }

    void api(Context ctx, SourceRights rights) throws Exception {
        User user = Auth.user(ctx).orElseThrow();
        Source source = rights.source();
        PreviewRequest body = Json.body(ctx, PreviewRequest.class);
        Previews.Draft draft = new Previews.Draft(source, required(body.sql()), limit(body.limit()));
        ResponseStreams.Counting out = new ResponseStreams.Counting(ctx.res().getOutputStream());
        ctx.contentType("application/json; charset=utf-8");
        ResultWriter writer = new JsonWriter(out);
        RunOutcome outcome = run(ctx, draft, user, writer, out::count);
        if (outcome.ok()) {
            out.flush();
            return;
        }
        writer.abort();
        if (outcome.problem().isPresent() && !ctx.res().isCommitted()) {
            ctx.res().reset();
            SecurityHeaders.apply(ctx);
            ctx.status(422).json(Map.of("error", sqlError(outcome.problem().get())));
            return;
        }
        ExportStream.failed(ctx, new UserError(outcome.problem().isPresent() ? 422 : 409,
                outcome.problem().isPresent() ? "sql_error" : "cancelled", outcome.problem().map(SqlProblem::message)
                .orElse("the preview was cancelled: " + outcome.cancelled().orElse(""))));
    }

    void fragment(Context ctx, SourceRights rights) throws Exception {
        User user = Auth.user(ctx).orElseThrow();
        Source source = rights.source();
        String sql = required(ctx.formParam("sql"));
        Optional<Integer> limit = Optional.ofNullable(ctx.formParam("limit")).filter(l -> !l.isBlank()).map(PreviewRoutes::number);
        Previews.Draft draft = new Previews.Draft(source, sql, limit);
        PageTable table = new PageTable(limit.orElse(Previews.DEFAULT_LIMIT));
        try {
            RunOutcome outcome = run(ctx, draft, user, new ProgressMarks(table, ctx), table::bytes);
            ResultTable result = outcome.ok() ? ResultTable.ran(table, outcome) : ResultTable.failed(sql, outcome);
            pages.render(ctx, "clips/table", new ResultTable.Fragment(result.withLagNoticeFor(source)));
        } catch (UserError e) {
            Errors.retryAfter(ctx, e);
            ctx.status(e.status());
            pages.render(ctx, "clips/table", new ResultTable.Fragment(ResultTable.unavailable(e.getMessage())));
        }
    }

    private RunOutcome run(Context ctx, Previews.Draft draft, User user, ResultWriter writer,
                           LongSupplier bytes) throws Exception {
        limits.take(user);
        Cancellation cancel = new Cancellation();
        try (AutoCloseable watch = clientWatch.watch(ctx, () -> {
            cancel.cancel("the viewer went away");
            return true;
        })) {
            return previews.run(draft, Auth.viewer(ctx), writer, cancel, bytes);
        }
    }

    private static String required(String sql) {
        if (sql == null) {
            throw new UserError(422, "empty_sql", "send the SQL to preview in the field sql");
        }
        return sql;
    }

    /** The API's limit: a JSON whole number ("100" and 1.5 are refused, not read as 100 and 1). */
    private static Optional<Integer> limit(JsonNode limit) {
        if (limit == null || limit.isNull()) {
            return Optional.empty();
        }
        if (limit.isIntegralNumber() && limit.canConvertToInt()) {
            return Optional.of(limit.intValue());
        }
        throw new UserError(422, "bad_limit", "a preview's limit must be a whole number of rows from 1 to "
                + Previews.MAX_LIMIT + ", written as a JSON number such as 100 (not a string or a fraction); not "
                + UserError.quoted(limit.toString()));
    }

    private static int number(String limit) {
        try {
            return Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw new UserError(422, "bad_limit", "a preview's limit must be a whole number of rows, not \"" + limit + "\"");
        }
    }

    /** The error shape with the database's own fields; position is 1-based in the SQL sent, 0 when it gave none. */
    static Map<String, Object> sqlError(SqlProblem problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "sql_error");
        error.put("message", "the SQL failed: " + problem.message());
        error.put("position", problem.position());
        problem.detailText().ifPresent(detail -> error.put("detail", detail));
        Optional.ofNullable(problem.hint()).ifPresent(hint -> error.put("hint", hint));
        error.put("sql_state", problem.sqlState());
        return error;
    }
}
