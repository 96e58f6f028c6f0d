package dataclips.export.chart;

import dataclips.export.Column;
import dataclips.export.PageTable;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a result's leading column is a key: every one of its first {@value #WATCHED} values present and different
 * (and at least two rows). The first rows only, so the chart image (which reads every row) and the clip page (which
 * holds the first {@value #WATCHED}) come to the same answer, in bounded memory. As a writer it takes the first rows
 * of a stored result and asks for no more.
 */
public final class LeadingKey implements ResultWriter {
    public static final int WATCHED = PageTable.LIMIT;
    private final Set<String> seen = new HashSet<>();
    private long rows;
    private boolean repeated;

    /** The first values of a result's leading column, in order (null for NULL). */
    public static LeadingKey of(List<String> firstValues) {
        LeadingKey key = new LeadingKey();
        firstValues.forEach(key::add);
        return key;
    }

    /** The next row's leading value (null for NULL); values after the first {@value #WATCHED} change nothing. */
    public void add(String value) {
        if (rows++ >= WATCHED || repeated) {
            return;
        }
        repeated = value == null || !seen.add(value);
    }

    public boolean distinct() {
        return rows >= 2 && !repeated;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) {}

    @Override
    public boolean row(String[] values) {
        add(values.length == 0 ? null : values[0]);
        return rows < WATCHED;
    }

    @Override
    public void finish(boolean truncated) {}

    @Override
    public boolean readsEveryRow() {
        return false;
    }
}
