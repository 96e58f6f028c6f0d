package dataclips.export.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.export.Column;
import dataclips.export.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The automatic chart from a result's columns, row count and leading column: a count per text draws bars, a sum per
 * date a line; a list of rows (its numbers identify rows: id, *_id, *_no, or a leading key) and an empty result get
 * no chart, with the reason the owner is shown.
 */
class AutoPlanTest {
    private static Column col(String name, String pgType) {
        return new Column(name, pgType, Kind.of(pgType));
    }

    private static ChartPlan plan(long rows, boolean leadingKey, Column... columns) {
        return ChartPlan.of(ChartSpec.AUTO, List.of(columns), rows, leadingKey);
    }

    private static ChartPlan.Drawn drawn(ChartType type, int x, Integer... y) {
        return new ChartPlan.Drawn(type, x, List.of(y), -1, ChartSpec.AUTO);
    }

    @Test
    void textAndACountDrawBars() {
        assertEquals(drawn(ChartType.BAR, 0, 1), plan(9, true, col("department", "varchar"), col("employees", "int8")));
    }

    @Test
    void aDateAndASumDrawALineOverTime() {
        assertEquals(drawn(ChartType.LINE, 0, 1), plan(168, true, col("month", "date"), col("revenue", "numeric")));
        assertEquals(drawn(ChartType.LINE, 1, 2), plan(3, false, col("region", "text"), col("at", "timestamptz"),
                col("total", "float8")));
    }

    @Test
    void aListOfEmployeesGetsNoChart() {
        ChartPlan employees = plan(1000, true, col("emp_no", "int4"), col("first_name", "varchar"),
                col("last_name", "varchar"), col("hire_date", "date"));
        assertEquals(new ChartPlan.Unchartable("the result is a list of rows: its numbers (emp_no) identify rows rather "
                + "than measure anything"), employees);
    }

    @Test
    void identifiersAreNotMeasures() {
        assertEquals(drawn(ChartType.BAR, 3, 2), plan(50, false, col("id", "int8"), col("customer_id", "int4"),
                col("total", "numeric"), col("region", "text")));
        assertEquals(new ChartPlan.Unchartable("the result is a list of rows: its numbers (ID, order_id) identify rows "
                + "rather than measure anything"), plan(50, false, col("ID", "int8"), col("order_id", "int4"),
                col("note", "text")));
        assertEquals(new ChartPlan.Unchartable("the result is a list of rows with one number each and nothing to draw "
                + "them over"), plan(50, false, col("id", "int4"), col("salary", "int4")));
    }

    @Test
    void aLeadingKeyIsNoMeasureButMayBeTheLinesX() {
        Column year = col("year", "int4");
        Column total = col("total", "numeric");
        assertEquals(drawn(ChartType.LINE, 0, 1), plan(10, true, year, total), "year, total: a line over the years");
        assertEquals(drawn(ChartType.SCATTER, 0, 1), plan(10, false, year, total), "a repeated year: two measures");
        assertEquals(drawn(ChartType.BAR, 1, 2), plan(10, true, col("rank", "int8"), col("name", "text"),
                col("salary", "int4")), "rank is not drawn as a series");
        assertEquals(new ChartPlan.Unchartable("the result is a list of rows: its numbers (n) identify rows rather than "
                + "measure anything"), plan(10, true, col("n", "int4"), col("name", "text")));
    }

    @Test
    void anEmptyResultAndTextAloneGetNoChart() {
        assertEquals(new ChartPlan.Unchartable("the query returned no rows"),
                plan(0, false, col("department", "text"), col("employees", "int8")));
        assertEquals(new ChartPlan.Unchartable("the query returned no rows"), ChartPlan.of(new ChartSpec(ChartType.BAR,
                "department", List.of("employees"), null, null, null, null), List.of(col("department", "text"),
                col("employees", "int8")), 0, false), "an owner's setting too");
        assertEquals(new ChartPlan.Unchartable("the result has no number column to chart"),
                plan(3, false, col("a", "text"), col("b", "date")));
    }

    @Test
    void oneNumberIsAFigureForOneRowOnly() {
        assertEquals(drawn(ChartType.NUMBER, -1, 0), plan(1, false, col("count", "int8")));
        assertEquals(new ChartPlan.Unchartable("the result is a list of rows with one number each and nothing to draw "
                + "them over"), plan(2, false, col("salary", "int4")));
    }

    @Test
    void theLeadingKeyIsReadFromTheFirstThousandRows() {
        assertTrue(LeadingKey.of(List.of("1990", "1991", "1992")).distinct());
        assertFalse(LeadingKey.of(List.of("1990", "1991", "1990")).distinct(), "a repeated value");
        assertFalse(LeadingKey.of(List.of("1990")).distinct(), "one row is no list");
        assertFalse(LeadingKey.of(java.util.Arrays.asList("1", null, "2")).distinct(), "a NULL");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < LeadingKey.WATCHED; i++) {
            values.add(Integer.toString(i));
        }
        values.add("0");
        assertTrue(LeadingKey.of(values).distinct(), "a repeat after the first 1,000 rows is not seen");
        assertTrue(ChartPlan.needsLeadingKey(ChartSpec.AUTO, List.of(col("year", "int4"), col("total", "numeric"))));
        assertFalse(ChartPlan.needsLeadingKey(ChartSpec.AUTO, List.of(col("day", "date"), col("total", "numeric"))),
                "a leading date is no key: the plan needs no rows to be read");
    }
}
