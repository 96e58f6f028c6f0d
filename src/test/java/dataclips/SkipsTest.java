package dataclips;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only CI=1 or CI=true (any case) turns a missing tool's skip into a failure; any other value is a local run. */
class SkipsTest {
    @Test
    void ciIsSetOnlyByOneOrTrue() {
        for (String ci : List.of("1", "true", "TRUE", "True")) {
            assertTrue(Skips.isCiValue(ci), ci);
        }
        for (String ci : Arrays.asList("false", "FALSE", "0", "", null, "yes", "no", " 1", "true ")) {
            assertFalse(Skips.isCiValue(ci), "CI=" + ci + " is not CI");
        }
    }
}
