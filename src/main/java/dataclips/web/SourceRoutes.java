package dataclips.web;

import com.fasterxml.jackson.core.type.TypeReference;
import dataclips.UserError;
import dataclips.accounts.RunLog;
import dataclips.accounts.User;
import dataclips.sources.MaxLag;
import dataclips.sources.PostgresUrl;
import dataclips.sources.Sources;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registered databases: /api/v1/sources and the sources pages. Reading needs a user, changing needs an admin. */
final class SourceRoutes {
    /** The window of each follower's own count of recovery conflicts (run_conflicts_last_day). */
    private static final Duration CONFLICT_WINDOW = Duration.ofDays(1);
    private final Sources sources;
    private final RunLog runLog;
    private final Pages pages;

    /** max_lag_seconds is optional (default 300). */
    record RegisterRequest(String name, List<String> followers, String primary, Integer maxLagSeconds) {}

    SourceRoutes(Sources sources, RunLog runLog, Pages pages) {
        this.sources = sources;
        this.runLog = runLog;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/api/v1/sources", ctx -> {
            Auth.requireUser(ctx);
            ctx.json(SourceViews.all(sources, runConflicts()));
        });
        app.post("/api/v1/sources", ctx -> {
            User admin = Auth.requireAdmin(ctx);
            RegisterRequest body = Json.body(ctx, RegisterRequest.class);
            var registered = sources.registerWithWarnings(new Sources.Registration(body.name(), body.followers(),
                    Optional.ofNullable(body.primary()), Optional.ofNullable(body.maxLagSeconds())), admin.id());
            Map<String, Object> answer = Json.MAPPER.convertValue(SourceViews.of(registered.source(), sources, Map.of()),
                    new TypeReference<LinkedHashMap<String, Object>>() {});
            answer.put("warnings", registered.warnings());
            ctx.status(201).json(answer);
        });
        app.get("/api/v1/sources/{name}", ctx -> {
            Auth.requireUser(ctx);
            ctx.json(SourceViews.of(find(ctx.pathParam("name")), sources, runConflicts()));
        });
        app.delete("/api/v1/sources/{name}", ctx -> {
            Auth.requireAdmin(ctx);
            sources.delete(ctx.pathParam("name"));
            ctx.status(204);
        });
        app.get("/sources", ctx -> {
            User user = Auth.requireUser(ctx);
            Map<String, Object> model = new HashMap<>(Map.of("sources", SourceViews.all(sources, runConflicts())));
            Optional.ofNullable(ctx.queryParam("registered")).filter(name -> user.isAdmin()).ifPresent(name -> {
                model.put("registered", name);
                model.put("warnings", sources.warnings(name));
            });
            pages.render(ctx, "sources/list", model);
        });
        app.get("/sources/new", ctx -> {
            Auth.requireAdmin(ctx);
            pages.render(ctx, "sources/new", Map.of("name", "", "followers", "", "primary", "",
                    "maxLag", Integer.toString(Sources.DEFAULT_MAX_LAG_SECONDS)));
        });
        app.post("/sources", this::registerFromForm);
        app.post("/sources/{name}/delete", ctx -> {
            Auth.requireAdmin(ctx);
            sources.delete(ctx.pathParam("name"));
            ctx.redirect("/sources");
        });
    }

    private Map<Long, Integer> runConflicts() {
        return runLog.conflictsPerFollower(CONFLICT_WINDOW);
    }

    private dataclips.sources.Source find(String name) {
        return sources.find(name).orElseThrow(() -> UserError.notFound("the source " + name));
    }

    private void registerFromForm(Context ctx) {
        User admin = Auth.requireAdmin(ctx);
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
            Map<String, Object> model = new HashMap<>();
            model.put("name", name);
            model.put("followers", String.join("\n", followers.stream().map(PostgresUrl::redact).toList()));
            model.put("primary", PostgresUrl.redact(primary));
            model.put("maxLag", maxLag);
            model.put("error", e.getMessage());
            ctx.status(e.status());
            pages.render(ctx, "sources/new", model);
        }
    }
}
