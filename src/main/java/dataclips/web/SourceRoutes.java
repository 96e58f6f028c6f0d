package dataclips.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import dataclips.access.Policy;
import dataclips.access.Level;
import dataclips.access.SourceLevels;
import dataclips.access.SourceRights;
import dataclips.accounts.RunLog;
import dataclips.accounts.User;
import dataclips.clips.Clips;
import dataclips.sources.MaxLag;
import dataclips.sources.PostgresUrl;
import dataclips.sources.Source;
import dataclips.sources.Sources;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registered databases: /api/v1/sources and the Databases pages. Lists hold the databases the caller may view; admins
 * register and remove them, with their levels (everyone's and teams', {@link SourceLevelRoutes}).
 */
final class SourceRoutes {
    /** The window of each follower's own count of recovery conflicts (run_conflicts_last_day). */
    private static final Duration CONFLICT_WINDOW = Duration.ofDays(1);
    private final Sources sources;
    private final RunLog runLog;
    private final Policy policy;
    private final SourceLevelRoutes levels;
    private final Clips clips;
    private final Pages pages;

    /** max_lag_seconds is optional (default 300); access too (default: everyone query). */
    record RegisterRequest(String name, List<String> followers, String primary, Integer maxLagSeconds, JsonNode access) {}

    /** clips: how many use each database, so the page offers no Remove that would be refused. */
    SourceRoutes(Sources sources, RunLog runLog, Policy policy, SourceLevelRoutes levels, Clips clips, Pages pages) {
        this.sources = sources;
        this.runLog = runLog;
        this.policy = policy;
        this.levels = levels;
        this.clips = clips;
        this.pages = pages;
    }

    void list(Context ctx, User user) {
        ctx.json(views(user));
    }

    void register(Context ctx, User admin) {
        RegisterRequest body = Json.body(ctx, RegisterRequest.class);
        Optional<SourceLevels.Grants> grants = Optional.ofNullable(body.access()).filter(a -> !a.isNull())
                .map(levels::grants); // checked before anything is registered: a refused level registers nothing
        var registered = sources.registerWithWarnings(new Sources.Registration(body.name(), body.followers(),
                Optional.ofNullable(body.primary()), Optional.ofNullable(body.maxLagSeconds())), admin.id());
        grants.ifPresent(g -> levels.set(registered.source(), g, admin));
        Map<String, Object> answer = Json.MAPPER.convertValue(SourceViews.of(registered.source(), sources, Level.QUERY, Map.of()),
                new TypeReference<LinkedHashMap<String, Object>>() {});
        answer.put("warnings", registered.warnings());
        ctx.status(201).json(answer);
    }

    void one(Context ctx, SourceRights source) {
        ctx.json(SourceViews.of(source.source(), sources, source.level(), runConflicts()));
    }

    void delete(Context ctx, SourceRights source) {
        sources.delete(source.source().name());
        ctx.status(204);
    }

    void page(Context ctx, User user) {
        // Only admins remove databases, and only they may count every clip on one (restricted ones too).
        Optional<String> registered = Optional.ofNullable(ctx.queryParam("registered")).filter(name -> user.isAdmin());
        pages.render(ctx, "sources/list", new SourcesPage(views(user),
                user.isAdmin() ? clips.countsBySource() : Map.of(), registered.orElse(null),
                registered.map(sources::warnings).orElse(null), user.isAdmin() ? levels.panel(sources.list()) : null,
                "levels".equals(ctx.queryParam("notice")) ? "Levels saved." : null));
    }

    /**
     * templates/sources/list.html: clipCounts (admins only), registered and its warnings (after a registration with
     * something to fix), levels (admins only).
     */
    record SourcesPage(List<SourceViews.SourceView> sources, Map<String, Integer> clipCounts, String registered,
                       List<String> warnings, SourceLevelRoutes.LevelsPanel levels, String notice) {}

    /** templates/sources/new.html: the form as typed (passwords taken out) and why it was refused. */
    record NewSourcePage(String name, String followers, String primary, String maxLag, String error) {}

    void newPage(Context ctx, User admin) {
        pages.render(ctx, "sources/new", new NewSourcePage("", "", "", Integer.toString(Sources.DEFAULT_MAX_LAG_SECONDS),
                null));
    }

    void deleteFromPage(Context ctx, SourceRights source) {
        sources.delete(source.source().name());
        ctx.redirect("/sources");
    }

    void registerFromPage(Context ctx, User admin) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
        String followerText = Optional.ofNullable(ctx.formParam("followers")).orElse("");
        String primary = Optional.ofNullable(ctx.formParam("primary")).orElse("");
        String maxLag = Optional.ofNullable(ctx.formParam("max_lag_seconds")).orElse("");
        List<String> followers = Arrays.stream(followerText.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            var registered = sources.registerWithWarnings(new Sources.Registration(name, followers, Optional.of(primary),
                    MaxLag.parse(maxLag)), admin.id());
            // Registered, with something the admin should fix: the Databases page checks again and shows it on top.
            ctx.redirect(registered.warnings().isEmpty() ? "/sources" : "/sources?registered=" + registered.source().name());
        } catch (UserError e) {
            // Echo the form without passwords: credentials are never sent back, not even to the admin who typed them.
            ctx.status(e.status());
            pages.render(ctx, "sources/new", new NewSourcePage(name, String.join("\n",
                    followers.stream().map(PostgresUrl::redact).toList()), PostgresUrl.redact(primary), maxLag,
                    e.getMessage()));
        }
    }

    /** The databases the user may view, each with the user's level on it. */
    private List<SourceViews.SourceView> views(User user) {
        List<Source> all = sources.list();
        Map<Long, Level> level = policy.levels(user, all);
        Map<Long, Integer> conflicts = runConflicts();
        return all.stream().filter(s -> level.get(s.id()).atLeast(Level.VIEW))
                .map(s -> SourceViews.of(s, sources, level.get(s.id()), conflicts)).toList();
    }

    private Map<Long, Integer> runConflicts() {
        return runLog.conflictsPerFollower(CONFLICT_WINDOW);
    }
}
