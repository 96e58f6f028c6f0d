package dataclips.parameters;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date and timestamp values a parameter takes from a URL: ISO dates and timestamps with four-digit years from 1
 * to 9999, and relative dates (today, today-7d, start of month, …) by the clock's day in UTC. Null where the text is
 * not one; {@link ParameterValues} words the refusal.
 */
final class ParameterDates {
    // Four-digit years only: java.time alone would also take "+99999-01-01".
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]{1,9})?)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})");
    private static final Pattern RELATIVE = Pattern.compile(
            "\\s*(?:today\\s*(?:([+-])\\s*([0-9]{1,6})\\s*([dwmy]))?|start\\s*of\\s*(week|month|year))\\s*",
            Pattern.CASE_INSENSITIVE);
    static final String RELATIVE_WORDS = "today, today-7d, today+1d, today-2w, today-3m (months), "
            + "today-1y, start of week (Monday), start of month or start of year";

    private ParameterDates() {}

    static LocalDate date(String text, Clock clock) {
        LocalDate absolute = absoluteDate(text);
        return absolute != null ? absolute : relativeDate(text, clock);
    }

    static OffsetDateTime timestamp(String text, Clock clock) {
        OffsetDateTime absolute = absoluteTimestamp(text);
        if (absolute != null) {
            return absolute;
        }
        LocalDate relative = relativeDate(text, clock);
        return relative == null ? null : midnightUtc(relative);
    }

    /** Whether the text is a relative date (today-7d, start of month, …), which a default may be. */
    static boolean isRelative(String text) {
        return RELATIVE.matcher(text).matches();
    }

    static LocalDate absoluteDate(String text) {
        if (!DATE.matcher(text).matches()) {
            return null;
        }
        try {
            // ISO_LOCAL_DATE resolves strictly: 2024-02-30 is refused, not moved to March.
            return inYearRange(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeException notADay) {
            return null;
        }
    }

    static OffsetDateTime absoluteTimestamp(String text) {
        LocalDate date = absoluteDate(text);
        if (date != null) {
            return midnightUtc(date);
        }
        if (!TIMESTAMP.matcher(text).matches()) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            // Both years count: 9999-12-31T23:00-05:00 is already year 10000 in UTC.
            boolean inRange = inYearRange(t.toLocalDate()) != null
                    && inYearRange(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()) != null;
            return inRange ? t : null;
        } catch (DateTimeException notATime) {
            return null;
        }
    }

    /** today, today±N(d|w|m|y) or start of week/month/year, by the clock's day in UTC; null if not one. */
    private static LocalDate relativeDate(String text, Clock clock) {
        Matcher m = RELATIVE.matcher(text);
        if (text.length() > 40 || !m.matches()) {
            return null;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            if (m.group(4) != null) {
                return inYearRange(startOf(m.group(4).toLowerCase(Locale.ROOT), today));
            }
            if (m.group(1) == null) {
                return today;
            }
            long amount = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
            return inYearRange(plus(today, amount, Character.toLowerCase(m.group(3).charAt(0))));
        } catch (DateTimeException | ArithmeticException pastYearRange) {
            return null;
        }
    }

    private static LocalDate startOf(String period, LocalDate today) {
        return switch (period) {
            case "week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> today.withDayOfMonth(1);
            default -> today.withDayOfYear(1);
        };
    }

    // Months and years keep the day where it exists and take the month's last day otherwise (Mar 31 - 1m = Feb 29).
    private static LocalDate plus(LocalDate today, long amount, char unit) {
        return switch (unit) {
            case 'd' -> today.plusDays(amount);
            case 'w' -> today.plusWeeks(amount);
            case 'm' -> today.plusMonths(amount);
            default -> today.plusYears(amount);
        };
    }

    private static LocalDate inYearRange(LocalDate date) {
        return date.getYear() >= 1 && date.getYear() <= 9999 ? date : null;
    }

    private static OffsetDateTime midnightUtc(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
