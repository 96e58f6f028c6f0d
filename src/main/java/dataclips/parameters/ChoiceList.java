package dataclips.parameters;

import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The choices a choices clip lists (README, "Parameters"): the distinct values of its result's first column, in its
 * order, that a declared choice could be (1 to {@value ParameterDeclarations#MAX_CHOICE_CHARS} visible characters;
 * NULL and any other value are left out), at most {@value #MAX_VALUES} of them and {@value #MAX_BYTES} bytes in all, so
 * a result of long values costs a request no more memory than a short list. It asks for no more rows once full.
 */
public final class ChoiceList implements ResultWriter {
    public static final int MAX_VALUES = ParameterDeclarations.MAX_CHOICES;
    public static final int MAX_BYTES = 64 * 1024;
    private final Set<String> values = new LinkedHashSet<>();
    private long bytes;

    @Override
    public void begin(List<Column> columns, ResultInfo info) {}

    @Override
    public boolean row(String[] row) {
        String value = row.length > 0 ? row[0] : null;
        if (value == null || value.isEmpty() || value.length() > ParameterDeclarations.MAX_CHOICE_CHARS
                || ValueMessages.hasInvisible(value) || values.contains(value)) {
            return true;
        }
        int size = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes + size > MAX_BYTES) {
            return false;
        }
        bytes += size;
        values.add(value);
        return values.size() < MAX_VALUES;
    }

    @Override
    public void finish(boolean truncated) {}

    @Override
    public boolean readsEveryRow() {
        return false;
    }

    /** The values listed, in the order the result gave them. */
    public List<String> values() {
        return List.copyOf(values);
    }
}
