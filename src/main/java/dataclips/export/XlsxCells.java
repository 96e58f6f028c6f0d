package dataclips.export;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

    /**
     * The value as a UTC date-time truncated to milliseconds, or null when it is no such thing (BC, infinity).
     * Read by position, not by a regular expression (that was a fifth of an XLSX export's time): ISO DateStyle
     * output is "2024-02-29", "2024-02-29 13:45:30.5", "…+00", "…+05:30" or "…-03:30:15".
     */
    static LocalDateTime parseDateTime(String value) {
        int n = value.length();
        if (n < 10 || !digits(value, 0, 4) || value.charAt(4) != '-' || !digits(value, 5, 2) || value.charAt(7) != '-'
                || !digits(value, 8, 2)) {
            return null;
        }
        int at = 10;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int millis = 0;
        if (at < n && value.charAt(at) == ' ') {
            if (n < at + 9 || !digits(value, at + 1, 2) || value.charAt(at + 3) != ':' || !digits(value, at + 4, 2)
                    || value.charAt(at + 6) != ':' || !digits(value, at + 7, 2)) {
                return null;
            }
            hour = number(value, at + 1, 2);
            minute = number(value, at + 4, 2);
            second = number(value, at + 7, 2);
            at += 9;
            if (at < n && value.charAt(at) == '.') {
                int digits = 0;
                while (at + 1 + digits < n && Character.isDigit(value.charAt(at + 1 + digits)) && value.charAt(at + 1 + digits) < 0x80) {
                    digits++;
                }
                if (digits < 1 || digits > 9) {
                    return null;
                }
                millis = number((value.substring(at + 1, at + 1 + Math.min(digits, 3)) + "00").substring(0, 3), 0, 3);
                at += 1 + digits;
            }
        }
        try {
            LocalDateTime local = LocalDateTime.of(number(value, 0, 4), number(value, 5, 2), number(value, 8, 2), hour,
                    minute, second, millis * 1_000_000);
            if (at == n) {
                return local;
            }
            ZoneOffset offset = offset(value, at);
            return offset == null ? null : local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "+05", "-03:30" or "+01:02:03" from at to the end; null for anything else. */
    private static ZoneOffset offset(String value, int at) {
        int n = value.length();
        char sign = value.charAt(at);
        if ((sign != '+' && sign != '-') || n < at + 3 || !digits(value, at + 1, 2)) {
            return null;
        }
        int[] parts = {number(value, at + 1, 2), 0, 0};
        int i = at + 3;
        for (int part = 1; part < 3 && i < n; part++) {
            if (n < i + 3 || value.charAt(i) != ':' || !digits(value, i + 1, 2)) {
                return null;
            }
            parts[part] = number(value, i + 1, 2);
            i += 3;
        }
        if (i != n) {
            return null;
        }
        int s = sign == '-' ? -1 : 1; // "-00:30" has hours 0
        return ZoneOffset.ofHoursMinutesSeconds(s * parts[0], s * parts[1], s * parts[2]);
    }

    private static boolean digits(String value, int from, int count) {
        if (from + count > value.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The ASCII digits at from (checked by {@link #digits}) as a number. */
    private static int number(String value, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            n = n * 10 + value.charAt(i) - '0';
        }
        return n;
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
