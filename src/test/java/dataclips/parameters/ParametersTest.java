package dataclips.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.clips.Slugs;
import dataclips.UserError;
import dataclips.parameters.Parameter.LinkHolders;
import dataclips.parameters.Parameter.Type;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Parameters without a database or an app: declarations, their JSON, URL values, canonical text and keys. */
class ParametersTest {
    /** A Wednesday afternoon in UTC: start of week is Monday 2024-03-11. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-13T15:30:00Z"), ZoneOffset.UTC);
    /** Text that must reach the SQL as a bound value, never as SQL: accepted verbatim as text, refused as anything typed. */
    private static final List<String> HOSTILE = List.of("1; drop table x", "' or '1'='1", "$$", "*/", "{{other}}");
    private static final Set<String> RESERVED = Set.of("format", "limit", "bom");

    // ---- text ----

    @Test
    void textTakesHostileTextVerbatim() {
        Parameter q = param("q", Type.TEXT);
        HOSTILE.forEach(h -> assertEquals(h, ParameterValues.parse(q, h, CLOCK)));
        assertEquals("", ParameterValues.parse(q, "", CLOCK));
        assertEquals("Zürich 🚲 \n tab\t", ParameterValues.parse(q, "Zürich 🚲 \n tab\t", CLOCK));
        String longest = "x".repeat(10_000);
        assertEquals(longest, ParameterValues.parse(q, longest, CLOCK));
    }

    @Test
    void textPastTenThousandCharactersIsRefusedWithAShortMessage() {
        Parameter q = param("q", Type.TEXT);
        assertValueRefused(q, "x".repeat(10_001), "parameter 'q' must be text of at most 10000 characters");
        UserError tenMegabytes = assertValueRefused(q, "y".repeat(10 * 1024 * 1024), "at most 10000 characters",
                "(got '" + "y".repeat(60) + "…')");
        assertTrue(tenMegabytes.getMessage().length() < 300, "the value is quoted cut short, not whole");
    }

    @Test
    void textPostgresqlCannotStoreIsRefused() {
        Parameter q = param("q", Type.TEXT);
        assertValueRefused(q, "a\u0000b", "without NUL characters", "(got 'a\\u0000b')");
        assertValueRefused(q, "broken \uD83D", "parameter 'q'");
        assertValueRefused(q, "\uDE00 reversed", "parameter 'q'");
    }

    // ---- integer ----

    @Test
    void integersAreSignAndDigitsWithinInt8() {
        Parameter n = param("n", Type.INTEGER);
        assertEquals(0L, ParameterValues.parse(n, "0", CLOCK));
        assertEquals(-5L, ParameterValues.parse(n, "-5", CLOCK));
        assertEquals(7L, ParameterValues.parse(n, "+7", CLOCK));
        assertEquals(7L, ParameterValues.parse(n, "007", CLOCK));
        assertEquals(Long.MAX_VALUE, ParameterValues.parse(n, "9223372036854775807", CLOCK));
        assertEquals(Long.MIN_VALUE, ParameterValues.parse(n, "-9223372036854775808", CLOCK));
    }

    @Test
    void integersRefusedSayTheWholeRange() {
        Parameter n = param("n", Type.INTEGER);
        assertEquals("parameter 'n' must be a whole number between -9223372036854775808 and 9223372036854775807 "
                + "(got '1; drop table x')", assertValueRefused(n, "1; drop table x").getMessage());
        for (String bad : List.of("9223372036854775808", "-9223372036854775809", "1" + "0".repeat(100), "1.0",
                "1e3", " 1", "1 ", "0x10", "", "+", "1_000", "١٢", "1,000")) {
            assertValueRefused(n, bad, "must be a whole number between -9223372036854775808 and 9223372036854775807");
        }
    }

    // ---- number ----

    @Test
    void numbersArePlainDecimalsOrExponents() {
        Parameter x = param("x", Type.NUMBER);
        assertEquals(new BigDecimal("3.14"), ParameterValues.parse(x, "3.14", CLOCK));
        assertEquals(new BigDecimal("-0.5"), ParameterValues.parse(x, "-0.5", CLOCK));
        assertEquals(new BigDecimal("0.5"), ParameterValues.parse(x, ".5", CLOCK));
        assertEquals(new BigDecimal("1"), ParameterValues.parse(x, "1.", CLOCK));
        assertEquals(new BigDecimal("1E+3"), ParameterValues.parse(x, "1e3", CLOCK));
        assertEquals(new BigDecimal("0.012"), ParameterValues.parse(x, "+1.2E-2", CLOCK));
        assertEquals(new BigDecimal("1E+999"), ParameterValues.parse(x, "1e999", CLOCK));
        String hundredChars = "1" + "0".repeat(99);
        assertEquals(new BigDecimal(hundredChars), ParameterValues.parse(x, hundredChars, CLOCK));
    }

    @Test
    void numbersRefusedSayWhatIsWritten() {
        Parameter x = param("x", Type.NUMBER);
        for (String bad : List.of("NaN", "nan", "Infinity", "-Infinity", "inf", "1,5", "", "1e", "e3", ".", "0x1p3",
                "1e1000", "1e999999999", "1e99999999999", "1" + "0".repeat(100))) {
            assertValueRefused(x, bad, "parameter 'x' must be a number, written as digits", "no NaN or Infinity",
                    "at most 100 characters");
        }
    }

    // ---- date ----

    @Test
    void datesAreIsoDaysFromYearOneTo9999() {
        Parameter d = param("d", Type.DATE);
        assertEquals(LocalDate.of(2024, 2, 29), ParameterValues.parse(d, "2024-02-29", CLOCK));
        assertEquals(LocalDate.of(1, 1, 1), ParameterValues.parse(d, "0001-01-01", CLOCK));
        assertEquals(LocalDate.of(9999, 12, 31), ParameterValues.parse(d, "9999-12-31", CLOCK));
        for (String bad : List.of("2024-02-30", "2023-02-29", "2024-13-01", "99999-01-01", "+99999-01-01",
                "0000-01-01", "2024-1-5", "2024/01/05", "20240105", "2024-01-05T00:00Z", "yesterday")) {
            assertValueRefused(d, bad, "parameter 'd' must be a date, written yyyy-mm-dd with a year from 1 to 9999",
                    "today-7d", "start of month");
        }
    }

    // ---- timestamp ----

    @Test
    void timestampsHaveAnOffsetOrAreADaysMidnightUtc() {
        Parameter t = param("t", Type.TIMESTAMP);
        assertEquals(OffsetDateTime.parse("2024-01-31T09:30:00Z"), ParameterValues.parse(t, "2024-01-31T09:30:00Z", CLOCK));
        assertEquals(OffsetDateTime.parse("2024-01-31T09:30+02:00"), ParameterValues.parse(t, "2024-01-31T09:30+02:00", CLOCK));
        assertEquals(OffsetDateTime.parse("2024-01-31T09:30:00.123456-05:00"),
                ParameterValues.parse(t, "2024-01-31T09:30:00.123456-05:00", CLOCK));
        assertEquals(OffsetDateTime.parse("2024-01-31T00:00Z"), ParameterValues.parse(t, "2024-01-31", CLOCK));
        assertEquals(OffsetDateTime.parse("9999-12-31T23:59:59Z"), ParameterValues.parse(t, "9999-12-31T23:59:59Z", CLOCK));
    }

    @Test
    void timestampsRefusedSayHowToWriteOne() {
        Parameter t = param("t", Type.TIMESTAMP);
        for (String bad : List.of("2024-01-31T09:30:00", "2024-01-31 09:30:00Z", "2024-01-31T25:00Z",
                "2024-02-30T00:00Z", "+99999-01-01T00:00Z", "99999-01-01", "9999-12-31T23:00-05:00",
                "0001-01-01T00:00+01:00", "2024-01-31T09:30+19:00", "1706693400")) {
            assertValueRefused(t, bad, "parameter 't' must be a timestamp, written yyyy-mm-ddThh:mm[:ss[.fraction]]",
                    "2024-01-31T09:30:00Z");
        }
        assertValueRefused(t, "2024-01-31T09:30:00 02:00", "in a URL write + as %2B");
    }

    // ---- boolean ----

    @Test
    void booleansTakeSixWordsInAnyCase() {
        Parameter b = param("b", Type.BOOLEAN);
        for (String yes : List.of("true", "TRUE", "1", "yes", "Yes", "on", "oN")) {
            assertEquals(Boolean.TRUE, ParameterValues.parse(b, yes, CLOCK), yes);
        }
        for (String no : List.of("false", "False", "0", "no", "NO", "off", "Off")) {
            assertEquals(Boolean.FALSE, ParameterValues.parse(b, no, CLOCK), no);
        }
        for (String bad : List.of("2", "y", "n", "", "truthy", " true", "-1")) {
            assertValueRefused(b, bad, "parameter 'b' must be true or false (also accepted, in any case: 1/0, yes/no, on/off)");
        }
    }

    // ---- choice ----

    @Test
    void choicesMatchExactly() {
        Parameter region = choice("region", "north", "south", "' or '1'='1");
        assertEquals("north", ParameterValues.parse(region, "north", CLOCK));
        assertEquals("' or '1'='1", ParameterValues.parse(region, "' or '1'='1", CLOCK));
        assertEquals("parameter 'region' must be exactly one of 'north', 'south', '' or '1'='1' (got 'North')",
                assertValueRefused(region, "North").getMessage());
        assertValueRefused(region, "north ", "(got 'north ')");
        assertValueRefused(region, "", "(got '')");
    }

    @Test
    void aRefusedChoiceListsTwentyChoices() {
        Parameter many = choice("c", IntStream.rangeClosed(1, 25).mapToObj(i -> "c" + i).toArray(String[]::new));
        UserError e = assertValueRefused(many, "c26", "'c1', 'c2'", "'c20' and 5 more (got 'c26')");
        assertFalse(e.getMessage().contains("'c21'"), e.getMessage());
    }

    // ---- relative dates ----

    @Test
    void relativeDatesFollowTheClockInUtc() {
        Parameter d = param("d", Type.DATE);
        Map<String, LocalDate> expected = Map.ofEntries(
                Map.entry("today", LocalDate.of(2024, 3, 13)),
                Map.entry("today-7d", LocalDate.of(2024, 3, 6)),
                Map.entry("today+1d", LocalDate.of(2024, 3, 14)),
                Map.entry("today-2w", LocalDate.of(2024, 2, 28)),
                Map.entry("today-3m", LocalDate.of(2023, 12, 13)),
                Map.entry("today-1y", LocalDate.of(2023, 3, 13)),
                Map.entry("start of month", LocalDate.of(2024, 3, 1)),
                Map.entry("start of year", LocalDate.of(2024, 1, 1)),
                Map.entry("start of week", LocalDate.of(2024, 3, 11)),
                Map.entry("  Today - 7D ", LocalDate.of(2024, 3, 6)),
                Map.entry("TODAY+0d", LocalDate.of(2024, 3, 13)),
                Map.entry("Start Of Week", LocalDate.of(2024, 3, 11)));
        expected.forEach((text, day) -> assertEquals(day, ParameterValues.parse(d, text, CLOCK), text));
    }

    @Test
    void relativeDatesUseTheUtcDayWhateverTheClocksZone() {
        Parameter d = param("d", Type.DATE);
        // 23:30 UTC on a Sunday is already Monday in Kiritimati (UTC+14): the UTC day counts.
        Clock sundayNight = Clock.fixed(Instant.parse("2024-03-17T23:30:00Z"), ZoneId.of("Pacific/Kiritimati"));
        assertEquals(LocalDate.of(2024, 3, 17), ParameterValues.parse(d, "today", sundayNight));
        assertEquals(LocalDate.of(2024, 3, 11), ParameterValues.parse(d, "start of week", sundayNight));
        Clock monday = Clock.fixed(Instant.parse("2024-03-18T00:00:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.of(2024, 3, 18), ParameterValues.parse(d, "start of week", monday));
    }

    @Test
    void relativeMonthsTakeTheMonthsLastDayWhenTheDayIsMissing() {
        Clock endOfMarch = Clock.fixed(Instant.parse("2024-03-31T12:00:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.of(2024, 2, 29), ParameterValues.parse(param("d", Type.DATE), "today-1m", endOfMarch));
        Clock leapDay = Clock.fixed(Instant.parse("2024-02-29T12:00:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.of(2023, 2, 28), ParameterValues.parse(param("d", Type.DATE), "today-1y", leapDay));
    }

    @Test
    void relativeTimestampsAreMidnightUtc() {
        Parameter t = param("t", Type.TIMESTAMP);
        assertEquals(OffsetDateTime.parse("2024-03-12T00:00Z"), ParameterValues.parse(t, "today-1d", CLOCK));
        assertEquals(OffsetDateTime.parse("2024-03-01T00:00Z"), ParameterValues.parse(t, "start of month", CLOCK));
    }

    @Test
    void relativeDatesRefused() {
        Parameter d = param("d", Type.DATE);
        for (String bad : List.of("today-7", "today-7x", "today--7d", "yesterday", "now", "start of day",
                "today-9999999d", "today+8000y", "today-3000y")) {
            assertValueRefused(d, bad, "or a relative date: today, today-7d, today+1d, today-2w, today-3m (months), "
                    + "today-1y, start of week (Monday), start of month or start of year (in UTC)");
        }
        // A '+' typed into a URL arrives as a space.
        assertValueRefused(d, "today 1d", "in a URL write + as %2B", "(got 'today 1d')");
    }

    // ---- min and max ----

    @Test
    void integerRangesAreInclusive() {
        Parameter n = ranged("n", Type.INTEGER, "1", "10");
        assertEquals(1L, ParameterValues.parse(n, "1", CLOCK));
        assertEquals(10L, ParameterValues.parse(n, "10", CLOCK));
        assertEquals("parameter 'n' must be a whole number between 1 and 10 (got '0')",
                assertValueRefused(n, "0").getMessage());
        assertValueRefused(n, "11", "between 1 and 10 (got '11')");
        assertValueRefused(n, "ten", "must be a whole number between 1 and 10 (got 'ten')");
        assertValueRefused(ranged("n", Type.INTEGER, "0", null), "-1",
                "must be a whole number between 0 and 9223372036854775807");
    }

    @Test
    void numberRangesCompareValuesNotDigits() {
        Parameter share = ranged("share", Type.NUMBER, "0", "1.0");
        assertEquals(new BigDecimal("1.000"), ParameterValues.parse(share, "1.000", CLOCK));
        assertEquals(new BigDecimal("0E-7"), ParameterValues.parse(share, "0e-7", CLOCK));
        assertValueRefused(share, "1.0000001", "must be a number between 0 and 1.0 (got '1.0000001')");
        assertValueRefused(ranged("x", Type.NUMBER, "0", null), "-0.1", "must be a number of at least 0");
        assertValueRefused(ranged("x", Type.NUMBER, null, "1e2"), "100.5", "must be a number of at most 1e2");
    }

    @Test
    void dateAndTimestampRangesCompareInstants() {
        Parameter d = ranged("d", Type.DATE, "2024-01-01", "2024-12-31");
        assertEquals(LocalDate.of(2024, 12, 31), ParameterValues.parse(d, "2024-12-31", CLOCK));
        assertValueRefused(d, "2025-01-01", "must be a date between 2024-01-01 and 2024-12-31 (got '2025-01-01')");
        assertValueRefused(d, "today-1y", "(got 'today-1y', which is 2023-03-13)");
        assertValueRefused(ranged("d", Type.DATE, null, "2024-03-01"), "today",
                "must be a date on or before 2024-03-01 (got 'today', which is 2024-03-13)");
        Parameter t = ranged("t", Type.TIMESTAMP, "2024-01-01T00:00Z", null);
        assertEquals(OffsetDateTime.parse("2024-01-01T02:00+02:00"), ParameterValues.parse(t, "2024-01-01T02:00+02:00", CLOCK));
        assertValueRefused(t, "2024-01-01T01:00+02:00", "must be a timestamp at or after 2024-01-01T00:00Z");
        assertEquals(OffsetDateTime.parse("2024-01-01T00:00Z"),
                ParameterValues.parse(ranged("t", Type.TIMESTAMP, "2024-01-01", "2024-01-01"), "2024-01-01T00:00:00Z", CLOCK));
    }

    // ---- defaults ----

    @Test
    void defaultsAreParsedWhenUsed() {
        assertEquals(Optional.empty(), ParameterValues.defaultValue(param("n", Type.INTEGER), CLOCK));
        assertEquals(Optional.of(5L), ParameterValues.defaultValue(withDefault("n", Type.INTEGER, "5"), CLOCK));
        assertEquals(Optional.of(LocalDate.of(2024, 3, 6)),
                ParameterValues.defaultValue(withDefault("since", Type.DATE, "today-7d"), CLOCK));
        assertEquals(Optional.of(OffsetDateTime.parse("2024-03-01T00:00Z")),
                ParameterValues.defaultValue(withDefault("since", Type.TIMESTAMP, "start of month"), CLOCK));
        assertEquals(Optional.of(Boolean.TRUE), ParameterValues.defaultValue(withDefault("b", Type.BOOLEAN, "yes"), CLOCK));
    }

    @Test
    void aRelativeDefaultThatMovedOutOfRangeIsRefusedWhenUsed() {
        Parameter since = new Parameter("since", Type.DATE, "today", List.of(), null, "2024-03-01", LinkHolders.EDITABLE);
        ParameterDeclarations.check(List.of(since), Set.of("since"), RESERVED, Slugs::wellFormed); // range not checked for a moving default
        UserError e = assertThrows(UserError.class, () -> ParameterValues.defaultValue(since, CLOCK));
        assertEquals(422, e.status());
        assertEquals("bad_parameter_value", e.code());
        assertEquals("the default of parameter 'since' must be a date on or before 2024-03-01 (got 'today', which is "
                + "2024-03-13): give since in the URL, or change the default", e.getMessage());
    }

    @Test
    void aMissingValueSaysWhatIsAccepted() {
        UserError e = assertValueRefused(param("n", Type.INTEGER), null, "parameter 'n' needs a value; it must be a whole number");
        assertEquals("bad_parameter_value", e.code());
    }

    // ---- hostile text, typed ----

    @Test
    void hostileTextIsRefusedByEveryTypedParameter() {
        for (Type type : List.of(Type.INTEGER, Type.NUMBER, Type.DATE, Type.TIMESTAMP, Type.BOOLEAN)) {
            for (String h : HOSTILE) {
                assertValueRefused(param("p", type), h, "parameter 'p' must be", "(got " + ValueMessages.quote(h) + ")");
            }
        }
        HOSTILE.forEach(h -> assertValueRefused(choice("c", "a"), h, "must be exactly one of 'a'"));
    }

    @Test
    void quotedValuesShowControlCharactersEscaped() {
        assertEquals("'a\\nb\\r\\tc\\u0007\\u202e'", ValueMessages.quote("a\nb\r\tc\u0007\u202E"));
        assertEquals("'" + "é".repeat(60) + "…'", ValueMessages.quote("é".repeat(61)));
        assertEquals("'" + "🚲".repeat(60) + "'", ValueMessages.quote("🚲".repeat(60)), "cut by characters, not chars");
        assertValueRefused(param("n", Type.INTEGER), "1\n2", "(got '1\\n2')");
    }

    // ---- canonical text and set keys ----

    @Test
    void canonicalTextIsOneSpellingPerValue() {
        assertEquals("2024-03-13", ParameterValues.canonical(LocalDate.of(2024, 3, 13)));
        assertEquals("0001-01-01", ParameterValues.canonical(LocalDate.of(1, 1, 1)));
        assertEquals("2024-01-31T07:30:00Z", ParameterValues.canonical(OffsetDateTime.parse("2024-01-31T09:30+02:00")));
        assertEquals("2024-01-31T07:30:00.123456Z",
                ParameterValues.canonical(OffsetDateTime.parse("2024-01-31T07:30:00.123456Z")));
        assertEquals("1.5", ParameterValues.canonical(new BigDecimal("1.500")));
        assertEquals("1000", ParameterValues.canonical(new BigDecimal("1e3")));
        assertEquals("0", ParameterValues.canonical(new BigDecimal("0.000")));
        assertEquals("0", ParameterValues.canonical(new BigDecimal("-0")));
        assertEquals("0.012", ParameterValues.canonical(new BigDecimal("1.2E-2")));
        assertEquals("-5", ParameterValues.canonical(-5L));
        assertEquals("true", ParameterValues.canonical(Boolean.TRUE));
        assertEquals(" as is ", ParameterValues.canonical(" as is "));
        assertEquals("true", ParameterValues.canonical(ParameterValues.parse(param("b", Type.BOOLEAN), "ON", CLOCK)));
        assertThrows(IllegalArgumentException.class, () -> ParameterValues.canonical(5));
        assertThrows(IllegalArgumentException.class, () -> ParameterValues.canonical(null));
    }

    @Test
    void setKeysAreStableHexAndEmptyForNoParameters() {
        assertEquals("", ParameterValues.setKey(new TreeMap<>()));
        SortedMap<String, Object> values = sorted("region", "north", "since", LocalDate.of(2024, 1, 1), "n", 5L);
        String key = ParameterValues.setKey(values);
        // Pinned (SHA-256 of "dataclips parameter values v1\n1:n\n1:5\n6:region\n5:north\n5:since\n10:2024-01-01\n"):
        // stored results are found by this key, so changing the encoding orphans them all.
        assertEquals("c187a47ae9a9fc783b5ce42631d60d6f1660d8bdd8a67b81b6e028d6caf0b097", key);
        assertTrue(key.matches("[0-9a-f]{64}"));
        SortedMap<String, Object> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.putAll(values);
        assertEquals(key, ParameterValues.setKey(reversed), "name order, whatever the map's own order");
    }

    @Test
    void equalValuesShareAKey() {
        assertEquals(ParameterValues.setKey(sorted("x", new BigDecimal("1.50"), "t", OffsetDateTime.parse("2024-01-01T02:00+02:00"))),
                ParameterValues.setKey(sorted("x", new BigDecimal("1.5"), "t", OffsetDateTime.parse("2024-01-01T00:00Z"))));
    }

    @Test
    void setKeysDoNotCollide() {
        List<SortedMap<String, Object>> distinct = List.of(
                sorted("a", "b&c"), sorted("a", "b,c"), sorted("a", "b", "c", ""), sorted("a", "b&c="),
                sorted("ab", "c"), sorted("a", "bc"), sorted("a", "1:b"), sorted("a", "b\n1:c"),
                sorted("a", "b\n", "c", "d"), sorted("a", "b", "c", "d"), sorted("a", ""), sorted("b", ""),
                sorted("a", "é"), sorted("a", "e\u0301"));
        Set<String> keys = distinct.stream().map(ParameterValues::setKey).collect(Collectors.toSet());
        assertEquals(distinct.size(), keys.size(), "each value set its own key");
        assertNotEquals(ParameterValues.setKey(sorted("a", "b")), ParameterValues.setKey(sorted("a", "B")));
    }

    // ---- enums ----

    @Test
    void typeAndLinkHoldersWords() {
        assertEquals(List.of("text", "integer", "number", "date", "timestamp", "boolean", "choice"),
                Arrays.stream(Type.values()).map(Type::wire).toList());
        assertEquals(Type.INTEGER, Type.parse("Integer"));
        assertEquals(LinkHolders.FIXED, LinkHolders.parse("fixed"));
        assertEquals("editable", LinkHolders.EDITABLE.wire());
        assertRefused("bad_parameters", () -> Type.parse("decimal"),
                "type cannot be 'decimal': use text, integer, number, date, timestamp, boolean or choice");
        assertRefused("bad_parameters", () -> Type.parse("\u0131nteger"), "use text, integer");
        assertRefused("bad_parameters", () -> Type.parse(null), "type is missing");
        assertRefused("bad_parameters", () -> LinkHolders.parse("sometimes"), "use fixed or editable");
    }

    // ---- JSON ----

    @Test
    void jsonRoundTripKeepsEveryField() {
        List<Parameter> declared = List.of(
                new Parameter("region", Type.CHOICE, "north", List.of("north", "south"), null, null, LinkHolders.FIXED),
                new Parameter("n", Type.INTEGER, "5", List.of(), "1", "10", LinkHolders.EDITABLE),
                new Parameter("since", Type.DATE, "today-7d", List.of(), "2000-01-01", null, LinkHolders.EDITABLE),
                param("q", Type.TEXT));
        String json = ParameterJson.toJson(declared);
        assertEquals("[{\"name\":\"region\",\"type\":\"choice\",\"default\":\"north\",\"choices\":[\"north\",\"south\"],"
                + "\"link_holders\":\"fixed\"},{\"name\":\"n\",\"type\":\"integer\",\"default\":\"5\",\"min\":\"1\","
                + "\"max\":\"10\",\"link_holders\":\"editable\"},{\"name\":\"since\",\"type\":\"date\",\"default\":"
                + "\"today-7d\",\"min\":\"2000-01-01\",\"link_holders\":\"editable\"},{\"name\":\"q\",\"type\":\"text\","
                + "\"link_holders\":\"editable\"}]", json);
        assertEquals(declared, ParameterJson.fromJson(json));
        assertEquals("[]", ParameterJson.toJson(List.of()));
        assertEquals(List.of(), ParameterJson.fromJson(" [ ] "));
    }

    @Test
    void jsonInputDefaultsLinkHoldersAndKeepsNumbersAsText() {
        List<Parameter> read = ParameterJson.fromJson("[{\"name\":\"n\",\"type\":\"number\",\"default\":7,"
                + "\"min\":-1.50,\"max\":1e3},{\"name\":\"b\",\"type\":\"boolean\",\"default\":false,\"min\":null},"
                + "{\"name\":\"big\",\"type\":\"integer\",\"default\":123456789012345678901234567890}]");
        assertEquals(new Parameter("n", Type.NUMBER, "7", List.of(), "-1.50", "1E+3", LinkHolders.EDITABLE), read.get(0));
        assertEquals(new Parameter("b", Type.BOOLEAN, "false", List.of(), null, null, LinkHolders.EDITABLE), read.get(1));
        assertEquals("123456789012345678901234567890", read.get(2).defaultValue());
        assertEquals(new BigDecimal("1E+3"), ParameterValues.bound(read.get(0), read.get(0).max()));
    }

    @Test
    void jsonOfTheWrongShapeIsRefusedWithWhatIsExpected() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("", "parameters must be a JSON array of objects such as [{\"name\":\"region\",\"type\":\"text\"}], not nothing"),
                Map.entry("{\"name\":\"x\"}", "must be a JSON array of objects such as [{\"name\":\"region\",\"type\":\"text\"}], not an object"),
                Map.entry("\"x\"", "not a string"),
                Map.entry("[{\"name\":\"x\",\"type\":\"text\"}", "parameters must be valid JSON"),
                Map.entry("[] []", "parameters must be valid JSON"),
                Map.entry("[1]", "parameter #1 must be an object such as {\"name\":\"region\",\"type\":\"text\"}, not a number"),
                Map.entry("[{\"type\":\"text\"}]", "parameter #1 needs name, a string"),
                Map.entry("[{\"name\":5,\"type\":\"text\"}]", "parameter #1: name must be a string, not a number"),
                Map.entry("[{\"name\":\"x\"}]", "parameter 'x' needs type, a string"),
                Map.entry("[{\"name\":\"x\",\"type\":\"decimal\"}]", "parameter 'x': type cannot be 'decimal': use text, integer, number, date, timestamp, boolean or choice"),
                Map.entry("[{\"name\":\"x\",\"type\":\"text\",\"link_holders\":\"always\"}]", "parameter 'x': link_holders cannot be 'always': use fixed or editable"),
                Map.entry("[{\"name\":\"x\",\"type\":\"text\",\"link_holders\":true}]", "parameter 'x': link_holders must be a string, not a boolean"),
                Map.entry("[{\"name\":\"x\",\"type\":\"text\",\"default\":{}}]", "parameter 'x': default must be a string or a number, not an object"),
                Map.entry("[{\"name\":\"x\",\"type\":\"integer\",\"min\":[1]}]", "parameter 'x': min must be a string or a number, not an array"),
                Map.entry("[{\"name\":\"x\",\"type\":\"choice\",\"choices\":\"a,b\"}]", "parameter 'x': choices must be an array of strings, e.g. [\"north\",\"south\"], not a string"),
                Map.entry("[{\"name\":\"x\",\"type\":\"choice\",\"choices\":[\"a\",1]}]", "parameter 'x': choices must be an array of strings, e.g. [\"north\",\"south\"], and one is a number"),
                Map.entry("[{\"name\":\"x\",\"type\":\"text\",\"linkHolders\":\"fixed\"}]", "parameter 'x' has the unknown key 'linkHolders' (did you mean link_holders?): the keys are name, type, default, choices, choices_clip, min, max, link_holders"),
                Map.entry("[{\"name\":\"x\",\"type\":\"text\",\"label\":\"X\"}]", "parameter 'x' has the unknown key 'label': the keys are"),
                Map.entry("[{\"name\":\"x\",\"type\":\"text\",\"type\":\"integer\"}]", "parameters must be valid JSON"));
        refused.forEach((json, expected) ->
                assertRefused("bad_parameters", () -> ParameterJson.fromJson(json), expected));
    }

    // ---- check ----

    @Test
    void checkReturnsTheDeclaredOrder() {
        List<Parameter> declared = List.of(param("b", Type.TEXT), choice("a", "x"), param("_c9", Type.BOOLEAN),
                new Parameter("since", Type.DATE, "today-7d", List.of(), "2000-01-01", "2100-01-01", LinkHolders.EDITABLE));
        assertEquals(declared, ParameterDeclarations.check(declared, Set.of("a", "b", "_c9", "since"), RESERVED, Slugs::wellFormed));
        assertEquals(List.of(), ParameterDeclarations.check(List.of(), Set.of(), RESERVED, Slugs::wellFormed));
        String longest = "n" + "_".repeat(62);
        assertEquals(1, ParameterDeclarations.check(List.of(param(longest, Type.TEXT)), Set.of(longest), RESERVED, Slugs::wellFormed).size());
    }

    @Test
    void checkRefusesBadNames() {
        for (String bad : List.of("", "1st", "a-b", "a b", "région", "a.b", "n" + "_".repeat(63), "x;drop")) {
            assertCheckRefused(List.of(param(bad, Type.TEXT)), Set.of(bad), "parameter name " + ValueMessages.quote(bad)
                    + " is not accepted: use letters, digits and underscores, starting with a letter or an underscore, "
                    + "at most 63 characters");
        }
        assertCheckRefused(List.of(param(null, Type.TEXT)), Set.of(), "parameter #1 has no name");
    }

    @Test
    void checkRefusesDuplicatesAndNamesDifferingInCase() {
        assertCheckRefused(List.of(param("x", Type.TEXT), param("x", Type.INTEGER)), Set.of("x"),
                "parameter 'x' is declared twice");
        assertCheckRefused(List.of(param("region", Type.TEXT), param("Region", Type.TEXT)), Set.of("region", "Region"),
                "parameters 'region' and 'Region' differ only in case: rename one");
    }

    @Test
    void checkRefusesMoreThanFiftyParameters() {
        List<Parameter> many = new ArrayList<>();
        IntStream.rangeClosed(1, 51).forEach(i -> many.add(param("p" + i, Type.TEXT)));
        Set<String> used = many.stream().map(Parameter::name).collect(Collectors.toSet());
        assertCheckRefused(many, used, "a clip takes at most 50 parameters; this one declares 51");
        assertEquals(50, ParameterDeclarations.check(many.subList(0, 50),
                Set.copyOf(many.subList(0, 50).stream().map(Parameter::name).toList()), RESERVED, Slugs::wellFormed).size());
    }

    @Test
    void checkRefusesTheAppsOwnQueryKeys() {
        assertCheckRefused(List.of(param("Format", Type.TEXT)), Set.of("Format"),
                "parameter 'Format' collides with the app's own query key 'format': rename it (the reserved keys are bom, format, limit)");
    }

    @Test
    void checkRefusesSqlAndDeclarationsThatDisagree() {
        assertCheckRefused(List.of(param("a", Type.TEXT)), Set.of("a", "x"),
                "the SQL uses {{x}} but declares no parameter x: add {\"name\":\"x\",\"type\":\"text\"} to the parameters "
                        + "(type is one of text, integer, number, date, timestamp, boolean or choice), or change the SQL");
        assertCheckRefused(List.of(param("a", Type.TEXT), param("unused", Type.TEXT)), Set.of("a"),
                "parameter 'unused' is declared but the SQL never uses {{unused}}: use it in the SQL or remove the declaration");
    }

    @Test
    void checkRefusesMissingTypeOrLinkHolders() {
        assertCheckRefused(List.of(new Parameter("x", null, null, null, null, null, LinkHolders.EDITABLE)), Set.of("x"),
                "parameter 'x' has no type: use text, integer");
        assertCheckRefused(List.of(new Parameter("x", Type.TEXT, null, null, null, null, null)), Set.of("x"),
                "parameter 'x' does not say what link holders may do: give link_holders as fixed or editable");
    }

    @Test
    void checkRefusesBadChoices() {
        assertCheckRefused(List.of(choice("c")), Set.of("c"), "parameter 'c' is a choice but lists no choices");
        assertCheckRefused(List.of(new Parameter("c", Type.TEXT, null, List.of("a"), null, null, LinkHolders.EDITABLE)),
                Set.of("c"), "parameter 'c' is text, so it takes no choices: only type choice does");
        assertCheckRefused(List.of(choice("c", "a", "x".repeat(201))), Set.of("c"),
                "parameter 'c' has a choice of 201 characters", "at most 200");
        assertCheckRefused(List.of(choice("c", IntStream.rangeClosed(0, 1000).mapToObj(i -> "c" + i).toArray(String[]::new))),
                Set.of("c"), "parameter 'c' lists 1001 choices: at most 1000");
        assertCheckRefused(List.of(choice("c", "a", "")), Set.of("c"), "parameter 'c' has an empty choice");
        assertCheckRefused(List.of(choice("c", "a", "b\nc")), Set.of("c"), "parameter 'c' has a choice with a control character ('b\\nc')");
        assertCheckRefused(List.of(choice("c", "a", "b", "a")), Set.of("c"), "parameter 'c' lists the choice 'a' twice");
        assertEquals(1, ParameterDeclarations.check(List.of(choice("c", "x".repeat(200))), Set.of("c"), RESERVED, Slugs::wellFormed).size());
        assertEquals(1, ParameterDeclarations.check(List.of(choice("c", IntStream.range(0, 1000).mapToObj(i -> "c" + i)
                .toArray(String[]::new))), Set.of("c"), RESERVED, Slugs::wellFormed).size());
    }

    @Test
    void checkRefusesBadMinAndMax() {
        for (Type unranged : List.of(Type.TEXT, Type.BOOLEAN, Type.CHOICE)) {
            Parameter p = new Parameter("p", unranged, null, unranged == Type.CHOICE ? List.of("a") : List.of(), "1", null,
                    LinkHolders.EDITABLE);
            assertCheckRefused(List.of(p), Set.of("p"), "parameter 'p' is " + unranged.wire()
                    + ", so it takes no min or max: only integer, number, date and timestamp do");
        }
        assertCheckRefused(List.of(ranged("n", Type.INTEGER, "one", null)), Set.of("n"),
                "the min of parameter 'n' must be a whole number between -9223372036854775808 and 9223372036854775807 (got 'one')");
        assertCheckRefused(List.of(ranged("n", Type.INTEGER, null, "9223372036854775808")), Set.of("n"), "the max of parameter 'n'");
        assertCheckRefused(List.of(ranged("x", Type.NUMBER, "NaN", null)), Set.of("x"), "the min of parameter 'x' must be a number");
        assertCheckRefused(List.of(ranged("d", Type.DATE, "2024-02-30", null)), Set.of("d"), "the min of parameter 'd' must be a date");
        UserError relativeMin = assertRefused("bad_parameters", () -> ParameterDeclarations.check(
                List.of(ranged("d", Type.DATE, "today-30d", null)), Set.of("d"), RESERVED, Slugs::wellFormed),
                "relative dates such as today-7d are for defaults and values, not for min and max");
        assertFalse(relativeMin.getMessage().contains("%2B"), "no URL advice for a declaration");
        assertCheckRefused(List.of(ranged("t", Type.TIMESTAMP, null, "2024-01-01T00:00")), Set.of("t"), "the max of parameter 't' must be a timestamp");
        assertCheckRefused(List.of(ranged("n", Type.INTEGER, "10", "1")), Set.of("n"), "parameter 'n' has min 10 above its max 1");
        assertCheckRefused(List.of(ranged("x", Type.NUMBER, "1.5", "1.49")), Set.of("x"), "has min 1.5 above its max 1.49");
        assertCheckRefused(List.of(ranged("t", Type.TIMESTAMP, "2024-01-01T01:00+00:00", "2024-01-01T02:00+02:00")),
                Set.of("t"), "has min 2024-01-01T01:00+00:00 above its max 2024-01-01T02:00+02:00");
        assertEquals(1, ParameterDeclarations.check(List.of(ranged("x", Type.NUMBER, "1.0", "1")), Set.of("x"), RESERVED, Slugs::wellFormed).size());
    }

    @Test
    void checkRefusesDefaultsTheTypeWouldRefuse() {
        assertCheckRefused(List.of(withDefault("n", Type.INTEGER, "1; drop table x")), Set.of("n"),
                "the default of parameter 'n' must be a whole number between -9223372036854775808 and 9223372036854775807 (got '1; drop table x')");
        assertCheckRefused(List.of(withDefault("d", Type.DATE, "2024-02-30")), Set.of("d"), "the default of parameter 'd' must be a date");
        assertCheckRefused(List.of(withDefault("d", Type.DATE, "today-7x")), Set.of("d"), "the default of parameter 'd' must be a date");
        assertCheckRefused(List.of(withDefault("b", Type.BOOLEAN, "maybe")), Set.of("b"), "the default of parameter 'b' must be true or false");
        assertCheckRefused(List.of(withDefault("q", Type.TEXT, "x".repeat(10_001))), Set.of("q"), "the default of parameter 'q' must be text");
        assertCheckRefused(List.of(new Parameter("n", Type.INTEGER, "11", List.of(), "1", "10", LinkHolders.EDITABLE)), Set.of("n"),
                "the default of parameter 'n' must be a whole number between 1 and 10 (got '11')");
        assertCheckRefused(List.of(new Parameter("c", Type.CHOICE, "west", List.of("north", "south"), null, null, LinkHolders.FIXED)),
                Set.of("c"), "the default of parameter 'c' must be exactly one of 'north', 'south' (got 'west')");
        assertEquals(1, ParameterDeclarations.check(List.of(withDefault("t", Type.TIMESTAMP, "Start of Year")), Set.of("t"), RESERVED, Slugs::wellFormed).size());
    }

    // ---- helpers ----

    private static Parameter param(String name, Type type) {
        return new Parameter(name, type, null, List.of(), null, null, LinkHolders.EDITABLE);
    }

    private static Parameter ranged(String name, Type type, String min, String max) {
        return new Parameter(name, type, null, List.of(), min, max, LinkHolders.EDITABLE);
    }

    private static Parameter withDefault(String name, Type type, String defaultValue) {
        return new Parameter(name, type, defaultValue, List.of(), null, null, LinkHolders.EDITABLE);
    }

    private static Parameter choice(String name, String... choices) {
        return new Parameter(name, Type.CHOICE, null, List.of(choices), null, null, LinkHolders.EDITABLE);
    }

    private static SortedMap<String, Object> sorted(Object... namesAndValues) {
        SortedMap<String, Object> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static UserError assertValueRefused(Parameter p, String text, String... messageParts) {
        return assertRefused("bad_parameter_value", () -> ParameterValues.parse(p, text, CLOCK), messageParts);
    }

    private static void assertCheckRefused(List<Parameter> declared, Set<String> used, String... messageParts) {
        assertRefused("bad_parameters", () -> ParameterDeclarations.check(declared, used, RESERVED, Slugs::wellFormed), messageParts);
    }

    private static UserError assertRefused(String code, Executable refused, String... messageParts) {
        UserError e = assertThrows(UserError.class, refused);
        assertEquals(422, e.status(), e.getMessage());
        assertEquals(code, e.code(), e.getMessage());
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "expected «" + part + "» in «" + e.getMessage() + "»");
        }
        return e;
    }

    @Test
    void aChoicesClipIsASlugInsteadOfAListNeverBoth() {
        String slug = "a".repeat(26);
        Parameter fromClip = ParameterJson.fromJson("[{\"name\":\"r\",\"type\":\"choice\",\"choices_clip\":\""
                + slug + "\",\"default\":\"north\"}]").get(0);
        assertEquals(slug, fromClip.choicesClip());
        assertTrue(ParameterJson.toJson(List.of(fromClip)).contains("\"choices_clip\":\"" + slug + "\""));
        assertEquals(List.of(fromClip), ParameterDeclarations.check(List.of(fromClip), Set.of("r"), Set.of(), Slugs::wellFormed),
                "its default is checked against the list when a URL is answered");
        Parameter both = new Parameter("r", Parameter.Type.CHOICE, null, List.of("x"), null, null,
                Parameter.LinkHolders.EDITABLE, slug);
        UserError e = assertThrows(UserError.class, () -> ParameterDeclarations.check(List.of(both), Set.of("r"), Set.of(), Slugs::wellFormed));
        assertTrue(e.getMessage().contains("both choices and choices_clip"), e.getMessage());
        Parameter notASlug = new Parameter("r", Parameter.Type.CHOICE, null, List.of(), null, null,
                Parameter.LinkHolders.EDITABLE, "../etc");
        e = assertThrows(UserError.class, () -> ParameterDeclarations.check(List.of(notASlug), Set.of("r"), Set.of(), Slugs::wellFormed));
        assertTrue(e.getMessage().contains("slug of a clip"), e.getMessage());
        Parameter textFromClip = new Parameter("r", Parameter.Type.TEXT, null, List.of(), null, null,
                Parameter.LinkHolders.EDITABLE, slug);
        e = assertThrows(UserError.class, () -> ParameterDeclarations.check(List.of(textFromClip), Set.of("r"), Set.of(), Slugs::wellFormed));
        assertTrue(e.getMessage().contains("only type choice"), e.getMessage());
    }
}
