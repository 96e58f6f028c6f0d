package dataclips.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a choices clip lists: only values a declared choice could be (1 to 200 visible characters), each once, at most
 * 1,000 and 64 KB of them, so a result of 45 KB values costs a request a short list, not 45 MB.
 */
class ChoiceListTest {
    @Test
    void onlyValuesADeclaredChoiceCouldBeAreListed() {
        ChoiceList list = new ChoiceList();
        for (String value : new String[] {"north", null, "", "x".repeat(201), "y".repeat(200), "tab\there", "rtl\u202e",
                "north", "Zürich 🚲", "south"}) {
            assertTrue(list.row(new String[] {value, "second column"}));
        }
        assertEquals(List.of("north", "y".repeat(200), "Zürich 🚲", "south"), list.values());
    }

    @Test
    void aResultOfLongValuesListsNoneOfThem() {
        ChoiceList list = new ChoiceList();
        for (int i = 0; i < 1000; i++) {
            assertTrue(list.row(new String[] {i + "x".repeat(45_000)}), "a value no choice could be is passed over");
        }
        assertEquals(List.of(), list.values());
    }

    @Test
    void theListStopsAtAThousandValues() {
        ChoiceList list = new ChoiceList();
        int asked = 0;
        while (list.row(new String[] {"v" + asked})) {
            asked++;
        }
        assertEquals(999, asked, "the 1,000th value fills it: no more rows are asked for");
        assertEquals(1000, list.values().size());
        assertEquals("v999", list.values().get(999));
    }

    @Test
    void theListStopsAt64Kilobytes() {
        ChoiceList list = new ChoiceList();
        List<String> sent = new ArrayList<>();
        boolean more = true;
        for (int i = 0; more && i < 1000; i++) {
            String value = String.format("%04d", i) + "é".repeat(98); // 200 bytes of UTF-8 each
            sent.add(value);
            more = list.row(new String[] {value});
        }
        assertFalse(more, "full before a thousand values");
        assertEquals(ChoiceList.MAX_BYTES / 200, list.values().size()); // 327 values: 65,400 bytes
        assertEquals(sent.subList(0, 327), list.values());
    }
}
