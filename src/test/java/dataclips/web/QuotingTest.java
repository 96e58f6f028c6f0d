package dataclips.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dataclips.ExternalReaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The quoting of the clip page's share lines, with hostile text: the exact strings, and a real sh and python3
 * reading the shell words and Python literals back as the text they hold (without python3 that test skips, saying
 * why, and fails in CI).
 */
class QuotingTest {
    private static final List<String> HOSTILE = List.of("plain", "", "it's", "\"double\"", "'\\''", "$(touch /tmp/x) `id` $HOME",
            "a\nb\tc\r", "back\\slash\\", "; rm -rf ~ #", "<script>alert(1)</script>", "æøå ☃ 😀", "\u202eevil\u2066");

    @Test
    void aFormulaStringDoublesItsQuotes() {
        assertEquals("\"https://x/clips/a.csv\"", Quoting.formulaString("https://x/clips/a.csv"));
        assertEquals("\"say \"\"hi\"\"\"", Quoting.formulaString("say \"hi\""));
        assertEquals("\"\"\"\"\"\"", Quoting.formulaString("\"\""));
    }

    @Test
    void aShellWordIsReadBackBySh() throws Exception {
        assertEquals("'it'\\''s'", Quoting.shellWord("it's"));
        assertEquals("'$(id)'", Quoting.shellWord("$(id)"));
        for (String text : HOSTILE) {
            assertEquals(text, run(List.of("sh", "-c", "printf '%s' " + Quoting.shellWord(text))), text);
        }
    }

    @Test
    void aPythonStringEscapesQuotesBackslashesAndControlCharacters() throws Exception {
        assertEquals("\"it's\"", Quoting.pythonString("it's"));
        assertEquals("\"\\\"double\\\"\"", Quoting.pythonString("\"double\""));
        assertEquals("\"a\\nb\\tc\\r\\x00\\x7f\"", Quoting.pythonString("a\nb\tc\r\u0000\u007f"));
        assertEquals("\"back\\\\slash\\\\\"", Quoting.pythonString("back\\slash\\"));
        assertEquals("\"\\u202eevil\\u2066 \\U000e0001\"", Quoting.pythonString("\u202eevil\u2066 \udb40\udc01"));
        assertEquals("\"æøå 😀\"", Quoting.pythonString("æøå 😀"));
    }

    @Test
    void aPythonStringIsReadBackByPython3() throws Exception {
        String missing = ExternalReaders.missingPython("QuotingTest");
        Assumptions.assumeTrue(missing == null, missing);
        for (String text : HOSTILE) {
            String literal = Quoting.pythonString(text);
            assertEquals(-1, literal.indexOf('\n'), "one line");
            assertEquals(text, run(List.of(ExternalReaders.PYTHON.toString(), "-c",
                    "import sys; sys.stdout.buffer.write((" + literal + ").encode('utf-8', 'surrogatepass'))")), text);
        }
    }

    @Test
    void markdownTextEscapesWhatWouldOpenMarkupAndStaysOnOneLine() {
        assertEquals("Sales by month (EU), 2024!", Quoting.markdownText("Sales by month (EU), 2024!"));
        assertEquals("\\[x\\](javascript:y) \\<img src=x\\> \\&amp; \\*a\\* \\_b\\_ \\`c\\` \\| \\~d\\~ \\\\",
                Quoting.markdownText("[x](javascript:y) <img src=x> &amp; *a* _b_ `c` | ~d~ \\"));
        assertEquals("two lines  evil ", Quoting.markdownText("two\nlines\r\u202eevil\u2066"));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }
}
