package dataclips.export.chart;

import static dataclips.export.chart.ChartReadBack.PLAIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.export.ResultInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Results that try to break the picture: markup in labels, invisible characters, huge text and results. */
class ChartHostileTest {
    private static final String HOSTILE = """
            select * from (values
              ('<script>alert(1)</script>', 1.5::float8),
              ('</svg><svg onload="x">', 'NaN'::float8),
              (']]><![CDATA[', 'Infinity'::float8),
              ('ctrl' || chr(1) || 'char', '-Infinity'::float8),
              (chr(8238) || 'reversed', null),
              (repeat('x', 100000), 2),
              (null, 3)) t("<script>name</script>", "y ]]> </svg> & <")""";

    @Test
    void hostileTextStaysTextAndNonFiniteValuesAreSkipped() throws Exception {
        ResultInfo info = new ResultInfo("<script>alert('title')</script>" + (char) 1, null,
                new TreeMap<>(Map.of("p</svg>", "]]>" + (char) 0x202E)));
        for (ImageFormat format : ImageFormat.values()) {
            byte[] image = ChartReadBack.chart(HOSTILE, info, format, ChartSpec.AUTO, ImageSize.DEFAULT, 1).get(0);
            if (format == ImageFormat.PNG) {
                ChartReadBack.png(image, ImageSize.DEFAULT);
                continue;
            }
            ChartReadBack.Svg svg = ChartReadBack.svg(image);
            assertEquals(0, svg.elements("script"), "no script element, whatever the labels say");
            assertEquals(0, svg.document().getElementsByTagNameNS("*", "svg").getLength() - 1, "one svg element");
            String text = new String(image, StandardCharsets.UTF_8);
            assertFalse(text.contains("\u202E") || text.contains("\u0001"), "invisible and control characters dropped");
            assertTrue(svg.bytes() < 100_000, "a 100 kB label is cut: " + svg.bytes());
            assertTrue(svg.texts().contains("<script>name</script>"), "markup in a column name is shown as text");
            assertTrue(svg.hovers().contains("<script>alert(1)</script>: y ]]> </svg> & < = 1.5"), svg.hovers().toString());
            assertTrue(svg.hovers().contains("NULL: y ]]> </svg> & < = 3"));
            assertEquals(3, svg.hovers().size(), "NaN, ±Infinity and NULL draw no bar: " + svg.hovers());
            assertTrue(svg.allText().contains("4 empty or non-finite values skipped"), svg.allText());
            assertTrue(svg.allText().contains("p</svg> = ]]>"), "parameters are shown as text: " + svg.allText());
        }
    }

    @Test
    void unreadableTimesAreSkippedOnALine() throws Exception {
        ChartReadBack.Svg svg = ChartReadBack.svg("""
                select * from (values ('2024-01-01'::timestamptz, 'NaN'::numeric), ('infinity', 1),
                  ('2024-01-02 12:00:00+02', 2)) t(at, v)""", ChartSpec.AUTO);
        assertEquals(List.of("2024-01-02 10:00:00 UTC: v = 2"), svg.hovers());
        assertTrue(svg.allText().contains("2 empty or non-finite values skipped"), svg.allText());
    }

    @Test
    void aMillionCategoriesDrawTheTopTwentyAndOtherTheSameEachTime() throws Exception {
        List<byte[]> svgs = ChartReadBack.chart("select g::text as name, g as v from generate_series(1, 1000000) g",
                PLAIN, ImageFormat.SVG, ChartSpec.AUTO, ImageSize.DEFAULT, 2);
        assertArrayEquals(svgs.get(0), svgs.get(1), "the same result gives the same bytes");
        ChartReadBack.Svg svg = ChartReadBack.svg(svgs.get(0));
        assertEquals(21, svg.hovers().size());
        assertEquals("999981: v = 999,981", svg.hovers().get(0), "the top 20 in the order they came");
        assertEquals("other: v = 499,980,500,190", svg.hovers().get(20), "every other category summed");
        assertTrue(svg.allText().contains("top 20 of 1,000,000 categories; the rest summed as 'other'"), svg.allText());
    }

    @Test
    void aMillionPointLineStaysSmall() throws Exception {
        List<byte[]> svgs = ChartReadBack.chart("""
                select timestamptz '2024-01-01' + g * interval '1 second' as at, sin(g / 50000.0) as y
                from generate_series(1, 1000000) g""", PLAIN, ImageFormat.SVG, ChartSpec.AUTO, ImageSize.DEFAULT, 1);
        ChartReadBack.Svg svg = ChartReadBack.svg(svgs.get(0));
        assertTrue(svg.bytes() < 1_000_000, "under 1 MB: " + svg.bytes());
        assertTrue(svg.hovers().size() > 500 && svg.hovers().size() <= HoverTitles.MOST, "hovers: " + svg.hovers().size());
        assertTrue(svg.hovers().stream().allMatch(h -> h.startsWith("2024-01-")), svg.hovers().get(0));
    }
}
