package dataclips.export.chart;

import dataclips.export.ResultInfo;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The line under a chart: how fresh the data is, the parameters it ran with and what the chart left out. A
 * picture travels without its page (pasted into chat, mailed), so it carries its own context.
 */
final class Caption {
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'");
    private static final int LONGEST = 2 * Labels.LONG;

    private Caption() {}

    /** "as of 2024-02-29 13:45:30 UTC · region = EU, year = 2024 · 3 empty values skipped"; "" when nothing. */
    static String of(ResultInfo info, List<String> notes) {
        List<String> parts = new ArrayList<>();
        if (info.asOf() != null) {
            parts.add("as of " + AS_OF.format(info.asOf().withOffsetSameInstant(ZoneOffset.UTC)));
        }
        if (!info.parameters().isEmpty()) {
            parts.add(Labels.clean(parameters(info.parameters()), Labels.LONG));
        }
        if (!notes.isEmpty()) {
            parts.add(String.join("; ", notes));
        }
        return Labels.clean(String.join(" · ", parts), LONGEST);
    }

    private static String parameters(Map<String, String> parameters) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            text.append(text.length() == 0 ? "" : ", ").append(Labels.clean(parameter.getKey(), Labels.SHORT))
                    .append(" = ").append(Labels.clean(parameter.getValue(), Labels.SHORT));
            if (text.length() > Labels.LONG) {
                break; // the rest would be cut anyway; a clip may have many parameters
            }
        }
        return text.toString();
    }
}
