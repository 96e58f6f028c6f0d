package dataclips.export.chart;

import dataclips.export.Kind;

/**
 * PostgreSQL's ISO text of dates and times as milliseconds, read by one scan with no exceptions and no
 * allocation (a million rows must not cost a million exceptions): epoch milliseconds for date, timestamp
 * (read as UTC) and timestamptz (its offset applied), milliseconds of the day for time (a timetz offset is
 * ignored: the chart shows the clock time as written). NaN for anything else: NULL, infinity, garbage.
 */
final class PgTime {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** No value: the text is not the form expected. */
    private static final long NONE = Long.MIN_VALUE;
    private final String text;
    private int at;

    private PgTime(String text) {
        this.text = text;
    }

    static double millis(String text, Kind kind) {
        if (text == null) {
            return Double.NaN;
        }
        PgTime scan = new PgTime(text);
        long millis = switch (kind) {
            case DATE -> scan.dateTime(false, false);
            case TIMESTAMP -> scan.dateTime(true, false);
            case TIMESTAMPTZ -> scan.dateTime(true, true);
            case TIME -> scan.timeOfDay();
            default -> NONE;
        };
        return millis == NONE ? Double.NaN : millis;
    }

    /** "2024-01-03", then " 12:00:00[.ffffff]" withClock, then "+05:30" withOffset, then an optional " BC". */
    private long dateTime(boolean withClock, boolean withOffset) {
        long day = epochDay();
        long clock = withClock && day != NONE ? (skip(' ') ? clock() : NONE) : 0;
        long offset = withOffset && clock != NONE ? offsetMillis() : 0;
        if (day == NONE || clock == NONE || offset == NONE || !atEndOrEra()) {
            return NONE;
        }
        return day * MILLIS_PER_DAY + clock - offset;
    }

    private long timeOfDay() {
        long clock = clock();
        long offset = clock == NONE ? NONE : offsetMillis(); // a timetz offset is read but not applied
        return clock == NONE || offset == NONE || at != text.length() ? NONE : clock;
    }

    /** Days since 1970-01-01 of "Y…Y-MM-DD" (4 or more year digits), or NONE. */
    private long epochDay() {
        int year = digits(4, 7);
        int month = skip('-') ? digits(2, 2) : -1;
        int day = skip('-') ? digits(2, 2) : -1;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return NONE;
        }
        boolean bc = text.endsWith(" BC");
        return daysFromCivil(bc ? 1 - year : year, month, day);
    }

    /** "HH:MM:SS[.ffffff]" as milliseconds of the day; NONE if it is not that. */
    private long clock() {
        int hour = digits(2, 2);
        int minute = skip(':') ? digits(2, 2) : -1;
        int second = skip(':') ? digits(2, 2) : -1;
        if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return NONE;
        }
        return ((hour * 60L + minute) * 60 + second) * 1000 + fractionMillis();
    }

    private int fractionMillis() {
        if (!skip('.')) {
            return 0;
        }
        int millis = 0;
        int digits = 0;
        while (at < text.length() && isDigit(text.charAt(at))) {
            if (digits++ < 3) {
                millis = millis * 10 + text.charAt(at) - '0';
            }
            at++;
        }
        for (int d = digits; d < 3; d++) {
            millis *= 10;
        }
        return millis;
    }

    /** "+05", "-08", "+05:30", "-00:01:15" as milliseconds east of UTC; 0 when there is none. */
    private long offsetMillis() {
        if (at >= text.length() || text.charAt(at) != '+' && text.charAt(at) != '-') {
            return 0;
        }
        int sign = text.charAt(at++) == '-' ? -1 : 1;
        long seconds = 0;
        for (int part = 0; part < 3; part++) {
            int value = part == 0 ? digits(2, 2) : skip(':') ? digits(2, 2) : -2;
            if (value == -2) {
                break;
            }
            if (value < 0) {
                return NONE;
            }
            seconds += value * (part == 0 ? 3600L : part == 1 ? 60L : 1L);
        }
        return sign * seconds * 1000;
    }

    /** Nothing left but an optional " BC" (which {@link #epochDay} has taken into account). */
    private boolean atEndOrEra() {
        return at == text.length() || at == text.length() - 3 && text.endsWith(" BC");
    }

    private boolean skip(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    /** The number made of min to max digits at the cursor, or -1. */
    private int digits(int min, int max) {
        int start = at;
        int value = 0;
        while (at < text.length() && at - start < max && isDigit(text.charAt(at))) {
            value = value * 10 + text.charAt(at++) - '0';
        }
        return at - start >= min ? value : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }
}
