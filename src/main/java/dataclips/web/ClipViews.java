package dataclips.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.clips.Clip;
import dataclips.clips.ClipVersion;
import dataclips.parameters.Parameter;
import dataclips.parameters.Parameters;
import dataclips.export.chart.ChartSpec;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the API and pages show of clips and their versions. */
final class ClipViews {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    /**
     * id: the clip's internal, non-secret number, which the run tag in pg_stat_activity and the logs carries; sql: null
     * where the caller may not see it; editable: the caller may change it; can: every action the caller may take
     * ("open", "see_sql", "edit", "manage", "fork").
     */
    record ClipView(long id, String slug, String url, String title, String description, String source, String owner,
                    String access, int maxAgeSeconds, int version, String sql, OffsetDateTime createdAt,
                    OffsetDateTime updatedAt, boolean editable, Long pinnedSnapshot, OffsetDateTime linkExpiresAt,
                    JsonNode parameters, JsonNode chart, List<String> can) {}

    /** chartOnly: the version changed the chart and kept the SQL and parameters of the one before. */
    record VersionView(int version, String sql, OffsetDateTime createdAt, String author, JsonNode parameters,
                       JsonNode chart, boolean chartOnly) {}

    /** One row of the versions page: the version, and what it changed from the one before ("SQL, parameters"). */
    record VersionRow(VersionView version, String changed) {}

    private ClipViews() {}

    /** The versions, newest first, each with what it changed: "created", or some of "SQL", "parameters", "chart". */
    static List<VersionRow> versionRows(List<ClipVersion> newestFirst) {
        List<VersionRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            ClipVersion v = newestFirst.get(i);
            ClipVersion before = i + 1 < newestFirst.size() ? newestFirst.get(i + 1) : null;
            List<String> changed = new java.util.ArrayList<>();
            if (before != null && !v.sql().equals(before.sql())) {
                changed.add("SQL");
            }
            if (before != null && !v.parameters().equals(before.parameters())) {
                changed.add("parameters");
            }
            if (before != null && !v.chart().equals(before.chart())) {
                changed.add("chart");
            }
            rows.add(new VersionRow(version(v), before == null ? "created" : changed.isEmpty() ? "nothing (restored as it was)"
                    : String.join(", ", changed)));
        }
        return rows;
    }

    /** The clip as this caller may see it (its SQL only where they may). */
    static ClipView of(ClipRights rights, Context ctx) {
        Clip clip = rights.clip();
        return new ClipView(clip.id(), clip.slug(), base(ctx) + clip.path(), clip.title(), clip.description(), clip.sourceName(),
                clip.ownerEmail(), clip.access().wire(), clip.maxAgeSeconds(), clip.version(),
                rights.may(ClipAction.SEE_SQL) ? clip.sql() : null, clip.createdAt(), clip.updatedAt(),
                rights.may(ClipAction.EDIT), clip.pinnedResultId(), clip.linkExpiresAt(), parameters(clip.parameters()),
                chart(clip.chart()), rights.wire());
    }

    static VersionView version(ClipVersion v) {
        return new VersionView(v.version(), v.sql(), v.createdAt(), v.author(), parameters(v.parameters()),
                chart(v.chart()), v.chartOnly());
    }

    /** The declarations as the API takes and shows them: [{"name","type","default"?,…,"link_holders"}]. */
    static JsonNode parameters(List<Parameter> parameters) {
        try {
            return Json.MAPPER.readTree(Parameters.toJson(parameters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chart setting as the API takes and shows it: every key, unset ones null ({"type":"auto",…} when automatic). */
    static JsonNode chart(ChartSpec chart) {
        try {
            return Json.MAPPER.readTree(chart.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app's own address for absolute URLs: DATACLIPS_BASE_URL, or as the viewer reached it ({@link SiteAddress}). */
    static String base(Context ctx) {
        return SiteAddress.of(ctx).base(ctx);
    }

    /** Times on pages: UTC, to the second, the zone spelled out. */
    static String shown(OffsetDateTime time) {
        return time == null ? "unknown" : SHOWN.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
