package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL's array output, read back into lists: quoting, escapes, NULL against "NULL", nesting, malformed text. */
class PgArraysTest {
    @Test
    void emptyAndFlatArrays() {
        assertEquals(List.of(), PgArrays.parse("{}"));
        assertEquals(Arrays.asList("1", "2", null), PgArrays.parse("{1,2,NULL}"));
        assertEquals(List.of("-1.5", "NaN", "Infinity"), PgArrays.parse("{-1.5,NaN,Infinity}"));
    }

    @Test
    void quotedElementsKeepSpacesDelimitersQuotesAndBackslashes() {
        assertEquals(Arrays.asList("a b", "d\"e", null, "", "b,c", "x\\y", "{}"),
                PgArrays.parse("{\"a b\",\"d\\\"e\",NULL,\"\",\"b,c\",\"x\\\\y\",\"{}\"}"));
    }

    @Test
    void onlyAnUnquotedNullIsNull() {
        assertEquals(Arrays.asList("NULL", null, null, "NULL"), PgArrays.parse("{\"NULL\",NULL,null,\\NULL}"));
    }

    @Test
    void nestedArrays() {
        assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), PgArrays.parse("{{1,2},{3,4}}"));
        assertEquals(List.of(List.of(List.of("a")), List.of(List.of("b"))), PgArrays.parse("{{{a}},{{b}}}"));
        assertEquals(List.of(List.of(), List.of()), PgArrays.parse("{{},{}}"));
    }

    @Test
    void unicodeAndBlanksAroundElements() {
        assertEquals(List.of("日本語 🙂", "é", "x"), PgArrays.parse("{\"日本語 🙂\", é ,x}"));
    }

    @Test
    void boundsDecorationIsSkippedAndOtherDelimitersWork() {
        assertEquals(List.of("7", "8"), PgArrays.parse("[0:1]={7,8}"));
        assertEquals(List.of(List.of("1")), PgArrays.parse("[0:0][2:2]={{1}}"));
        assertEquals(List.of("(1,1),(0,0)", "(2,2),(1,1)"), PgArrays.parse("{(1,1),(0,0);(2,2),(1,1)}", ';'));
    }

    @Test
    void malformedLiteralsAreRefused() {
        for (String bad : List.of("", "1,2", "{", "{1,2", "{1,,2}", "{\"a}", "{1}x", "{a\"b}", "{1,}", "[0:1]{1}")) {
            assertThrows(IllegalArgumentException.class, () -> PgArrays.parse(bad), bad);
        }
    }
}
