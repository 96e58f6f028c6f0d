package dataclips.web;

import dataclips.ParameterProblem;
import dataclips.UserError;
import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.access.Level;
import dataclips.access.Policy;
import dataclips.access.SourceRights;
import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.AskedClip;
import dataclips.clips.Clip;
import dataclips.clips.ClipChanges;
import dataclips.clips.Clips;
import dataclips.parameters.Parameter;
import dataclips.results.Results;
import dataclips.run.Catalog;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The clip page, the new-clip page and the editor's form. */
final class ClipPages {
    private final Clips clips;
    private final Sources sources;
    private final Catalog catalog;
    private final Pages pages;
    private final ExportRoute exports;
    private final Results results;
    private final AnonymousTraffic anonymous;
    private final LinkHolderPages linkHolders;
    private final Policy policy;

    ClipPages(Clips clips, Sources sources, Catalog catalog, Pages pages, ExportRoute exports, Results results,
              AnonymousTraffic anonymous, LinkHolderPages linkHolders, Policy policy) {
        this.policy = policy;
        this.anonymous = anonymous;
        this.linkHolders = linkHolders;
        this.exports = exports;
        this.results = results;
        this.clips = clips;
        this.sources = sources;
        this.catalog = catalog;
        this.pages = pages;
    }

    void newPage(Context ctx, User user) {
        List<String> names = queryableNames(user);
        String source = Optional.ofNullable(ctx.queryParam("source")).filter(names::contains)
                .orElse(names.isEmpty() ? "" : names.get(0));
        newPage(ctx, user, Map.of("title", "", "description", "", "source", source, "sql", ""), List.of(), null);
    }

    /** One path segment serves both the page (/clips/{slug}) and its downloads (/clips/{slug}.csv …). */
    void pageOrDownload(Context ctx, ClipRights clip) throws Exception {
        if (ctx.pathParam("slug").contains(".")) {
            exports.serve(ctx, clip);
        } else {
            page(ctx, clip);
        }
    }

    void schemaPage(Context ctx, SourceRights source) {
        pages.render(ctx, "clips/schema", SchemaPanel.of(catalog, source.source()));
    }

    /**
     * The clip page; link holders get the one another link holder was sent in the last second, if any. A value the
     * URL gives a parameter that is refused is the same page (422): its parameter form, the message beside the field.
     */
    private void page(Context ctx, ClipRights rights) {
        LinkHolderPages.Answer answer = linkHolders.answer(ctx);
        if (answer instanceof LinkHolderPages.Hit hit) {
            anonymous.opened(ctx, hit.page().clipId(), "html", null);
            hit.send(ctx);
            return;
        }
        try (LinkHolderPages.Render render = (LinkHolderPages.Render) answer) {
            anonymous.opened(ctx, rights.clip(), "html", null);
            AskedClip asked;
            try {
                asked = Asked.of(ctx, rights);
            } catch (ParameterProblem problem) {
                ctx.status(problem.status());
                clipPage(ctx, rights, Optional.empty(), Optional.of(problem), UnaryOperator.identity());
                return;
            }
            String html = clipPage(ctx, rights, Optional.of(asked), Optional.empty(), UnaryOperator.identity());
            render.keep(rights.clip(), html.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    void create(Context ctx, User user) {
        Map<String, String> form = form(ctx, "title", "description", "source", "sql");
        String sql = form.get("sql").replace("\r\n", "\n");
        List<ParameterRows.Row> posted = ParameterRows.posted(ctx);
        List<ParameterRows.Row> rows = ParameterRows.forSql(posted, sql);
        try {
            Queryable.requireNamed(policy, sources, user, form.get("source"));
            requireRows(posted, sql);
            List<Parameter> declared = ParameterRows.declarations(rows);
            ChoicesAccess.requireDeclarable(policy, clips, user, declared, user.id(), Access.LINK); // a new clip is a link clip
            Clip clip = clips.create(user, new Clips.Draft(form.get("title"), form.get("description"), form.get("source"),
                    sql, declared));
            ctx.redirect(clip.path());
        } catch (UserError e) {
            ctx.status(e.status());
            newPage(ctx, user, form, rows, e.getMessage());
        }
    }

    void edit(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        User user = Auth.user(ctx).orElseThrow();
        Map<String, String> form = form(ctx, "title", "description", "sql", "max_age_seconds");
        String sql = form.get("sql").replace("\r\n", "\n");
        List<ParameterRows.Row> posted = ParameterRows.posted(ctx);
        List<ParameterRows.Row> rows = ParameterRows.forSql(posted, sql);
        try {
            requireRows(posted, sql);
            List<Parameter> declared = ParameterRows.declarations(rows);
            ChoicesAccess.requireDeclarable(policy, clips, user, declared, clip.ownerId(), clip.access());
            clips.edit(clip, user, ClipChanges.none().title(form.get("title")).description(form.get("description"))
                    .sql(sql).maxAgeSeconds(maxAge(form.get("max_age_seconds"))).parameters(declared));
            ctx.redirect(clip.path() + "?notice=saved");
        } catch (UserError e) {
            ctx.status(e.status());
            clipPage(ctx, rights, Optional.empty(), Optional.empty(), saved -> saved.refused(form, rows, e.getMessage()));
        }
    }

    /** A {{name}} the SQL uses with no row yet (typed without JavaScript): the form comes back with its row to fill. */
    private static void requireRows(List<ParameterRows.Row> posted, String sql) {
        List<String> unanswered = ParameterRows.unanswered(posted, sql);
        if (!unanswered.isEmpty()) {
            throw new UserError(422, "new_parameters", "The SQL uses " + unanswered.stream().map(n -> "{{" + n + "}}")
                    .collect(java.util.stream.Collectors.joining(", ")) + ": choose "
                    + (unanswered.size() == 1 ? "its type" : "their types") + " under Parameters (and a default, for the "
                    + "clip to run without a value in its URL), then save again.");
        }
    }

    /** The chart settings form: a new version with the same SQL; a setting that does not fit is shown with why. */
    void chart(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        try {
            clips.setChart(clip, Auth.user(ctx).orElseThrow(), ChartSettings.fromForm(ctx.formParamMap()),
                    results.newestColumns(clip));
            ctx.redirect(clip.path() + "?notice=chart");
        } catch (UserError e) {
            ctx.status(e.status());
            clipPage(ctx, rights, Optional.empty(), Optional.empty(), saved -> saved.chartRefused(e.getMessage()));
        }
    }

    /**
     * asked: the clip with the URL's checked parameter values (empty when a form came back or a value was refused).
     * Editors get the Edit section (the clip as saved, and the schema), which cameBack turns into the form that came
     * back refused.
     */
    private String clipPage(Context ctx, ClipRights rights, Optional<AskedClip> asked,
                            Optional<ParameterProblem> problem, UnaryOperator<EditSection> cameBack) {
        Clip clip = rights.clip();
        Optional<EditSection> edit = Optional.of(rights).filter(r -> r.may(ClipAction.EDIT)).map(r -> cameBack.apply(
                EditSection.saved(clip, results.newestColumns(clip), SchemaPanel.of(catalog, clips.sourceOf(clip)))));
        return pages.render(ctx, "clips/page", ClipPageModel.of(ctx, rights, asked, clips, results, problem, edit));
    }

    /**
     * templates/clips/new.html: the schema panel once a database the user may query is chosen. anyDatabase tells a user
     * who may query none whether there is none at all or none for them.
     */
    record NewClipPage(Map<String, String> form, List<ParameterRows.Row> rows, ParameterRows.Template rowTemplate,
                       List<String> sourceNames, boolean anyDatabase, String error, SchemaPanel schema) {}

    private void newPage(Context ctx, User user, Map<String, String> form, List<ParameterRows.Row> rows, String error) {
        List<String> names = queryableNames(user);
        pages.render(ctx, "clips/new", new NewClipPage(form, rows, ParameterRows.Template.ROWS, names,
                !sources.list().isEmpty(), error, sources.find(form.get("source")).filter(s -> names.contains(s.name()))
                        .map(s -> SchemaPanel.of(catalog, s)).orElse(null)));
    }

    /** The databases the user may write SQL on: the only ones a new clip may use. */
    private List<String> queryableNames(User user) {
        List<Source> all = sources.list();
        Map<Long, Level> level = policy.levels(user, all);
        return all.stream().filter(s -> level.get(s.id()) == Level.QUERY).map(Source::name).toList();
    }

    private static Map<String, String> form(Context ctx, String... names) {
        Map<String, String> form = new HashMap<>();
        for (String name : names) {
            form.put(name, Optional.ofNullable(ctx.formParam(name)).orElse(""));
        }
        return form;
    }

    private static int maxAge(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UserError(422, "bad_max_age", "max age must be a whole number of seconds, not '" + text + "'");
        }
    }
}
