package dataclips.export.chart;

import dataclips.export.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which series each y value of a row belongs to. Without series_by, one series per y column; with it, one per
 * value of that column (first come, first served), named "value" for one y or "y · value" for several. The
 * count is capped so a column of a million ids cannot make a million series; rows of series past the cap are
 * counted and said in the caption. Names are made unique because JFreeChart datasets key series by name.
 */
final class SeriesKeys {
    static final int MAX_SERIES = ChartSpec.MAX_Y;
    static final int MAX_SERIES_VALUES = 10;
    static final int CUT = -1;
    private final List<String> yNames = new ArrayList<>();
    private final int seriesBy;
    private final List<String> names = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    private final Map<String, Integer> byValue = new HashMap<>();
    private long cutRows;

    SeriesKeys(List<Column> columns, List<Integer> y, int seriesBy) {
        this.seriesBy = seriesBy;
        for (int column : y) {
            yNames.add(Labels.clean(columns.get(column).name(), Labels.SHORT));
        }
        if (seriesBy < 0) {
            yNames.forEach(this::name);
        }
    }

    /** The series index of the row's value of the k-th y column, or {@link #CUT}. */
    int of(String[] row, int k) {
        if (seriesBy < 0) {
            return k;
        }
        String value = Labels.clean(row[seriesBy] == null ? "NULL" : row[seriesBy], Labels.SHORT);
        String key = yNames.size() == 1 ? value : yNames.get(k) + " · " + value;
        Integer known = byValue.get(key);
        if (known != null) {
            return known;
        }
        if (names.size() >= MAX_SERIES || byValue.size() / yNames.size() >= MAX_SERIES_VALUES) {
            if (k == 0) {
                cutRows++;
            }
            return CUT;
        }
        int index = name(key);
        byValue.put(key, index);
        return index;
    }

    /** The series names in index order. */
    List<String> names() {
        return List.copyOf(names);
    }

    void addNotes(Notes notes) {
        if (cutRows > 0) {
            notes.add("only the first " + names.size() + " series drawn; " + Numbers.count(cutRows)
                    + (cutRows == 1 ? " row" : " rows") + " of other series left out");
        }
    }

    private int name(String wanted) {
        String name = wanted;
        for (int n = 2; !taken.add(name); n++) {
            name = wanted + " (" + n + ")";
        }
        names.add(name);
        return names.size() - 1;
    }
}
