package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A choice list read from another clip ({@link Asked}, {@link dataclips.parameters.ChoiceList}): values no declared choice
 * could be (here 45 KB each) are not listed, in the page's options or a refusal's message, and cannot be chosen.
 */
class ChoicesFromClipTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void longValuesOfTheChoicesClipAreNotListed() throws Exception {
        String choices = app.slug("long choices", "select v from (select g || repeat('x', 45000) as v, g "
                + "from generate_series(1, 20) g union all select 'north', 21 union all select 'south', 22) t order by g");
        Http.Response made = app.http().postJson("/api/v1/clips", Map.of("title", "uses them", "source", "employees",
                "sql", "select {{w}} as w", "parameters", Json.MAPPER.readTree("[{\"name\":\"w\",\"type\":\"choice\","
                        + "\"choices_clip\":\"" + choices + "\",\"default\":\"north\"}]")), Http.bearer(app.admin()));
        assertEquals(201, made.status(), made.body());
        String slug = made.json().get("slug").asText();
        Http.Response page = app.http().get("/clips/" + slug);
        assertEquals(200, page.status());
        assertEquals(List.of("", "north", "south"), Jsoup.parse(page.body()).select("select[name=w] option").eachAttr("value"));
        assertTrue(page.body().length() < 200_000, "the page is " + page.body().length() + " characters");
        Http.Response refused = app.http().get("/clips/" + slug + ".json?w=east");
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("must be exactly one of 'north', 'south'"), refused.body());
        assertTrue(refused.body().length() < 2_000, refused.body());
        Http.Response longOne = app.http().get("/clips/" + slug + ".csv?w=1" + "x".repeat(45_000));
        assertTrue(longOne.status() == 422 || longOne.status() == 414, "a long value is no choice: " + longOne.status());
        assertEquals("w\r\nsouth\r\n", app.http().get("/clips/" + slug + ".csv?w=south").body());
    }
}
