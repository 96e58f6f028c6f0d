package dataclips.web;

import dataclips.export.Column;
import dataclips.export.PageTable;
import java.util.List;
import org.unbescape.html.HtmlEscape;

/**
 * The rows of a result table as HTML, written here rather than by the template: the template's eight expressions
 * per cell, each evaluated by reflection, were most of a page view's CPU under load (bench/README, "Load"). The
 * markup is the one clips/table.html had; every value goes through the same escaping Thymeleaf's th:text uses.
 */
final class TableHtml {
    private TableHtml() {}

    static String body(PageTable table) {
        List<Column> columns = table.columns();
        StringBuilder html = new StringBuilder(table.rows().size() * columns.size() * 32);
        for (List<PageTable.Cell> row : table.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                cell(html, row.get(i), i < columns.size() && columns.get(i).kind().isNumeric());
            }
            html.append("</tr>\n");
        }
        return html.toString();
    }

    private static void cell(StringBuilder html, PageTable.Cell cell, boolean numeric) {
        String css = (numeric ? "num" : "") + (cell.isNull() ? " null" : "") + (cell.isEmptyText() ? " empty" : "");
        html.append(css.isBlank() ? "<td>" : "<td class=\"" + css.strip() + "\">");
        if (cell.isNull()) {
            html.append("NULL");
        } else if (!cell.isCut()) {
            html.append(escape(cell.shown()));
        } else {
            html.append("<details class=\"long-value\"><summary>").append(escape(cell.shown() + "…"))
                    .append("</summary><span>").append(escape(cell.rest())).append("</span>");
            if (cell.omitted() > 0) {
                html.append("<em class=\"muted\">").append(escape(" … " + cell.omitted()
                        + " more characters in the downloads")).append("</em>");
            }
            html.append("</details>");
        }
        html.append("</td>");
    }

    private static String escape(String text) {
        return HtmlEscape.escapeHtml5Xml(text);
    }
}
