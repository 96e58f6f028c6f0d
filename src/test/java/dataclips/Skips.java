package dataclips;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;

/**
 * Tests that need a tool this machine may lack (Chromium, python3 and its readers, xmllint): without it they skip
 * locally, saying why, but fail in CI, where .ci/run installs everything. The one place the CI variable is read.
 */
public final class Skips {
    private Skips() {}

    /** CI=1 or CI=true (any case), as .ci/run and most CI services set it; CI=false, CI=0 or no CI is a local run. */
    public static boolean inCi() {
        return isCiValue(System.getenv("CI"));
    }

    static boolean isCiValue(String value) {
        return value != null && (value.equals("1") || value.toLowerCase(Locale.ROOT).equals("true"));
    }

    /** A test cannot run here, for this reason: in CI that fails it; else it prints the reason and returns it. */
    public static String unlessCi(String why) {
        if (inCi()) {
            fail(why + "; CI is set, so this is a failure, not a skip");
        }
        System.err.println("Skipping: " + why);
        return why;
    }
}
