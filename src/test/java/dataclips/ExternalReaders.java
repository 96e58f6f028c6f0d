package dataclips;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's readers that tests read our output back with (python3 with pandas and openpyxl, xmllint). Without them
 * a test skips locally, saying why, but fails in CI ({@link Skips}), where .ci/run installs them.
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
        return Skips.unlessCi(why + " (apt-get install python3-pandas python3-openpyxl libxml2-utils)");
    }

    /** Why test cannot run python3 here (and it prints so), or null when it can. */
    public static String missingPython(String test) {
        return Files.isExecutable(PYTHON) ? null : Skips.unlessCi(test + " needs " + PYTHON + " (apt-get install python3)");
    }
}
