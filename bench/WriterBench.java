import dataclips.export.Column;
import dataclips.export.CsvWriter;
import dataclips.export.JsonWriter;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.export.XmlWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The download writers alone: bench_rows' shape (id int4, md5 text, amount numeric, created_at timestamptz, flag bool,
 * grp int4) written to a stream that only counts, no database, no HTTP. Reports the thread's CPU seconds per run
 * (steadier than wall time on a shared machine) and their median. Run it against any build's jar to compare two:
 *
 *   java -cp target/dataclips.jar bench/WriterBench.java [rows=1000000] [formats=csv,xml,json] [rounds=9]
 */
public class WriterBench {
    interface Opener {
        ResultWriter open(OutputStream out) throws IOException;
    }

    static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            bytes += length;
        }
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String[] formats = (args.length > 1 ? args[1] : "csv,xml,json").split(",");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        List<Column> columns = List.of(Column.of("id", "int4"), Column.of("md5", "text"), Column.of("amount", "numeric"),
                Column.of("created_at", "timestamptz"), Column.of("flag", "bool"), Column.of("grp", "int4"));
        String[][] sample = sampleRows(100_000);
        Map<String, Opener> writers = new LinkedHashMap<>();
        for (String format : formats) {
            writers.put(format, switch (format) {
                case "csv" -> out -> new CsvWriter(out, false);
                case "xml" -> XmlWriter::new;
                case "json" -> JsonWriter::new;
                default -> throw new IllegalArgumentException("formats: csv, xml, json");
            });
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (var writer : writers.entrySet()) { // formats alternate, so a busy moment hits each alike
                Counting out = new Counting();
                long start = threads.getCurrentThreadCpuTime();
                ResultWriter w = writer.getValue().open(out);
                w.begin(columns, new ResultInfo("bench", null));
                for (int i = 0; i < rows; i++) {
                    w.row(sample[i % sample.length]);
                }
                w.finish(false);
                double cpu = (threads.getCurrentThreadCpuTime() - start) / 1e9;
                seconds.computeIfAbsent(writer.getKey(), k -> new ArrayList<>()).add(cpu);
                System.out.printf("%s round %d: %.3f CPU-s, %,d bytes%n", writer.getKey(), round + 1, cpu, out.bytes);
            }
        }
        for (var entry : seconds.entrySet()) {
            List<Double> sorted = new ArrayList<>(entry.getValue());
            Collections.sort(sorted);
            System.out.printf("%s: median %.3f CPU-s for %,d rows (first round, JIT warming, included)%n",
                    entry.getKey(), sorted.get(sorted.size() / 2), rows);
        }
    }

    /** bench_rows' values as PostgreSQL prints them, for g = 1..n. */
    private static String[][] sampleRows(int n) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        String[][] rows = new String[n][];
        for (int g = 1; g <= n; g++) {
            rows[g - 1] = new String[] {Integer.toString(g), HexFormat.of().formatHex(md5.digest(Integer.toString(g).getBytes())),
                    new BigDecimal(g).multiply(new BigDecimal("1.37")).setScale(2).toPlainString(),
                    LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(g).toString().replace('T', ' ') + "+00",
                    g % 3 == 0 ? "t" : "f", Integer.toString(g % 1000)};
        }
        return rows;
    }
}
