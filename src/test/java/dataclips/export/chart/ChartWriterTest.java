package dataclips.export.chart;

import static dataclips.export.chart.ChartReadBack.PLAIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.export.ResultInfo;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each kind of chart from a real result: the hover texts count the items drawn, the texts name the axes. */
class ChartWriterTest {
    private static final String DAYS = """
            select d::date as day, extract(day from d)::int * 10 as revenue, 5.5::numeric as cost
            from generate_series('2024-01-01'::date, '2024-01-31', '1 day') d""";

    @Test
    void datesAndNumbersDrawOneLinePerNumberColumn() throws Exception {
        ResultInfo info = new ResultInfo("Revenue", OffsetDateTime.parse("2024-02-29T15:45:30+02:00"),
                new TreeMap<>(java.util.Map.of("year", "2024", "region", "EU")));
        ChartReadBack.Svg svg = ChartReadBack.svg(
                ChartReadBack.chart(DAYS, info, ImageFormat.SVG, ChartSpec.AUTO, ImageSize.DEFAULT, 1).get(0));
        assertEquals("800", svg.root().getAttribute("width"));
        assertEquals("400", svg.root().getAttribute("height"));
        assertEquals("0 0 800 400", svg.root().getAttribute("viewBox"));
        assertEquals(31, svg.hoversContaining(": revenue = "));
        assertEquals(31, svg.hoversContaining(": cost = "));
        assertTrue(svg.hovers().contains("2024-01-03: revenue = 30"), svg.hovers().toString());
        assertTrue(svg.hovers().contains("2024-01-03: cost = 5.5"));
        List<String> texts = svg.texts();
        assertTrue(texts.contains("day"), "the x axis is named after its column: " + texts);
        assertTrue(texts.contains("Revenue"), "the title is the clip's");
        assertTrue(svg.allText().contains("as of 2024-02-29 13:45:30 UTC · region = EU, year = 2024"), svg.allText());
    }

    @Test
    void textAndNumbersDrawBars() throws Exception {
        ChartReadBack.Svg svg = ChartReadBack.svg(
                "select 'cat ' || g as name, g * 10 as total from generate_series(1, 5) g", ChartSpec.AUTO);
        assertEquals(List.of("cat 1: total = 10", "cat 2: total = 20", "cat 3: total = 30", "cat 4: total = 40",
                "cat 5: total = 50"), svg.hovers());
        assertTrue(svg.texts().containsAll(List.of("name", "total", "cat 1")), svg.texts().toString());
    }

    @Test
    void twoNumbersDrawAScatter() throws Exception {
        ChartReadBack.Svg svg = ChartReadBack.svg(
                "select g::float8 as x, (g * g)::float8 as y from generate_series(1, 100) g", ChartSpec.AUTO);
        assertEquals(100, svg.hoversContaining(": y = "));
        assertTrue(svg.hovers().contains("7: y = 49"));
        assertTrue(svg.texts().containsAll(List.of("x", "y")));
    }

    @Test
    void oneNumberIsATile() throws Exception {
        ChartReadBack.Svg svg = ChartReadBack.svg("select count(*) from generate_series(1, 1234567)", ChartSpec.AUTO);
        assertTrue(svg.texts().containsAll(List.of("1,234,567", "count")), svg.texts().toString());
    }

    @Test
    void aListOfRowsAnEmptyResultAndTextAloneDrawNothingAndSayWhy() throws Exception {
        assertEquals(Optional.of("the result is a list of rows: its numbers (emp_no) identify rows rather than measure "
                + "anything"), ChartReadBack.missing("select emp_no, first_name, last_name, hire_date from employees "
                + "order by emp_no limit 50", ChartSpec.AUTO));
        assertEquals(Optional.of("the result is a list of rows with one number each and nothing to draw them over"),
                ChartReadBack.missing("select (g % 2) * 2 as n from generate_series(1, 3) g", ChartSpec.AUTO));
        assertEquals(Optional.of("the result is a list of rows: its numbers (n) identify rows rather than measure "
                + "anything"), ChartReadBack.missing("select g * 2 as n from generate_series(1, 3) g", ChartSpec.AUTO));
        assertEquals(Optional.of("the query returned no rows"),
                ChartReadBack.missing("select current_date as day, 1 as v where false", ChartSpec.AUTO));
        assertEquals(Optional.of("the result has no number column to chart"),
                ChartReadBack.missing("select 'a'::text as name", ChartSpec.AUTO));
    }

    @Test
    void aLeadingKeyIsTheLinesXAndARepeatedOneAMeasure() throws Exception {
        ChartReadBack.Svg years = ChartReadBack.svg(
                "select y as year, (y - 2000) * 10 as total from generate_series(2001, 2005) y", ChartSpec.AUTO);
        assertEquals(List.of("2001: total = 10", "2002: total = 20", "2003: total = 30", "2004: total = 40",
                "2005: total = 50"), years.hovers(), "one line, over the years, read as years");
        assertTrue(years.allText().contains("2003") && !years.allText().contains("2,0"), "year ticks: " + years.allText());
        ChartReadBack.Svg counts = ChartReadBack.svg(
                "select n * 1000 as seats, n as total from generate_series(1, 5) n", new ChartSpec(ChartType.LINE,
                        "seats", List.of("total"), null, null, null, null));
        assertEquals("2,000: total = 2", counts.hovers().get(1), "other whole numbers keep their separator");
        ChartReadBack.Svg repeated = ChartReadBack.svg(
                "select y % 3 as bucket, y as total from generate_series(1, 5) y", ChartSpec.AUTO);
        assertEquals(5, repeated.hoversContaining(": total = "), "a scatter of the two: " + repeated.hovers());
    }

    @Test
    void aPieLeavesOutZeroAndNegativeValues() throws Exception {
        ChartSpec pie = new ChartSpec(ChartType.PIE, "name", List.of("v"), null, "Shares", null, null);
        ChartReadBack.Svg svg = ChartReadBack.svg(
                "select * from (values ('a', 5), ('b', 0), ('c', -3), ('d', 2)) t(name, v)", pie);
        assertEquals(List.of("a = 5", "d = 2"), svg.hovers());
        assertTrue(svg.allText().contains("2 zero or negative values left out of the pie"), svg.allText());
        assertTrue(svg.texts().contains("Shares"), "the owner's title wins");
    }

    @Test
    void aStackedBarSplitsBySeriesBy() throws Exception {
        ChartSpec stacked = new ChartSpec(ChartType.STACKED_BAR, "region", List.of("amount"), "year", null, "Region",
                "Amount");
        ChartReadBack.Svg svg = ChartReadBack.svg("""
                select r as region, y::text as year, (y - 2000) * length(r) as amount
                from unnest(array['EU', 'US', 'APAC']) r, generate_series(2021, 2023) y order by y, r""", stacked);
        assertEquals(9, svg.hovers().size(), svg.hovers().toString());
        assertTrue(svg.hovers().contains("APAC: 2022 = 88"), svg.hovers().toString());
        assertTrue(svg.texts().containsAll(List.of("Region", "Amount", "2021", "2023")), svg.texts().toString());
    }

    @Test
    void atMostTwelveNumberColumnsAndTenSeriesValues() throws Exception {
        StringBuilder sql = new StringBuilder("select d::date as day");
        for (int i = 1; i <= 14; i++) {
            sql.append(", ").append(i).append(" * extract(day from d)::int as n").append(i);
        }
        sql.append(" from generate_series('2024-01-01'::date, '2024-01-05', '1 day') d");
        ChartReadBack.Svg wide = ChartReadBack.svg(sql.toString(), ChartSpec.AUTO);
        assertEquals(12 * 5, wide.hovers().size());
        assertEquals(0, wide.hoversContaining(": n13 = "));
        assertTrue(wide.allText().contains("only the first 12 number columns drawn"), wide.allText());

        ChartSpec bySeries = new ChartSpec(ChartType.LINE, "x", List.of("y"), "s", null, null, null);
        ChartReadBack.Svg split = ChartReadBack.svg(
                "select x, s::text, x * s as y from generate_series(1, 4) x, generate_series(1, 15) s", bySeries);
        assertEquals(10 * 4, split.hovers().size());
        assertTrue(split.allText().contains("only the first 10 series drawn; 20 rows of other series left out"),
                split.allText());
    }

    @Test
    void aPngHasTheRequestedSizeAndTheSameBytesEachTime() throws Exception {
        ImageSize size = new ImageSize(640, 320);
        List<byte[]> pngs = ChartReadBack.chart(DAYS, PLAIN, ImageFormat.PNG, ChartSpec.AUTO, size, 2);
        ChartReadBack.png(pngs.get(0), size);
        assertArrayEquals(pngs.get(0), pngs.get(1));
        List<byte[]> svgs = ChartReadBack.chart(DAYS, PLAIN, ImageFormat.SVG, ChartSpec.AUTO, size, 2);
        assertArrayEquals(svgs.get(0), svgs.get(1));
    }
}
