package dataclips.export.chart;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How long a big chart takes and how much heap it needs: N synthetic rows (default 1,000,000) streamed into
 * ChartWriter, as a timestamp and two numbers (a line) and as text and a number (bars, a million categories),
 * in SVG and PNG. Not a test: run it with a small heap, e.g.
 * {@code java -Xmx256m -cp target/classes:target/test-classes:$(cat cp.txt) dataclips.export.chart.ChartTiming}.
 * Peak heap is the JVM's own per-pool peak, reset before each run.
 */
public final class ChartTiming {
    private static final DateTimeFormatter PG_TIMESTAMPTZ = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssx")
            .withZone(ZoneOffset.UTC);

    private ChartTiming() {}

    interface Rows {
        String[] row(long i);
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        List<Column> line = List.of(Column.of("at", "timestamptz"), Column.of("price", "float8"), Column.of("volume", "int8"));
        Rows lineRows = i -> new String[] {PG_TIMESTAMPTZ.format(Instant.ofEpochSecond(1_700_000_000L + i * 60)),
                Double.toString(100 + Math.sin(i / 5000.0) * 10 + (i % 7) * 0.1), Long.toString(i % 1000)};
        List<Column> bars = List.of(Column.of("customer", "text"), Column.of("revenue", "numeric"));
        Rows barRows = i -> new String[] {"customer " + i, Long.toString(i % 100_003)};
        baseline("line rows", lineRows, n);
        baseline("bar rows", barRows, n);
        for (ImageFormat format : ImageFormat.values()) {
            run("line " + format, line, lineRows, n, format);
            run("bars " + format, bars, barRows, n, format);
        }
    }

    private static void run(String name, List<Column> columns, Rows rows, long n, ImageFormat format) throws Exception {
        System.gc();
        resetPeaks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        ChartWriter writer = new ChartWriter(out, format, ChartSpec.AUTO, ImageSize.DEFAULT);
        writer.begin(columns, new ResultInfo("Timing " + name, null));
        for (long i = 0; i < n; i++) {
            writer.row(rows.row(i));
        }
        writer.finish(false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%-10s rows=%,d  elapsed=%,d ms  peak heap=%,d MB  output=%,d bytes%n", name, n, millis,
                peakHeap() / (1024 * 1024), out.size());
    }

    /** The cost of making the synthetic rows alone, to subtract from the runs. */
    private static void baseline(String name, Rows rows, long n) {
        long start = System.nanoTime();
        long chars = 0;
        for (long i = 0; i < n; i++) {
            chars += rows.row(i)[0].length();
        }
        System.out.printf("%-10s rows=%,d  generated in %,d ms (%,d chars; not chart time)%n", name, n,
                (System.nanoTime() - start) / 1_000_000, chars);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks: an upper bound on the heap in use at any one moment. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
