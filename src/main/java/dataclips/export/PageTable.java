package dataclips.export;

import java.util.ArrayList;
import java.util.List;

/**
 * The results table of a clip page: at most {@link #LIMIT} rows, kept for rendering (a page never holds
 * more, whatever the query returns). Long values are cut for the table and kept, up to a bound, for
 * "show all"; the downloads always hold everything.
 */
public final class PageTable implements ResultWriter {
    public static final int LIMIT = 1_000;
    static final int SHORT = 300;
    static final int FULL = 100_000;
    private final int limit;
    private List<Column> columns = List.of();
    private ResultInfo info = new ResultInfo("", null);
    private final List<List<Cell>> rows = new ArrayList<>();
    private boolean more;
    private boolean finished;
    private long chars;

    /** One value as the page shows it; rest is the part after the cut, empty when nothing was cut. */
    public record Cell(boolean isNull, String shown, String rest, int omitted) {
        public boolean isCut() {
            return !rest.isEmpty() || omitted > 0;
        }

        public boolean isEmptyText() {
            return !isNull && shown.isEmpty();
        }
    }

    /** A clip page's table: the first {@value #LIMIT} rows. */
    public PageTable() {
        this(LIMIT);
    }

    /** The first rows up to limit (an editor's preview asks for its own number). */
    public PageTable(int limit) {
        this.limit = limit;
    }

    @Override
    public void begin(List<Column> columns, ResultInfo info) {
        this.columns = List.copyOf(columns);
        this.info = info;
    }

    /** Its title and "as of", as the run or the stored result gave them. */
    public ResultInfo info() {
        return info;
    }

    /** The page shows the first rows only: the runner must not fetch ahead for rows nobody will see. */
    @Override
    public boolean readsEveryRow() {
        return false;
    }

    @Override
    public boolean row(String[] values) {
        if (rows.size() == limit) {
            more = true;
            return false;
        }
        List<Cell> cells = new ArrayList<>(values.length);
        for (String value : values) {
            cells.add(cell(value));
            chars += value == null ? 0 : value.length();
        }
        rows.add(cells);
        return true;
    }

    @Override
    public void finish(boolean truncated) {
        finished = true;
        more |= truncated; // a limit in front of the table stopped the rows before it had to
    }

    static Cell cell(String value) {
        if (value == null) {
            return new Cell(true, "", "", 0);
        }
        if (value.length() <= SHORT) {
            return new Cell(false, value, "", 0);
        }
        int cut = Character.isHighSurrogate(value.charAt(SHORT - 1)) ? SHORT - 1 : SHORT; // never split a pair
        int kept = Math.min(value.length(), FULL);
        if (Character.isHighSurrogate(value.charAt(kept - 1))) {
            kept--;
        }
        return new Cell(false, value.substring(0, cut), value.substring(cut, kept), value.length() - kept);
    }

    /** The size of the values taken, in characters: what the audit log records for a page view. */
    public long bytes() {
        return chars;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<List<Cell>> rows() {
        return rows;
    }

    /** True when the query had rows beyond the ones shown. */
    public boolean more() {
        return more;
    }

    public boolean finished() {
        return finished;
    }
}
