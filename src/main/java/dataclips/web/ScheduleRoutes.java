package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import dataclips.access.ClipRights;
import dataclips.clips.Clip;
import dataclips.schedules.ClipSchedule;
import dataclips.results.Results;
import dataclips.schedules.ScheduleChoice;
import dataclips.schedules.Schedules;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * A clip's snapshot schedule: GET/PUT/DELETE /api/v1/clips/{slug}/schedule (JSON) and the page's forms
 * (POST /clips/{slug}/schedule and /schedule/delete). Whoever may open the clip reads it; its editors change it.
 */
final class ScheduleRoutes {
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

    ScheduleRoutes(Schedules schedules, Results results) {
        this.schedules = schedules;
        this.views = new ScheduleViews(schedules, results);
    }

    /** Clip pages render the schedule panel through ScheduleViews.panel(ctx, rights), which finds its views here. */
    void attach(Javalin app) {
        app.before("/clips/{slug}", ctx -> ctx.attribute(ScheduleViews.ATTRIBUTE, views));
    }

    /** The schedule's times are for whoever may open the clip (view members too). */
    void get(Context ctx, ClipRights clip) {
        ctx.json(views.of(clip.clip(), existing(clip.clip()), ctx));
    }

    void put(Context ctx, ClipRights clip) {
        ScheduleRequest body = Json.body(ctx, ScheduleRequest.class);
        ClipSchedule saved = schedules.set(clip.clip(), Auth.user(ctx).orElseThrow(), body.choice().parse(),
                Boolean.TRUE.equals(body.follow()));
        ctx.json(views.of(clip.clip(), saved, ctx));
    }

    void delete(Context ctx, ClipRights clip) {
        existing(clip.clip());
        schedules.delete(clip.clip());
        ctx.status(204);
    }

    void saveFromPage(Context ctx, ClipRights clip) {
        ScheduleChoice typed = new ScheduleChoice(ctx.formParam("every"), ctx.formParam("minute"), ctx.formParam("at"),
                ctx.formParam("weekday"), ctx.formParam("day"), ctx.formParam("cron"), ctx.formParam("zone"));
        schedules.set(clip.clip(), Auth.user(ctx).orElseThrow(), typed.onlyWhatEveryUses().parse(), checked(ctx, "follow"));
        ctx.redirect(clip.clip().path() + "?notice=scheduled");
    }

    void deleteFromPage(Context ctx, ClipRights clip) {
        schedules.delete(clip.clip());
        ctx.redirect(clip.clip().path() + "?notice=unscheduled");
    }

    private ClipSchedule existing(Clip clip) {
        return schedules.of(clip).orElseThrow(() -> UserError.notFound("a schedule for this clip"));
    }

    private static boolean checked(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value != null && (value.equals("on") || value.equals("true"));
    }
}
