package dataclips.export;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;

/**
 * Turns one value in PostgreSQL's text form into a typed cell: numbers, dates and booleans become what a
 * spreadsheet computes with; anything Excel cannot hold faithfully stays text, exactly as PostgreSQL
 * printed it, rather than becoming a wrong number or date. Nothing ever becomes a formula.
 */
final class XlsxCells {
    static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength(); // 32,767
    private static final double LARGEST_EXCEL_NUMBER = 9.99999999999999E307;
    private static final LocalDateTime FIRST_EXCEL_DAY = LocalDateTime.of(1900, 1, 1, 0, 0);
    private static final LocalDateTime AFTER_LAST_EXCEL_DAY = LocalDateTime.of(10000, 1, 1, 0, 0);
    /** ISO DateStyle output: "2024-02-29", "2024-02-29 13:45:30.5", "…+00", "…+05:30"; BC and infinity do not match. */
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})-(\\d\\d)-(\\d\\d)"
            + "(?: (\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d{1,9}))?)?(?:([+-]\\d\\d)(?::(\\d\\d))?(?::(\\d\\d))?)?");

    private XlsxCells() {}

    /** Fills the cell for a non-null value of the given kind. */
    static void fill(Cell cell, Kind kind, String value, XlsxStyles styles) {
        boolean typed = switch (kind) {
            case INTEGER, DECIMAL, FLOAT -> number(cell, value);
            case BOOLEAN -> bool(cell, value);
            case DATE, TIMESTAMP, TIMESTAMPTZ -> dateTime(cell, kind, value, styles);
            default -> false;
        };
        if (!typed) {
            text(cell, value, styles);
        }
    }

    /**
     * Numbers become doubles, as every spreadsheet holds them: int8 extremes and 30-digit numerics keep
     * 15-17 significant digits, which is what a user computing with them expects. NaN, infinities and
     * magnitudes Excel cannot store (beyond 9.99…E307, or so small they would turn into 0) stay text.
     */
    private static boolean number(Cell cell, String value) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return false;
        }
        if (!Double.isFinite(number) || Math.abs(number) > LARGEST_EXCEL_NUMBER) {
            return false;
        }
        boolean lostToUnderflow = number == 0 ? hasNonZeroDigit(value) : Math.abs(number) < Double.MIN_NORMAL;
        if (lostToUnderflow) {
            return false;
        }
        cell.setCellValue(number);
        return true;
    }

    private static boolean hasNonZeroDigit(String value) {
        for (char c : value.toCharArray()) {
            if (c == 'e' || c == 'E') {
                return false; // only the mantissa says whether the value is zero
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean bool(Cell cell, String value) {
        switch (value) {
            case "t", "true" -> cell.setCellValue(true);
            case "f", "false" -> cell.setCellValue(false);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Timestamps with a zone are shown in UTC; Excel keeps milliseconds, so microseconds are dropped. */
    private static boolean dateTime(Cell cell, Kind kind, String value, XlsxStyles styles) {
        LocalDateTime utc = parseDateTime(value);
        if (utc == null || utc.isBefore(FIRST_EXCEL_DAY) || !utc.isBefore(AFTER_LAST_EXCEL_DAY)) {
            return false;
        }
        cell.setCellValue(utc);
        cell.setCellStyle(styles.dateTime(kind, utc));
        return true;
    }

    /** The value as a UTC date-time truncated to milliseconds, or null when it is no such thing (BC, infinity). */
    static LocalDateTime parseDateTime(String value) {
        Matcher m = DATE_TIME.matcher(value);
        if (!m.matches()) {
            return null;
        }
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            int millis = Integer.parseInt((fraction + "000").substring(0, 3));
            LocalDateTime local = LocalDateTime.of(number(m, 1), number(m, 2), number(m, 3), number(m, 4),
                    number(m, 5), number(m, 6), millis * 1_000_000);
            if (m.group(8) == null) {
                return local;
            }
            int hours = Integer.parseInt(m.group(8));
            int sign = m.group(8).startsWith("-") ? -1 : 1; // "-00:30" has hours 0
            ZoneOffset offset = ZoneOffset.ofHoursMinutesSeconds(hours, sign * number(m, 9), sign * number(m, 10));
            return local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int number(Matcher m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }

    /**
     * A plain string cell, which Excel never evaluates. Formula-looking text is also quote-prefixed, so it
     * stays text when someone edits the cell. Text beyond Excel's cell limit is cut with a visible marker.
     */
    static void text(Cell cell, String value, XlsxStyles styles) {
        String shown = cut(value);
        cell.setCellValue(shown);
        if (!shown.isEmpty() && "=+-@\t\r".indexOf(shown.charAt(0)) >= 0) {
            cell.setCellStyle(styles.literalText());
        }
    }

    /** At most {@link #MAX_TEXT} characters, marker included; a surrogate pair is never split. */
    static String cut(String value) {
        if (value.length() <= MAX_TEXT) {
            return value;
        }
        // The marker for the whole length is at least as long as the one for the part left out.
        int kept = MAX_TEXT - cutMarker(value.length()).length();
        if (Character.isHighSurrogate(value.charAt(kept - 1))) {
            kept--;
        }
        return value.substring(0, kept) + cutMarker(value.length() - kept);
    }

    static String cutMarker(int omitted) {
        return "… [cut: " + omitted + " more characters]";
    }
}
