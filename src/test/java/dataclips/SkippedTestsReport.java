package dataclips;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints at the end of the run every test that was skipped or aborted (a failed assumption) and why: surefire
 * writes the reasons only into its report files, where nobody reads them. Registered for every run through
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener.
 */
public final class SkippedTestsReport implements TestExecutionListener {
    private final List<String> skipped = new ArrayList<>();

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        skipped.add(name(test) + ": " + reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            skipped.add(name(test) + ": " + result.getThrowable().map(Throwable::getMessage).orElse("no reason given"));
        }
    }

    /**
     * Written to the process's own standard error: surefire sends System.out and System.err to the last test
     * class's report file (redirectTestOutputToFile), but passes the forked JVM's native stderr to the console.
     */
    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        StringBuilder report = new StringBuilder("Skipped tests: " + (skipped.isEmpty() ? "none" : skipped.size()));
        skipped.forEach(line -> report.append("\n  ").append(line));
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        console.println(report);
    }

    private static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource method) {
            return method.getClassName() + "." + method.getMethodName();
        }
        return source instanceof ClassSource type ? type.getClassName() : test.getDisplayName();
    }
}
