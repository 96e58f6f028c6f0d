package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.schedules.ClipSchedule;
import dataclips.results.Results;
import dataclips.schedules.ScheduleChoice;
import dataclips.schedules.Schedules;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * A clip's snapshot schedule: GET/PUT/DELETE /api/v1/clips/{slug}/schedule (JSON) and the page's forms
 * (POST /clips/{slug}/schedule and /schedule/delete). Only the clip's owner or an admin sees or changes it.
 */
final class ScheduleRoutes {
    private final Clips clips;
    private final Schedules schedules;
    private final ScheduleViews views;

    /** PUT's body: {"every","minute"?,"at"?,"weekday"?,"day"?,"zone"?,"follow"?} or {"cron","zone"?,"follow"?}. */
    record ScheduleRequest(String every, JsonNode minute, String at, String weekday, JsonNode day, String cron,
                           String zone, Boolean follow) {
        ScheduleChoice choice() {
            return new ScheduleChoice(every, text("minute", minute), at, weekday, text("day", day), cron, zone);
        }

        private static String text(String field, JsonNode value) {
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode()) {
                throw new UserError(422, "bad_" + field, field + " must be a number or a string, not " + value);
            }
            return value.asText();
        }
    }

    ScheduleRoutes(Clips clips, Schedules schedules, Results results) {
        this.clips = clips;
        this.schedules = schedules;
        this.views = new ScheduleViews(schedules, results);
    }

    void register(Javalin app) {
        // Clip pages render the schedule panel through ScheduleViews.model(ctx, clip), which finds its views here.
        app.before("/clips/{slug}", ctx -> ctx.attribute(ScheduleViews.ATTRIBUTE, views));
        app.get("/api/v1/clips/{slug}/schedule", ctx -> {
            Clip clip = editable(ctx);
            ctx.json(views.of(clip, existing(clip), ctx));
        });
        app.put("/api/v1/clips/{slug}/schedule", ctx -> {
            Clip clip = editable(ctx);
            ScheduleRequest body = Json.body(ctx, ScheduleRequest.class);
            ClipSchedule saved = schedules.set(clip, Auth.requireUser(ctx), body.choice().parse(),
                    Boolean.TRUE.equals(body.follow()));
            ctx.json(views.of(clip, saved, ctx));
        });
        app.delete("/api/v1/clips/{slug}/schedule", ctx -> {
            Clip clip = editable(ctx);
            existing(clip);
            schedules.delete(clip);
            ctx.status(204);
        });
        app.post("/clips/{slug}/schedule", ctx -> {
            Clip clip = editable(ctx);
            ScheduleChoice typed = new ScheduleChoice(ctx.formParam("every"), ctx.formParam("minute"), ctx.formParam("at"),
                    ctx.formParam("weekday"), ctx.formParam("day"), ctx.formParam("cron"), ctx.formParam("zone"));
            schedules.set(clip, Auth.requireUser(ctx), typed.onlyWhatEveryUses().parse(), checked(ctx, "follow"));
            ctx.redirect(clip.path() + "?notice=scheduled");
        });
        app.post("/clips/{slug}/schedule/delete", ctx -> {
            Clip clip = editable(ctx);
            schedules.delete(clip);
            ctx.redirect(clip.path() + "?notice=unscheduled");
        });
    }

    private ClipSchedule existing(Clip clip) {
        return schedules.of(clip).orElseThrow(() -> UserError.notFound("a schedule for this clip"));
    }

    private Clip editable(Context ctx) {
        return clips.editable(ctx.pathParam("slug"), Optional.of(Auth.requireUser(ctx)));
    }

    private static boolean checked(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value != null && (value.equals("on") || value.equals("true"));
    }
}
