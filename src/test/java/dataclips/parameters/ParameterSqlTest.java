package dataclips.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.UserError;
import dataclips.parameters.ParameterSql.Bound;
import dataclips.parameters.ParameterSql.Use;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/** Pure: no database and no app; pgjdbc's own parser (no connection) checks the driver reads our output as meant. */
class ParameterSqlTest {

    @Test
    void parametersBindInOrderAndARepeatedNameBindsAgain() {
        String sql = "select * from t where a = {{a}} and b = {{b}} or a2 = {{a}}";
        Bound bound = ParameterSql.bind(sql, Map.of("a", 1L, "b", "x"));
        assertEquals("select * from t where a = ? and b = ? or a2 = ?", bound.sql());
        assertEquals(List.of(1L, "x", 1L), bound.values());
        assertEquals(List.of(new Use("a", false), new Use("b", false)), ParameterSql.uses(sql));
        assertTrue(ParameterSql.hasParameters(sql));
    }

    @Test
    void everyValueTypeIsPassedThroughAsGiven() {
        LocalDate day = LocalDate.of(2024, 2, 29);
        OffsetDateTime at = OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.UTC);
        Map<String, Object> values = Map.of("s", "EU", "l", 7L, "d", new BigDecimal("1.50"), "day", day, "at", at, "ok", true);
        Bound bound = ParameterSql.bind("select {{s}}, {{l}}, {{d}}, {{day}}, {{at}}, {{ok}}", values);
        assertEquals("select ?, ?, ?, ?, ?, ?", bound.sql());
        assertEquals(List.of("EU", 7L, new BigDecimal("1.50"), day, at, true), bound.values());
    }

    @Test
    void spacesAndTabsInsideTheBracesAreAllowed() {
        Bound bound = ParameterSql.bind("select {{ region }}, {{\tregion\t}}, {{region }}, {{  r_2}}", Map.of("region", "EU", "r_2", 2L));
        assertEquals("select ?, ?, ?, ?", bound.sql());
        assertEquals(List.of("EU", "EU", "EU", 2L), bound.values());
        assertEquals(List.of(new Use("region", false), new Use("r_2", false)), ParameterSql.uses("select {{ region }}, {{  r_2}}"));
    }

    @Test
    void anOptionalBlockIsKeptWithoutItsBracketsWhenItsParameterHasAValue() {
        String sql = "select * from t where true [[and region = {{region}}]]";
        Bound bound = ParameterSql.bind(sql, Map.of("region", "EU"));
        assertEquals("select * from t where true and region = ?", bound.sql());
        assertEquals(List.of("EU"), bound.values());
    }

    @Test
    void anOptionalBlockIsDroppedWhenItsParameterHasNoValue() {
        String sql = "select * from t where true [[and region = {{region}}]] order by 1";
        Bound bound = ParameterSql.bind(sql, Map.of());
        assertEquals("select * from t where true  order by 1", bound.sql());
        assertEquals(List.of(), bound.values());
        assertEquals(List.of(new Use("region", true)), ParameterSql.uses(sql));
    }

    @Test
    void aNullValueIsNoValue() {
        Map<String, Object> values = new HashMap<>();
        values.put("region", null);
        assertEquals("select 1 ", ParameterSql.bind("select 1 [[where r = {{region}}]]", values).sql());
    }

    @Test
    void aBlockWithSeveralParametersNeedsThemAll() {
        String sql = "select * from t where true [[and day between {{from}} and {{to}}]]";
        LocalDate from = LocalDate.of(2024, 1, 1);
        LocalDate to = LocalDate.of(2024, 1, 31);
        assertEquals(new Bound("select * from t where true and day between ? and ?", List.of(from, to)),
                ParameterSql.bind(sql, Map.of("from", from, "to", to)));
        assertEquals(new Bound("select * from t where true ", List.of()), ParameterSql.bind(sql, Map.of("from", from)));
        assertEquals(new Bound("select * from t where true ", List.of()), ParameterSql.bind(sql, Map.of("to", to)));
    }

    @Test
    void severalBlocksAreKeptOrDroppedEachOnItsOwn() {
        String sql = "select * from t where true\n[[and region = {{region}}]]\n[[and n > {{min}}]]\n[[and n < {{max}}]]";
        Bound bound = ParameterSql.bind(sql, Map.of("region", "EU", "max", 9L));
        assertEquals("select * from t where true\nand region = ?\n\nand n < ?", bound.sql());
        assertEquals(List.of("EU", 9L), bound.values());
        assertEquals(List.of(new Use("region", true), new Use("min", true), new Use("max", true)), ParameterSql.uses(sql));
    }

    @Test
    void aNameUsedBothInAndOutsideABlockIsNotOptionalOnly() {
        String sql = "select * from t where true [[and a = {{a}} and b = {{b}}]] and c = {{b}} [[and d = {{a}}]]";
        assertEquals(List.of(new Use("a", true), new Use("b", false)), ParameterSql.uses(sql));
        assertEquals(new Bound("select * from t where true  and c = ? ", List.of(2L)), ParameterSql.bind(sql, Map.of("b", 2L)));
    }

    @Test
    void aBlockMayStartAfterAParenthesisCommaOrEqualsSign() {
        String sql = "select coalesce(1,[[{{a}}]]) where x =[[{{b}}]] and ([[{{c}} or]] true)";
        Bound bound = ParameterSql.bind(sql, Map.of("a", 1L, "b", 2L, "c", 3L));
        assertEquals("select coalesce(1,?) where x =? and (? or true)", bound.sql());
        assertEquals("select coalesce(1,) where x = and ( true)", ParameterSql.bind(sql, Map.of()).sql());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "'{{x}} [[ ]] ]] ? '' {{y}} $$ /*'",
        "E'it\\'s {{x}} ? \\\\'",
        "e'\\\\'' {{x}}'",
        "U&'d\\0061t{{x}}?'",
        "u&\"{{x}} ]]\"",
        "\"{{x}} \"\"?\"\" ]] col\"",
        "$${{x}} ? ]] [[ '$$",
        "$tag$ {{x}} $$ ? ' $tag$",
        "$_t1$ {{x}} $t$ $_t1$",
        "-- {{x}} ? ]] [[ '\n",
        "--{{x}}\r",
        "/* /* {{x}} */ ? [[ ' */",
        "/*/**/{{x}}*/",
    })
    void parametersAndBracketsInsideLiteralsAndCommentsAreLeftAloneByteForByte(String literal) {
        String sql = "select " + literal + " as v, {{p}} as p";
        assertEquals(List.of(new Use("p", false)), ParameterSql.uses(sql));
        assertEquals(new Bound("select " + literal + " as v, ? as p", List.of(5L)), ParameterSql.bind(sql, Map.of("p", 5L)));
    }

    @Test
    void aBackslashDoesNotEscapeAQuoteInAPlainString() {
        // standard_conforming_strings: 'C:\' is a whole string, so the parameter after it is real
        Bound bound = ParameterSql.bind("select 'C:\\' = {{p}}", Map.of("p", "C:\\"));
        assertEquals("select 'C:\\' = ?", bound.sql());
    }

    @Test
    void anEAtTheEndOfAWordDoesNotMakeAnEscapeString() {
        Bound bound = ParameterSql.bind("select name'\\' || {{p}}", Map.of("p", 1L));
        assertEquals("select name'\\' || ?", bound.sql());
    }

    @Test
    void positionalParametersAndDollarsInIdentifiersAreNotDollarQuotes() {
        Bound bound = ParameterSql.bind("select $1, {{a}}, $2, a$b$ , {{b}}, a$b$", Map.of("a", 1L, "b", 2L));
        assertEquals("select $1, ?, $2, a$b$ , ?, a$b$", bound.sql());
        assertEquals(List.of(1L, 2L), bound.values());
    }

    @Test
    void jsonbQuestionMarkOperatorsOutsideLiteralsAreDoubled() {
        String sql = "select * from t where doc ? 'k' and doc ?| array['a','b'] and doc ?& array['c?'] -- why?\n"
                + "and doc->>'q?' = {{q}} /* ? */ and \"col?\" = 1";
        Bound bound = ParameterSql.bind(sql, Map.of("q", "v"));
        assertEquals("select * from t where doc ?? 'k' and doc ??| array['a','b'] and doc ??& array['c?'] -- why?\n"
                + "and doc->>'q?' = ? /* ? */ and \"col?\" = 1", bound.sql());
        assertEquals(List.of("v"), bound.values());
    }

    @Test
    void pgjdbcReadsTheBoundSqlAsMeant() throws SQLException {
        String sql = "select doc ? 'k?', E'\\'?', $q$?$q$, \"?\" /* /* ? */ ? */ -- ?\n"
                + "from t where a = {{a}} and doc ?| array['x'] [[and b = {{b}} and doc ?& array['y']]]";
        Bound bound = ParameterSql.bind(sql, Map.of("a", 1L, "b", 2L));
        List<NativeQuery> parsed = Parser.parseJdbcSql(bound.sql(), true, true, true, false, false);
        assertEquals(1, parsed.size());
        assertEquals(bound.values().size(), parsed.get(0).bindPositions.length);
        assertEquals("select doc ? 'k?', E'\\'?', $q$?$q$, \"?\" /* /* ? */ ? */ -- ?\n"
                + "from t where a = $1 and doc ?| array['x'] and b = $2 and doc ?& array['y']", parsed.get(0).nativeSql);
    }

    @Test
    void sqlWithoutParametersComesBackUnchangedButForDoubledQuestionMarks() {
        String plain = "select a[1], ARRAY[[1,2],[3,4]], 'x{{' from t where b = 1";
        assertEquals(new Bound(plain, List.of()), ParameterSql.bind(plain, Map.of()));
        assertFalse(ParameterSql.hasParameters(plain));
        assertEquals(List.of(), ParameterSql.uses(plain));
        String jsonb = "select doc ? 'k' from t -- any?";
        assertEquals(new Bound("select doc ?? 'k' from t -- any?", List.of()), ParameterSql.bind(jsonb, Map.of("k", 1L)));
        assertFalse(ParameterSql.hasParameters(jsonb));
    }

    @Test
    void subscriptBracketsAreNotBlocks() {
        String sql = "select m[i[1]], arr[[1]], x[ [1] ] from t where true [[and m[i[1]] = {{v}}]]";
        assertEquals("select m[i[1]], arr[[1]], x[ [1] ] from t where true and m[i[1]] = ?",
                ParameterSql.bind(sql, Map.of("v", 1L)).sql());
        assertEquals("select m[i[1]], arr[[1]], x[ [1] ] from t where true ", ParameterSql.bind(sql, Map.of()).sql());
        assertEquals("select (a)[[1]], b][?]", ParameterSql.bind("select (a)[[1]], b][{{v}}]", Map.of("v", 1L)).sql());
    }

    @Test
    void anUnclosedParameterIsASyntaxError() {
        assertSyntaxError("select {{region", "'{{region' at character 8 opens a parameter with {{ but no }} closes it;"
                + " write a parameter as {{name}}");
        assertSyntaxError("select {{a} and {{b}}", "'{{a} and {{b}}' at character 8 opens a parameter with {{ but no }} closes it;"
                + " write a parameter as {{name}}");
    }

    @Test
    void anInvalidNameIsASyntaxError() {
        String rule = " is not a valid parameter: a name starts with a letter or underscore and has only letters, digits and"
                + " underscores, at most 63 characters, as in {{region}}";
        assertSyntaxError("select {{1x}}", "'{{1x}}' at character 8" + rule);
        assertSyntaxError("select 1 where a = {{a-b}}", "'{{a-b}}' at character 20" + rule);
        assertSyntaxError("select {{}}", "'{{}}' at character 8" + rule);
        assertSyntaxError("select {{ }}", "'{{ }}' at character 8" + rule);
        assertSyntaxError("select {{na me}}", "'{{na me}}' at character 8" + rule);
        assertSyntaxError("select {{é}}", "'{{é}}' at character 8" + rule);
        String longest = "n".repeat(63);
        assertEquals(List.of(new Use(longest, false)), ParameterSql.uses("select {{" + longest + "}}"));
        assertSyntaxError("select {{" + longest + "n}}", "'{{" + "n".repeat(38) + "…' at character 8" + rule);
    }

    @Test
    void anUnclosedBlockIsASyntaxError() {
        assertSyntaxError("select 1 where true [[and a = {{a}}", "'[[and a = {{a}}' at character 21 opens an optional block"
                + " with [[ but no ]] closes it; close the block with ]]");
        assertSyntaxError("select 1 where true [[and a[1]] = {{a}}", "'[[and a[1]] = {{a}}' at character 21 opens an optional"
                + " block with [[ but no ]] closes it; close the block with ]]");
    }

    @Test
    void aCloseWithoutAnOpenIsASyntaxError() {
        assertSyntaxError("select 1 where a = {{a}}]]", "']]' at character 25 closes an optional block with ]], but no [[ opened"
                + " one; remove it, or open the block with [[ after a space, '(', ',' or '='");
        assertSyntaxError("select 1 ]] where a = {{a}}", "']] where a = {{a}}' at character 10 closes an optional block with"
                + " ]], but no [[ opened one; remove it, or open the block with [[ after a space, '(', ',' or '='");
        // after an identifier [[ is two plain brackets, and the ]] closing them is plain too (PostgreSQL judges the SQL)
        assertEquals("select 1 where true and[[a = ?]]", ParameterSql.bind("select 1 where true and[[a = {{a}}]]", Map.of("a", 1L)).sql());
    }

    @Test
    void nestedBlocksAreASyntaxError() {
        assertSyntaxError("select 1 where true [[and a = {{a}} [[and b = {{b}}]] ]]", "'[[and b = {{b}}]] ]]' at character 37"
                + " opens an optional block inside the one opened at character 21; optional blocks cannot be nested, close"
                + " the first with ]] before opening another");
    }

    @Test
    void aBlockWithoutAParameterIsASyntaxError() {
        String rule = " is an optional block with no parameter inside; an optional block holds at least one {{name}}, so add"
                + " one or remove the brackets";
        assertSyntaxError("select 1 where true [[and 1 = 1]]", "'[[and 1 = 1]]' at character 21" + rule);
        assertSyntaxError("select 1 where true [[and x = '{{a}}']]", "'[[and x = '{{a}}']]' at character 21" + rule);
        assertSyntaxError("select 1 where true [[and x = 1 and y = 2 and z = 3 and w = 4]]",
                "'[[and x = 1 and y = 2 and z = 3 and w = …' at character 21" + rule);
    }

    @Test
    void aParameterOutsideBlocksWithoutAValueIsMissing() {
        UserError e = assertThrows(UserError.class,
                () -> ParameterSql.bind("select * from t where true [[and a = {{a}}]] and region = {{region}}", Map.of()));
        assertEquals(422, e.status());
        assertEquals("missing_parameter", e.code());
        assertEquals("parameter 'region' needs a value: give it in the URL (?region=…) or declare a default", e.getMessage());
    }

    @Test
    void hostileValuesAreOnlyEverBoundValues() {
        List<Object> hostile = List.of("1; drop table x", "' or '1'='1", "$$", "*/", "{{other}}", "]] [[?");
        Map<String, Object> values = Map.of("a", hostile.get(0), "b", hostile.get(1), "c", hostile.get(2),
                "d", hostile.get(3), "e", hostile.get(4), "f", hostile.get(5));
        Bound bound = ParameterSql.bind("select {{a}}, {{b}}, {{c}}, {{d}} [[, {{e}}]] [[, {{f}}]]", values);
        assertEquals("select ?, ?, ?, ? , ? , ?", bound.sql());
        assertEquals(hostile, bound.values());
        for (Object value : hostile) {
            assertFalse(bound.sql().contains((String) value), () -> value + " is in " + bound.sql());
        }
    }

    @Test
    void aHundredThousandCharacterSqlIsBoundWhole() {
        String segment = " and p = {{p}} and s = 'a?{{x}}]]' and doc ? 'k' /* [[ ]] */ [[and q = {{q}}]]\n";
        StringBuilder sql = new StringBuilder("select * from t where true");
        int segments = 0;
        while (sql.length() < 100_000) {
            sql.append(segment);
            segments++;
        }
        String text = sql.toString();
        Bound bound = ParameterSql.bind(text, Map.of("p", 1L));
        String expected = "select * from t where true"
                + " and p = ? and s = 'a?{{x}}]]' and doc ?? 'k' /* [[ ]] */ \n".repeat(segments);
        assertEquals(expected, bound.sql());
        assertEquals(segments, bound.values().size());
        assertEquals(List.of(new Use("p", false), new Use("q", true)), ParameterSql.uses(text));
    }

    @Test
    void pathologicalInputIsAnsweredNotStuck() {
        // Speed is bench work; this pins what each of these 100,000-character inputs comes back as.
        for (String unit : List.of("$a", "$1", "''", "\"\"", "/**/", "a$")) { // dollar quotes, $n, quotes, comments
            Bound asWritten = ParameterSql.bind(pathological(unit), Map.of("a", 1L));
            assertEquals(pathological(unit), asWritten.sql(), unit + " is sent as written");
            assertEquals(List.of(), asWritten.values(), unit);
        }
        Bound questions = ParameterSql.bind(pathological("?"), Map.of("a", 1L));
        assertEquals("select " + "??".repeat(100_000), questions.sql(), "each ? doubled, so pgjdbc binds none of them");
        assertEquals(List.of(), questions.values());
        Bound parameters = ParameterSql.bind(pathological("{{a}}"), Map.of("a", 1L));
        assertEquals("select " + "?".repeat(20_000), parameters.sql());
        assertEquals(Collections.nCopies(20_000, 1L), parameters.values());
        UserError opened = assertThrows(UserError.class, () -> ParameterSql.bind(pathological("["), Map.of("a", 1L)));
        assertEquals("bad_parameter_syntax", opened.code());
        assertEquals("'" + "[".repeat(40) + "…' at character 8 opens an optional block with [[ but no ]] closes it; "
                + "close the block with ]]", opened.getMessage());
        UserError closed = assertThrows(UserError.class, () -> ParameterSql.bind(pathological("]"), Map.of("a", 1L)));
        assertEquals("bad_parameter_syntax", closed.code());
        assertEquals("'" + "]".repeat(40) + "…' at character 8 closes an optional block with ]], but no [[ opened one; "
                + "remove it, or open the block with [[ after a space, '(', ',' or '='", closed.getMessage());
    }

    /** "select " and the unit repeated to 100,000 characters. */
    private static String pathological(String unit) {
        return "select " + unit.repeat(100_000 / unit.length());
    }

    private static void assertSyntaxError(String sql, String message) {
        UserError e = assertThrows(UserError.class, () -> ParameterSql.uses(sql));
        assertEquals(422, e.status());
        assertEquals("bad_parameter_syntax", e.code());
        assertEquals(message, e.getMessage());
        UserError fromBind = assertThrows(UserError.class, () -> ParameterSql.bind(sql, Map.of()));
        assertEquals(message, fromBind.getMessage());
        assertThrows(UserError.class, () -> ParameterSql.hasParameters(sql));
    }
}
