package dataclips.web;

import dataclips.sources.Sources;
import io.javalin.Javalin;
import java.util.Map;

/** The signed-in home page: what the team can query and how healthy it is. */
final class HomeRoutes {
    private final Sources sources;
    private final Pages pages;

    HomeRoutes(Sources sources, Pages pages) {
        this.sources = sources;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/", ctx -> {
            Auth.requireUser(ctx);
            pages.render(ctx, "home", Map.of("sources", SourceViews.all(sources)));
        });
    }
}
