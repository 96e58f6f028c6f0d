package dataclips.web;

import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.clips.Clip;
import dataclips.schedules.ClipSchedule;
import dataclips.results.ResultKind;
import dataclips.results.Results;
import dataclips.schedules.Schedules;
import dataclips.schedules.SnapshotSchedule;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the API and the clip page's schedule panel (templates/clips/schedule.html) show of a clip's schedule. */
final class ScheduleViews {
    /** The request attribute ScheduleRoutes sets on clip pages, so the page needs no new constructor argument. */
    static final String ATTRIBUTE = "dataclips.scheduleViews";
    private static final int NEXT_RUNS = 3;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private final Schedules schedules;
    private final Results results;

    /**
     * The API's answer; day is a number or "last", minute only for hourly, at (HH:MM) for the daily-based
     * kinds; newestSnapshot is null until the schedule has taken one.
     */
    record ScheduleView(String every, Integer minute, String at, String weekday, Object day, String cron, String zone,
                        boolean follow, String description, List<OffsetDateTime> nextRuns, OffsetDateTime updatedAt,
                        SnapshotView newestSnapshot) {}

    record SnapshotView(long id, Integer number, String url, OffsetDateTime capturedAt, String label, long rowCount) {}

    ScheduleViews(Schedules schedules, Results results) {
        this.schedules = schedules;
        this.results = results;
    }

    ScheduleView of(Clip clip, ClipSchedule saved, Context ctx) {
        SnapshotSchedule s = saved.schedule();
        boolean timed = s.every() != SnapshotSchedule.Every.HOURLY && s.every() != SnapshotSchedule.Every.CRON;
        Object day = s.every() != SnapshotSchedule.Every.MONTHLY ? null
                : s.monthDay() == SnapshotSchedule.LAST_DAY ? "last" : s.monthDay();
        List<OffsetDateTime> next = schedules.nextRuns(saved, NEXT_RUNS).stream()
                .map(t -> t.atZone(s.zone()).toOffsetDateTime()).toList();
        SnapshotView newest = results.newest(clip, ResultKind.SCHEDULED).map(r -> new SnapshotView(r.id(), r.number(),
                ClipViews.base(ctx) + clip.path() + "/snapshots/" + r.id(), r.startedAt(), r.label(), r.rowCount()))
                .orElse(null);
        return new ScheduleView(s.every().wire(), s.every() == SnapshotSchedule.Every.HOURLY ? s.minute() : null,
                timed ? s.at() : null, s.weekday().map(d -> d.name().toLowerCase(Locale.ROOT)).orElse(null), day,
                s.cron().orElse(null), s.zone().getId(), saved.follow(), s.describe(), next, saved.updatedAt(), newest);
    }

    /**
     * The schedule panel of the clip page's History (templates/clips/schedule.html): schedule (or null),
     * scheduleNextRuns and scheduleNewest (texts), scheduleEditable, scheduleForm (the form's values) and
     * scheduleNotice (after a change, or null).
     */
    record Panel(ScheduleView schedule, List<String> scheduleNextRuns, String scheduleNewest, boolean scheduleEditable,
                 Map<String, String> scheduleForm, String scheduleNotice) implements Pages.Section {}

    static Panel panel(Context ctx, ClipRights rights) {
        Clip clip = rights.clip();
        ScheduleViews views = ctx.attribute(ATTRIBUTE);
        Optional<ClipSchedule> saved = views == null ? Optional.empty() : views.schedules.of(clip);
        Optional<ScheduleView> view = saved.map(s -> views.of(clip, s, ctx));
        return new Panel(view.orElse(null), saved.map(s -> views.schedules.nextRuns(s, NEXT_RUNS).stream()
                .map(t -> shown(t, s)).toList()).orElse(List.of()),
                view.map(ScheduleView::newestSnapshot).map(n -> "snapshot " + n.number() + ", taken "
                        + ClipViews.shown(n.capturedAt()) + (n.label() == null ? "" : " (" + n.label() + ")")).orElse(null),
                rights.may(ClipAction.EDIT), form(view),
                switch (Optional.ofNullable(ctx.queryParam("notice")).orElse("")) {
                    case "scheduled" -> "Schedule saved.";
                    case "unscheduled" -> "Schedule removed: no more scheduled snapshots (the ones taken are kept).";
                    default -> null;
                });
    }

    private static Map<String, String> form(Optional<ScheduleView> view) {
        Map<String, String> form = new HashMap<>(Map.of("every", "daily", "minute", "0", "at", "06:00", "weekday", "monday",
                "day", "1", "cron", "", "zone", "UTC", "follow", "false"));
        view.ifPresent(v -> {
            form.put("every", v.every());
            Optional.ofNullable(v.minute()).ifPresent(m -> form.put("minute", m.toString()));
            Optional.ofNullable(v.at()).ifPresent(a -> form.put("at", a));
            Optional.ofNullable(v.weekday()).ifPresent(w -> form.put("weekday", w));
            Optional.ofNullable(v.day()).ifPresent(d -> form.put("day", d.toString()));
            form.put("cron", v.cron() == null ? "" : v.cron());
            form.put("zone", v.zone());
            form.put("follow", Boolean.toString(v.follow()));
        });
        return form;
    }

    private static String shown(Instant time, ClipSchedule saved) {
        return SHOWN.format(time.atZone(saved.schedule().zone())) + " " + saved.schedule().zone().getId();
    }
}
