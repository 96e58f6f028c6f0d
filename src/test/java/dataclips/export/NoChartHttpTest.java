package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.export.ExportReadBack.Download;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A result that gets no chart has no image: its image URLs answer 404 no_chart with the reason, for a live run, a
 * stored result (GET and HEAD) and an empty one, while the run is stored for the table formats all the same.
 */
class NoChartHttpTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void theImageOfAResultWithoutAChartIsANotFoundSayingWhy() throws Exception {
        String people = app.slug("People", "select emp_no, first_name, hire_date from employees order by emp_no limit 20");
        Download live = ExportReadBack.get(app.app(), "/clips/" + people + ".svg");
        assertEquals(404, live.status());
        assertEquals("Error 404 no_chart: this result has no chart: the result is a list of rows: its numbers (emp_no) "
                + "identify rows rather than measure anything. Its rows are at the same URL with .csv, .json, .xml or "
                + ".xlsx; whoever may edit the clip chooses a chart on its page (Edit, Chart)\n",
                new String(live.body(), StandardCharsets.UTF_8));
        assertEquals(200, ExportReadBack.get(app.app(), "/clips/" + people + ".csv").status(), "the run was stored");
        Download stored = ExportReadBack.get(app.app(), "/clips/" + people + ".png");
        assertEquals(404, stored.status());
        assertTrue(new String(stored.body(), StandardCharsets.UTF_8).startsWith("Error 404 no_chart: "));
        assertEquals(404, app.http().send("HEAD", "/clips/" + people + ".svg", "").status());

        String empty = app.slug("Nothing", "select current_date as day, 1 as n where false");
        assertTrue(new String(ExportReadBack.get(app.app(), "/clips/" + empty + ".svg").body(), StandardCharsets.UTF_8)
                .contains("the query returned no rows"));
        String years = app.slug("Years", "select y as year, y - 2000 as total from generate_series(2001, 2003) y");
        assertEquals(200, ExportReadBack.get(app.app(), "/clips/" + years + ".svg").status(), "a key read from the rows");
    }
}
