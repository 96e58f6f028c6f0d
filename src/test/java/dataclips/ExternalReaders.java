package dataclips;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's readers that tests read our output back with (python3 with pandas and openpyxl, xmllint). Without them
 * a test skips locally, saying why, but fails in CI (CI=1), where .ci/run installs them.
 */
public final class ExternalReaders {
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final Path XMLLINT = Path.of("/usr/bin/xmllint");

    private ExternalReaders() {}

    /** Why test cannot run here (and it prints so), or null when every reader is there. */
    public static String missing(String test) throws Exception {
        String why = null;
        if (!Files.isExecutable(PYTHON) || !Files.isExecutable(XMLLINT)) {
            why = test + " needs " + PYTHON + " and " + XMLLINT;
        } else if (new ProcessBuilder(PYTHON.toString(), "-c", "import pandas, openpyxl").start().waitFor() != 0) {
            why = test + " needs pandas and openpyxl for " + PYTHON;
        }
        if (why == null) {
            return null;
        }
        why += " (apt-get install python3-pandas python3-openpyxl libxml2-utils)";
        if (System.getenv("CI") != null) {
            fail(why + "; CI is set, so this is a failure, not a skip");
        }
        System.err.println("Skipping: " + why);
        return why;
    }
}
