package dataclips.web;

import dataclips.clips.Clip;
import dataclips.export.Column;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clip page's Edit section, for editors (templates/clips/edit.html): the form's values and parameter rows (as
 * saved, unless a form came back), the chart settings, the schema panel, and why a form that came back was refused
 * (editError for the clip's form, chartError for the chart's).
 */
record EditSection(Map<String, String> form, List<ParameterRows.Row> rows, ParameterRows.Template rowTemplate,
                   ChartViews.ChartForm chartForm, String editError, String chartError, SchemaPanel schema)
        implements Pages.Section {

    /** As saved: the declarations as stored (a choices clip's list is read for the page, never put in its rows). */
    static EditSection saved(Clip clip, Optional<List<Column>> columns, SchemaPanel schema) {
        return new EditSection(Map.of("title", clip.title(), "description", clip.description(), "sql", clip.sql(),
                "max_age_seconds", Integer.toString(clip.maxAgeSeconds())), ParameterRows.of(clip.parameters()),
                ParameterRows.Template.ROWS, ChartViews.form(clip.chart(), columns.orElse(List.of())), null, null, schema);
    }

    /** The clip's form came back: what was posted, and why it was refused. */
    EditSection refused(Map<String, String> posted, List<ParameterRows.Row> postedRows, String why) {
        return new EditSection(posted, postedRows, rowTemplate, chartForm, why, null, schema);
    }

    /** The chart's form came back refused. */
    EditSection chartRefused(String why) {
        return new EditSection(form, rows, rowTemplate, chartForm, null, why, schema);
    }

    /** A form that came back opens the section. */
    boolean cameBack() {
        return editError != null || chartError != null;
    }
}
