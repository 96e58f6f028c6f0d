package dataclips.web;

import dataclips.UserError;
import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.access.Level;
import dataclips.access.Policy;
import dataclips.access.SourceRights;
import dataclips.accounts.User;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.clips.Parameter;
import dataclips.clips.ParameterJson;
import dataclips.export.Column;
import dataclips.results.Results;
import dataclips.results.Storage;
import dataclips.results.StoredResult;
import dataclips.run.Catalog;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import dataclips.sources.FollowerHealth;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        newPage(ctx, user, Map.of("title", "", "description", "", "source", source, "sql", ""), null);
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
        pages.render(ctx, "clips/schema", schemaModel(source.source()));
    }

    /** The clip page; link holders get the one another link holder was sent in the last second, if any. */
    private void page(Context ctx, ClipRights rights) {
        LinkHolderPages.Answer answer = linkHolders.answer(ctx);
        if (answer instanceof LinkHolderPages.Hit hit) {
            anonymous.opened(ctx, hit.page().clipId(), "html", null);
            hit.send(ctx);
            return;
        }
        try (LinkHolderPages.Render render = (LinkHolderPages.Render) answer) {
            Clip clip = Asked.of(ctx, rights);
            anonymous.opened(ctx, clip, "html", null);
            String html = clipPage(ctx, rights, clip, Map.of());
            render.keep(clip, html.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    void create(Context ctx, User user) {
        Map<String, String> form = form(ctx, "title", "description", "source", "sql");
        try {
            Queryable.requireNamed(policy, sources, user, form.get("source"));
            Clip clip = clips.create(user, new Clips.Draft(form.get("title"), form.get("description"), form.get("source"),
                    form.get("sql")));
            ctx.redirect(clip.path());
        } catch (UserError e) {
            ctx.status(e.status());
            newPage(ctx, user, form, e.getMessage());
        }
    }

    void edit(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        User user = Auth.user(ctx).orElseThrow();
        Map<String, String> form = form(ctx, "title", "description", "sql", "max_age_seconds", "parameters");
        try {
            String declared = form.get("parameters").isBlank() ? "[]" : form.get("parameters");
            List<Parameter> parameters = ParameterJson.fromJson(declared);
            Queryable.requireChoicesOpen(policy, clips, user, parameters);
            clips.edit(clip, user, new Clips.Changes(Optional.of(form.get("title")),
                    Optional.of(form.get("description")), Optional.empty(), Optional.of(form.get("sql").replace("\r\n", "\n")),
                    Optional.of(maxAge(form.get("max_age_seconds"))), Optional.of(parameters)));
            ctx.redirect(clip.path() + "?notice=saved");
        } catch (UserError e) {
            ctx.status(e.status());
            clipPage(ctx, rights, clip, Map.of("editError", e.getMessage(), "form", form));
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
            clipPage(ctx, rights, clip, Map.of("chartError", e.getMessage()));
        }
    }

    /** clip: as asked, with the URL's parameter values (rights.clip() is as stored). */
    private String clipPage(Context ctx, ClipRights rights, Clip clip, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        boolean editor = rights.may(ClipAction.EDIT);
        model.put("clip", ClipViews.of(new ClipRights(clip, rights.standing(), rights.can()), ctx));
        model.put("signedIn", Auth.user(ctx).isPresent());
        model.put("updatedText", ClipViews.shown(clip.updatedAt()));
        model.putIfAbsent("form", Map.of("title", clip.title(), "description", clip.description(), "sql", clip.sql(),
                "max_age_seconds", Integer.toString(clip.maxAgeSeconds()),
                "parameters", clip.parameters().isEmpty() ? "" : ParameterJson.toJson(clip.parameters())));
        model.putAll(ParameterForm.model(ctx, clip, !rights.may(ClipAction.SEE_SQL)));
        Optional.ofNullable(ctx.queryParam("notice")).map(ClipPages::notice).ifPresent(n -> model.put("notice", n));
        boolean refresh = "1".equals(ctx.queryParam("refresh")) && editor;
        String values = ParameterForm.query(ctx, clip);
        model.put("tableSrc", clip.path() + "/table" + values + (refresh ? (values.isEmpty() ? "?" : "&") + "refresh=1" : ""));
        model.putAll(snapshotsModel(clip, ctx));
        Optional<List<Column>> columns = results.newestColumns(clip);
        model.putAll(chartModel(clip, values, columns, editor));
        if (editor) {
            model.putAll(ChartViews.form(clip.chart(), columns.orElse(List.of())));
            model.putAll(schemaModel(clips.sourceOf(clip)));
        }
        model.putAll(ScheduleViews.model(ctx, rights));
        model.putAll(MemberRoutes.panel(ctx, rights));
        model.putAll(SubscriptionPages.panel(ctx, rights));
        model.putAll(LinkRoutes.pageModel(clip, clips));
        boolean signedIn = Auth.user(ctx).isPresent();
        model.put("shareHelp", ShareHelp.panel(clip, ClipViews.base(ctx), values, clips.linkExpired(clip),
                signedIn ? (String) model.get("linkExpiresText") : null, rights.may(ClipAction.MANAGE)));
        return pages.render(ctx, "clips/page", model);
    }

    /** The chart the clip's URL draws: a pinned clip's is its snapshot's, drawn with the setting kept with it. */
    private Map<String, Object> chartModel(Clip clip, String values, Optional<List<Column>> newest, boolean owner) {
        if (clip.pinned().isPresent()) {
            StoredResult pinned = results.stored(clip, clip.pinned().get());
            return ChartViews.model(clip.path(), values, pinned.chart(), Optional.of(pinned.columns()), owner);
        }
        return ChartViews.model(clip.path(), values, clip.chart(), newest, owner);
    }

    /** The snapshot list (for signed-in viewers) and what the clip's stored results take. */
    private Map<String, Object> snapshotsModel(Clip clip, Context ctx) {
        if (Auth.user(ctx).isEmpty()) {
            return Map.of("snapshots", List.of());
        }
        List<StoredResult> taken = results.snapshots(clip);
        Map<Long, String> sizes = new HashMap<>();
        taken.forEach(s -> sizes.put(s.id(), FollowerHealth.humanBytes(s.byteSize())));
        Storage storage = results.storage(clip);
        return Map.of("snapshots", taken.stream().map(s -> SnapshotViews.of(clip, s, ctx)).toList(), "sizes", sizes,
                "storageText", "Stored results of this clip (live results and snapshots): " + storage.results() + ", "
                        + FollowerHealth.humanBytes(storage.bytes()) + ".");
    }

    private void newPage(Context ctx, User user, Map<String, String> form, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        List<String> names = queryableNames(user);
        model.put("sourceNames", names);
        if (error != null) {
            model.put("error", error);
        }
        sources.find(form.get("source")).filter(s -> names.contains(s.name())).ifPresent(s -> model.putAll(schemaModel(s)));
        pages.render(ctx, "clips/new", model);
    }

    /** The databases the user may write SQL on: the only ones a new clip may use. */
    private List<String> queryableNames(User user) {
        List<Source> all = sources.list();
        Map<Long, Level> level = policy.levels(user, all);
        return all.stream().filter(s -> level.get(s.id()) == Level.QUERY).map(Source::name).toList();
    }

    /** The follower's tables for the reference panel; a follower that is down leaves a note, not an error page. */
    private Map<String, Object> schemaModel(Source source) {
        try {
            return Map.of("schemaSource", source.name(), "tables", catalog.tables(source));
        } catch (UserError e) {
            return Map.of("schemaSource", source.name(), "tables", List.of(), "schemaError", e.getMessage());
        }
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

    private static String notice(String code) {
        return switch (code) {
            case "saved" -> "Saved.";
            case "chart" -> "Chart saved (as a new version; the results stay as they are).";
            case "rotated" -> "The clip has a new URL; every old link to it now answers 404. The link expiry, if any, stays.";
            case "expiry" -> "Link expiry updated.";
            case "shared" -> "Sharing updated.";
            case "restored" -> "The old version's SQL and chart are current again (as a new version).";
            case "forked" -> "This is your copy; change it as you like.";
            case "pinned" -> "Pinned: the clip's page and downloads now serve that snapshot, unchanged.";
            case "unpinned" -> "Unpinned: the clip shows its live result again.";
            case "snapshot-deleted" -> "Snapshot deleted.";
            default -> null;
        };
    }
}
