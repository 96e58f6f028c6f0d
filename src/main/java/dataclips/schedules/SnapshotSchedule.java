package dataclips.schedules;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a clip takes its scheduled snapshots: hourly at a minute, daily at a time, weekly on a weekday at a
 * time, monthly on a day (1 to 28, or the last day) at a time, or a five-field cron expression; always in
 * a time zone. Valid by construction: {@link ScheduleChoice} turns what a user typed into one.
 */
public record SnapshotSchedule(Every every, int minute, int hour, Optional<DayOfWeek> weekday, int monthDay,
                               Optional<String> cron, ZoneId zone) {
    /** monthDay for "the month's last day" (28 to 31 depending on the month). */
    public static final int LAST_DAY = -1;

    public enum Every {
        HOURLY, DAILY, WEEKLY, MONTHLY, CRON;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Every> parse(String wire) {
            for (Every every : values()) {
                if (every.wire().equals(wire)) {
                    return Optional.of(every);
                }
            }
            return Optional.empty();
        }
    }

    /** The first due time strictly after the given instant. */
    public Instant nextAfter(Instant after) {
        if (every == Every.CRON) {
            return cronSchedule(cron.orElseThrow(), zone).getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
        }
        ZonedDateTime now = after.atZone(zone);
        if (every == Every.HOURLY) {
            ZonedDateTime candidate = now.truncatedTo(ChronoUnit.HOURS).withMinute(minute);
            return candidate.toInstant().isAfter(after) ? candidate.toInstant() : candidate.plusHours(1).toInstant();
        }
        // At most 62 days to look at (a monthly schedule seen just after this month's due time).
        for (LocalDate day = now.toLocalDate(); ; day = day.plusDays(1)) {
            if (dueOn(day)) {
                // A time skipped by a daylight-saving change runs just after the gap, the way java.time resolves it.
                Instant candidate = ZonedDateTime.of(day, LocalTime.of(hour, minute), zone).toInstant();
                if (candidate.isAfter(after)) {
                    return candidate;
                }
            }
        }
    }

    /** The next due times after the given instant, soonest first. */
    public List<Instant> next(Instant after, int count) {
        List<Instant> times = new ArrayList<>();
        Instant t = after;
        for (int i = 0; i < count; i++) {
            t = nextAfter(t);
            times.add(t);
        }
        return times;
    }

    /** In words, for the page: "every Monday at 06:00 (Europe/Oslo)". */
    public String describe() {
        String where = " (" + zone.getId() + ")";
        return switch (every) {
            case HOURLY -> "every hour at minute " + minute + where;
            case DAILY -> "every day at " + at() + where;
            case WEEKLY -> "every " + weekday.orElseThrow().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " at " + at()
                    + where;
            case MONTHLY -> (monthDay == LAST_DAY ? "on the last day" : "on day " + monthDay) + " of every month at " + at()
                    + where;
            case CRON -> "by the cron expression \u201c" + cron.orElseThrow() + "\u201d" + where;
        };
    }

    /** The time of day as HH:MM, for daily, weekly and monthly schedules. */
    public String at() {
        return String.format("%02d:%02d", hour, minute);
    }

    private boolean dueOn(LocalDate day) {
        return switch (every) {
            case DAILY -> true;
            case WEEKLY -> day.getDayOfWeek() == weekday.orElseThrow();
            case MONTHLY -> day.getDayOfMonth() == (monthDay == LAST_DAY ? day.lengthOfMonth() : monthDay);
            default -> throw new IllegalStateException(every + " is not a daily-based schedule");
        };
    }

    /** db-scheduler's cron support (UNIX style: minute hour day-of-month month day-of-week). */
    static CronSchedule cronSchedule(String expression, ZoneId zone) {
        return new CronSchedule(expression, zone, CronStyle.UNIX);
    }

    /** What db-scheduler answers for a cron expression that never comes due (e.g. 30 February). */
    static boolean never(Instant due) {
        return !due.isBefore(Schedule.NEVER);
    }
}
