package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Numbers written as integers where they are whole read back as exactly the same double as POI's Double.toString. */
class FastSheetDataTest {
    @Test
    void everyNumberReadsBackAsTheSameDouble() {
        List<Double> samples = List.of(0.0, -0.0, 1.0, -1.0, 123.0, 1.37, 999999999999999.0, 1e15, 1e15 + 2, -1e15,
                9.223372036854776E18, 1e-300, 4.9e-324, 123456.789, Math.PI, 2e307);
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double whole = Math.rint(random.nextGaussian() * 1e9);
            check(whole);
            check(random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15));
        }
        samples.forEach(FastSheetDataTest::check);
        assertEquals("123", FastSheetData.number(123.0), "whole numbers without the Double.toString fraction");
        assertEquals("1.37", FastSheetData.number(1.37));
    }

    private static void check(double value) {
        assertEquals(value, Double.parseDouble(FastSheetData.number(value)), 0.0, "for " + value);
    }
}
