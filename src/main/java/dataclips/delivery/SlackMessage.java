package dataclips.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dataclips.export.Column;
import dataclips.export.PageTable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Slack incoming-webhook message: the clip's title linking to it, the counts, the first rows as a fixed-width block
 * and a link to the snapshot. Every text from the clip is escaped for Slack's mrkdwn (&amp;, &lt;, &gt;), so a title or a
 * value cannot make a link or a mention.
 */
final class SlackMessage {
    /** Slack cuts a section's text at 3,000 characters. */
    private static final int BLOCK_CHARS = 2_900;
    private static final int ROWS = 10;
    private static final int CELL = 30;

    private SlackMessage() {}

    static byte[] body(Facts f, PageTable table) {
        ObjectNode body = WebhookMessage.JSON.createObjectNode();
        body.put("text", f.title() + ": " + f.summary());
        ArrayNode blocks = body.putArray("blocks");
        section(blocks, "*<" + f.clipUrl() + "|" + escape(Facts.oneLine(f.title())) + ">*\n" + escape(f.summary())
                + (f.values().isEmpty() ? "" : "\n" + escape(f.values())));
        if (!table.rows().isEmpty()) {
            section(blocks, "```" + rows(table) + "```");
        }
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "<" + f.snapshotUrl() + "|Snapshot " + f.snapshot().id() + "> · Dataclips"
                        + f.linkNote().map(n -> " · " + escape(n)).orElse(""));
        try {
            return WebhookMessage.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void section(ArrayNode blocks, String text) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", text);
    }

    /** The header and the first rows, " | " between values, each cut to a width, the whole within a block. */
    private static String rows(PageTable table) {
        StringBuilder text = new StringBuilder(line(table.columns().stream().map(Column::name).toList()));
        int shown = 0;
        for (List<PageTable.Cell> row : table.rows()) {
            String next = line(row.stream().map(c -> c.isNull() ? "NULL" : c.shown()).toList());
            if (shown == ROWS || text.length() + next.length() + 1 > BLOCK_CHARS) {
                return text.append("\n…").toString();
            }
            text.append('\n').append(next);
            shown++;
        }
        return table.more() ? text.append("\n…").toString() : text.toString();
    }

    private static String line(List<String> values) {
        return values.stream().map(v -> {
            String flat = Facts.oneLine(v);
            return escape(flat.length() > CELL ? flat.substring(0, CELL - 1) + "…" : flat).replace("`", "'");
        }).collect(Collectors.joining(" | "));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
