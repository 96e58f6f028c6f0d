package dataclips.export;

/**
 * PostgreSQL's ISO timestamp text to ISO 8601, by text so no digit of the fraction is lost, checked by
 * single scans (a regular expression here cost a fifth of a JSON export's CPU).
 */
final class IsoTimestamps {
    /**
     * The fixed start of PostgreSQL's ISO timestamp output, '9' standing for an ASCII digit; a fraction and an
     * offset may follow. Anything else (infinity, BC, years past 9999) is written unchanged.
     */
    private static final String PG_TIMESTAMP_START = "9999-99-99 99:99:99";
    /** Where the date ends and the time begins: the space that ISO 8601 writes as 'T'. */
    private static final int DATE_TIME_SEPARATOR = PG_TIMESTAMP_START.indexOf(' ');

    private IsoTimestamps() {}

    /**
     * PostgreSQL's ISO output to ISO 8601, by text so no digit of the fraction is lost: the space becomes 'T',
     * a zero offset 'Z', an hour-only offset gains its minutes ({@code +05} to {@code +05:00}).
     */
    static String isoTimestamp(String value) {
        int offsetAt = offsetAt(value);
        if (offsetAt < 0) {
            return value; // infinity, -infinity, "… BC", years beyond 9999
        }
        char[] iso = new char[isoLength(value, offsetAt)];
        toIso(value, offsetAt, iso);
        return new String(iso);
    }

    /**
     * Where the UTC offset of PostgreSQL's ISO timestamp output begins (its length when there is none), or -1 for
     * any other text. The form, checked by a single scan: {@code 9999-99-99 99:99:99}, optionally a point and
     * one or more digits, then optionally {@code +99} or {@code -99} followed by up to two {@code :99}.
     */
    static int offsetAt(String value) {
        int length = value.length();
        if (length < PG_TIMESTAMP_START.length()) {
            return -1;
        }
        for (int i = 0; i < PG_TIMESTAMP_START.length(); i++) {
            char expected = PG_TIMESTAMP_START.charAt(i);
            char c = value.charAt(i);
            if (expected == '9' ? !JsonText.isDigit(c) : c != expected) {
                return -1;
            }
        }
        int i = PG_TIMESTAMP_START.length();
        if (i < length && value.charAt(i) == '.') {
            int digits = JsonText.skipDigits(value, i + 1);
            if (digits == i + 1) {
                return -1; // a point needs a digit after it
            }
            i = digits;
        }
        return i == length || isOffset(value, i) ? i : -1;
    }

    /** Whether the text from start to its end is a UTC offset: a sign and two digits, then up to two ":99". */
    private static boolean isOffset(String value, int start) {
        char sign = value.charAt(start);
        if (sign != '+' && sign != '-' || !isTwoDigits(value, start + 1)) {
            return false;
        }
        int i = start + 3;
        for (int parts = 0; parts < 2 && i < value.length(); parts++) {
            if (value.charAt(i) != ':' || !isTwoDigits(value, i + 1)) {
                return false;
            }
            i += 3;
        }
        return i == value.length();
    }

    private static boolean isTwoDigits(String value, int start) {
        return start + 2 <= value.length() && JsonText.isDigit(value.charAt(start)) && JsonText.isDigit(value.charAt(start + 1));
    }

    /** The ISO 8601 length of a timestamp whose UTC offset begins at offsetAt: "+00" becomes "Z", "+05" "+05:00". */
    static int isoLength(String value, int offsetAt) {
        if (value.length() - offsetAt != 3) {
            return value.length(); // no offset, or one with minutes already
        }
        return value.startsWith("+00", offsetAt) ? offsetAt + 1 : offsetAt + 6;
    }

    /** Writes the ISO 8601 form into iso, which holds at least isoLength characters. */
    static void toIso(String value, int offsetAt, char[] iso) {
        value.getChars(0, offsetAt, iso, 0);
        iso[DATE_TIME_SEPARATOR] = 'T';
        if (value.length() - offsetAt != 3) {
            value.getChars(offsetAt, value.length(), iso, offsetAt); // no offset, or one with minutes already
        } else if (value.startsWith("+00", offsetAt)) {
            iso[offsetAt] = 'Z';
        } else {
            value.getChars(offsetAt, offsetAt + 3, iso, offsetAt);
            iso[offsetAt + 3] = ':';
            iso[offsetAt + 4] = '0';
            iso[offsetAt + 5] = '0';
        }
    }
}
