package dataclips.schedules;

import dataclips.UserError;
import dataclips.schedules.SnapshotSchedule.Every;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule as the user typed it (API body or page form; null or blank means not given), checked into a
 * {@link SnapshotSchedule}. Every refusal is a 422 that says what is wrong and what is accepted.
 */
public record ScheduleChoice(String every, String minute, String at, String weekday, String day, String cron,
                             String zone) {
    /** Each run stores a snapshot kept until deleted: a cron expression may not fire more often than this. */
    static final Duration SHORTEST_GAP = Duration.ofMinutes(15);
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final String EVERY_ACCEPTED = "every must be hourly, daily, weekly or monthly; or give a cron "
            + "expression instead (five fields: minute hour day-of-month month day-of-week, e.g. \"0 6 1 * *\")";

    public SnapshotSchedule parse() {
        ZoneId zoneId = zoneId();
        Optional<String> cronText = given(cron);
        Optional<Every> kind = given(every).map(e -> Every.parse(e.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> bad("bad_every", "unknown every \"" + e + "\": " + EVERY_ACCEPTED)));
        if (kind.isEmpty() && cronText.isEmpty()) {
            throw bad("no_schedule", "say when to take snapshots: " + EVERY_ACCEPTED);
        }
        if (cronText.isPresent() && kind.filter(k -> k != Every.CRON).isPresent()) {
            throw bad("both_every_and_cron", "give either every (" + every + ") or a cron expression, not both");
        }
        Every chosen = kind.orElse(Every.CRON);
        if (chosen != Every.HOURLY) {
            unused("minute", minute, "hourly schedules (the others take at, as HH:MM)");
        }
        if (chosen == Every.HOURLY || chosen == Every.CRON) {
            unused("at", at, "daily, weekly and monthly schedules");
        }
        if (chosen != Every.WEEKLY) {
            unused("weekday", weekday, "weekly schedules");
        }
        if (chosen != Every.MONTHLY) {
            unused("day", day, "monthly schedules");
        }
        return switch (chosen) {
            case HOURLY -> new SnapshotSchedule(chosen, minuteOfHour(), 0, Optional.empty(), 0, Optional.empty(), zoneId);
            case DAILY, WEEKLY, MONTHLY -> timed(chosen, zoneId);
            case CRON -> cron(cronText.orElseThrow(() -> bad("no_cron", "every is cron, so give the cron expression "
                    + "(five fields: minute hour day-of-month month day-of-week, e.g. \"0 6 1 * *\")")), zoneId);
        };
    }

    /** The page form sends every field; only the ones the chosen kind uses count there. */
    public ScheduleChoice onlyWhatEveryUses() {
        String kind = given(every).orElse("").toLowerCase(Locale.ROOT);
        boolean timed = List.of("daily", "weekly", "monthly").contains(kind);
        return new ScheduleChoice(every, kind.equals("hourly") ? minute : null, timed ? at : null,
                kind.equals("weekly") ? weekday : null, kind.equals("monthly") ? day : null,
                kind.equals("cron") ? cron : null, zone);
    }

    private SnapshotSchedule timed(Every chosen, ZoneId zoneId) {
        Matcher time = TIME.matcher(given(at).orElseThrow(() -> bad("no_time", chosen.wire()
                + " schedules need at, the time of day as HH:MM (24-hour, e.g. \"06:00\")")));
        if (!time.matches()) {
            throw bad("bad_time", "at \"" + at + "\" is not a time of day: use HH:MM from 00:00 to 23:59 (e.g. \"06:00\")");
        }
        int h = Integer.parseInt(time.group(1));
        int m = Integer.parseInt(time.group(2));
        Optional<DayOfWeek> dow = chosen == Every.WEEKLY ? Optional.of(dayOfWeek()) : Optional.empty();
        int monthDay = chosen == Every.MONTHLY ? monthDay() : 0;
        return new SnapshotSchedule(chosen, m, h, dow, monthDay, Optional.empty(), zoneId);
    }

    private static SnapshotSchedule cron(String expression, ZoneId zoneId) {
        if (expression.length() > 200) {
            throw bad("bad_cron", "a cron expression is at most 200 characters");
        }
        if (expression.equals("-")) { // db-scheduler's "disabled" pattern
            throw bad("bad_cron", "to stop scheduled snapshots, delete the schedule (DELETE …/schedule)");
        }
        String problem = "cron \"" + expression + "\" is not a cron expression we accept: ";
        SnapshotSchedule schedule = new SnapshotSchedule(Every.CRON, 0, 0, Optional.empty(), 0, Optional.of(expression),
                zoneId);
        Instant first;
        try {
            first = schedule.nextAfter(Instant.now());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw bad("bad_cron", problem + e.getMessage() + ". Use five fields: minute hour day-of-month month "
                    + "day-of-week, e.g. \"0 6 1 * *\" (06:00 on the 1st of each month)");
        }
        if (SnapshotSchedule.never(first)) {
            throw bad("bad_cron", problem + "it never comes due");
        }
        List<Instant> due = schedule.next(first.minusSeconds(1), 48);
        for (int i = 1; i < due.size(); i++) {
            if (Duration.between(due.get(i - 1), due.get(i)).compareTo(SHORTEST_GAP) < 0) {
                throw bad("too_often", problem + "it runs more often than every " + SHORTEST_GAP.toMinutes()
                        + " minutes, and each run keeps a snapshot until it is deleted");
            }
        }
        return schedule;
    }

    private int minuteOfHour() {
        String text = given(minute).orElse("0");
        return number(text, 0, 59).orElseThrow(() -> bad("bad_minute", "minute \"" + text
                + "\" is not a minute of the hour: use a whole number from 0 to 59"));
    }

    private DayOfWeek dayOfWeek() {
        String text = given(weekday).orElseThrow(() -> bad("no_weekday",
                "weekly schedules need weekday: monday, tuesday, … sunday"));
        String lower = text.toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (name.equals(lower) || name.substring(0, 3).equals(lower)) {
                return d;
            }
        }
        throw bad("bad_weekday", "weekday \"" + text + "\" is not a day of the week: use monday, tuesday, … sunday");
    }

    private int monthDay() {
        String text = given(day).orElseThrow(() -> bad("no_day",
                "monthly schedules need day: a day of the month from 1 to 28, or \"last\""));
        if (text.equalsIgnoreCase("last")) {
            return SnapshotSchedule.LAST_DAY;
        }
        return number(text, 1, 28).orElseThrow(() -> bad("bad_day", "day \"" + text + "\" is not accepted: use 1 to 28 "
                + "(every month has those) or \"last\" for the month's last day"));
    }

    private ZoneId zoneId() {
        String text = given(zone).orElse("UTC");
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw bad("bad_zone", "zone \"" + text + "\" is not a time zone: use an IANA name such as UTC or Europe/Oslo");
        }
    }

    private static void unused(String field, String value, String usedBy) {
        if (given(value).isPresent()) {
            throw bad("unused_" + field, field + " is only for " + usedBy + "; leave it out");
        }
    }

    private static Optional<Integer> number(String text, int low, int high) {
        try {
            int n = Integer.parseInt(text.strip());
            return n >= low && n <= high ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> given(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static UserError bad(String code, String message) {
        return new UserError(422, code, message);
    }
}
