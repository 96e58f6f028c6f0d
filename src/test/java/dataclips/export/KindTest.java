package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.export.EveryTypeColumns.Declared;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kind.of, the type map every writer decides by, against the kinds written out by hand (EveryTypeColumns). */
class KindTest {
    @Test
    void everyTypeColumnHasTheDriversTypeNameAndThatNameMapsToItsKind() throws Exception {
        List<Column> reported = JsonWriterTest.query("select * from every_type where false").columns();
        assertEquals(EveryTypeColumns.COLUMNS.stream().map(Declared::name).toList(),
                reported.stream().map(Column::name).toList(), "every column of every_type is in the list");
        assertEquals(EveryTypeColumns.pgTypes(), reported.stream().map(Column::pgType).toList());
        for (Declared column : EveryTypeColumns.COLUMNS) {
            assertEquals(column.kind(), Kind.of(column.pgType()), column.name() + " " + column.pgType());
        }
    }

    @Test
    void typesTheSampleLacksMapAsDocumented() {
        Map<String, Kind> more = Map.ofEntries(Map.entry("INT8", Kind.INTEGER), Map.entry("oid", Kind.INTEGER),
                Map.entry("Float8", Kind.FLOAT), Map.entry("_mood", Kind.ARRAY), Map.entry("_bool", Kind.ARRAY),
                Map.entry("name", Kind.TEXT), Map.entry("char", Kind.TEXT), Map.entry("citext", Kind.TEXT),
                Map.entry("macaddr", Kind.TEXT), Map.entry("macaddr8", Kind.TEXT), Map.entry("xml", Kind.TEXT),
                Map.entry("tsvector", Kind.TEXT), Map.entry("tsquery", Kind.TEXT), Map.entry("bit", Kind.TEXT),
                Map.entry("varbit", Kind.TEXT), Map.entry("point", Kind.OTHER), Map.entry("int4range", Kind.OTHER),
                Map.entry("", Kind.OTHER));
        more.forEach((type, kind) -> assertEquals(kind, Kind.of(type), "'" + type + "'"));
        assertEquals(Kind.OTHER, Kind.of(null), "no type name at all");
    }

    @Test
    void onlyIntegersDecimalsAndFloatsAreNumeric() {
        for (Kind kind : Kind.values()) {
            assertEquals(List.of(Kind.INTEGER, Kind.DECIMAL, Kind.FLOAT).contains(kind), kind.isNumeric(), kind.name());
        }
        assertFalse(Kind.of("money").isNumeric(), "money is text");
        assertTrue(Kind.of("numeric").isNumeric());
    }
}
