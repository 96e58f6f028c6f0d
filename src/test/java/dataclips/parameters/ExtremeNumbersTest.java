package dataclips.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.clips.Slugs;
import dataclips.UserError;
import dataclips.parameters.Parameter.LinkHolders;
import dataclips.parameters.Parameter.Type;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Numbers whose exponent is near the end of int: short text, but precision minus scale passes Integer.MAX_VALUE, which
 * once wrapped round to a negative "fits" and a NegativeArraySizeException (a 500) in canonical(). Each is a 422 naming
 * the parameter, as a value, a min and a max.
 */
class ExtremeNumbersTest {
    private static final Parameter N = new Parameter("n", Type.NUMBER, null, List.of(), null, null, LinkHolders.EDITABLE);
    private static final List<String> EXTREME = List.of("9e2147483647", "12345678901234567890e2147483640",
            "-9e2147483647", "1e2147483647", "9e-2147483647", "1e-2147483648", "99e2147483646");

    @Test
    void extremeExponentsAreRefusedNamingTheParameter() {
        for (String text : EXTREME) {
            UserError e = assertThrows(UserError.class, () -> ParameterValues.parse(N, text, Clock.systemUTC()), text);
            assertEquals(422, e.status(), text);
            assertEquals("bad_parameter_value", e.code(), text);
            assertTrue(e.getMessage().startsWith("parameter 'n' must be a number"), e.getMessage());
        }
    }

    @Test
    void extremeBoundsAreRefusedAtDeclaration() {
        for (String text : EXTREME) {
            Parameter bounded = new Parameter("n", Type.NUMBER, null, List.of(), text, null, LinkHolders.EDITABLE);
            UserError e = assertThrows(UserError.class,
                    () -> ParameterDeclarations.check(List.of(bounded), java.util.Set.of("n"), java.util.Set.of(), Slugs::wellFormed), text);
            assertEquals(422, e.status(), text);
            assertTrue(e.getMessage().startsWith("the min of parameter 'n' must be a number"), e.getMessage());
        }
    }

    @Test
    void theLargestAcceptedNumbersStillHaveTheirCanonicalText() {
        assertEquals("1" + "0".repeat(999), ParameterValues.canonical(ParameterValues.parse(N, "1e999", Clock.systemUTC())));
        assertEquals("0." + "0".repeat(999) + "1",
                ParameterValues.canonical(ParameterValues.parse(N, "1e-1000", Clock.systemUTC())));
        assertEquals(new BigDecimal("9E+999"), ParameterValues.parse(N, "9e999", Clock.systemUTC()));
    }
}
