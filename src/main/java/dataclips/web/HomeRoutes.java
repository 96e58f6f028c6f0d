package dataclips.web;

import dataclips.accounts.User;
import dataclips.clips.Clips;
import io.javalin.Javalin;
import java.util.Map;
import java.util.Optional;

/** The signed-in home page: my clips and the team's, newest first, searchable by title. */
final class HomeRoutes {
    private final Clips clips;
    private final Pages pages;

    HomeRoutes(Clips clips, Pages pages) {
        this.clips = clips;
        this.pages = pages;
    }

    void register(Javalin app) {
        app.get("/", ctx -> {
            User user = Auth.requireUser(ctx);
            String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
            pages.render(ctx, "home", Map.of("q", q,
                    "mine", ClipViews.all(clips.list(Optional.of(user.id()), q), ctx),
                    "team", ClipViews.all(clips.list(Optional.empty(), q), ctx)));
        });
    }
}
