package dataclips.web;

import dataclips.UserError;
import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.clips.Parameter;
import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.serving.Ask;
import dataclips.serving.Joined;
import dataclips.serving.Led;
import dataclips.serving.Outcome;
import dataclips.serving.Serving;
import dataclips.serving.Stored;
import dataclips.serving.Viewer;
import dataclips.serving.Want;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A clip as a URL asks for it: with the parameter values of its query string (README, "Parameters"), checked
 * before anything runs. Fixed parameters are not for callers who may not see the clip's SQL (link holders, view
 * members, users with view on its database) to set. A choice whose list comes from another clip ("choices_clip") reads that clip's current result first, through the
 * same serving as any download of it (its stored result while fresh, else one run).
 */
final class Asked {
    /** Most choices a choices clip lists: the first this many distinct values of its first column. */
    static final int MAX_LISTED = 1_000;
    /** Where the routes find it (Javalin's app data), as they find the site's address. */
    static final Key<Asked> KEY = new Key<>("dataclips.asked");
    private final Clips clips;
    private final Serving serving;

    Asked(Clips clips, Serving serving) {
        this.clips = clips;
        this.serving = serving;
    }

    /** The clip as this request asks for it. */
    static Clip of(Context ctx, ClipRights rights) {
        return ctx.appData(KEY).clip(ctx, rights.clip(), !rights.may(ClipAction.SEE_SQL));
    }

    private Clip clip(Context ctx, Clip clip, boolean fixedHidden) {
        if (clip.parameters().isEmpty() && !clip.sql().contains("{{")) {
            return clip; // nothing to read from the URL: the common case costs nothing
        }
        Map<String, List<String>> listed = new HashMap<>();
        for (Parameter p : clip.parameters()) {
            if (p.choicesFromClip()) {
                listed.put(p.name(), listed(clips.withDefaults(clips.choicesSource(p))));
            }
        }
        return clips.asked(clip, ctx.queryParamMap(), fixedHidden, listed);
    }

    /** The distinct values of the first column of the clip's current result (NULLs left out), in its order. */
    private List<String> listed(Clip source) {
        FirstColumn column = new FirstColumn();
        try (Outcome outcome = serving.serve(new Ask(source, Viewer.nobody(), new Want.Current(false), "choices"))) {
            if (outcome instanceof Stored stored) {
                stored.replay(column);
            } else if (outcome instanceof Led led) {
                if (!led.run(column, () -> 0).ok()) {
                    throw new UserError(409, "choices_clip_failed", "the clip that lists this clip's choices failed "
                            + "to run; its owner should fix it (open it to see the error)");
                }
            } else {
                ((Joined) outcome).stream(column);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return new ArrayList<>(column.values);
    }

    /** Keeps the first column's distinct values, up to {@link #MAX_LISTED}, and asks for no more after that. */
    private static final class FirstColumn implements ResultWriter {
        private final Set<String> values = new LinkedHashSet<>();

        @Override
        public void begin(List<Column> columns, ResultInfo info) {}

        @Override
        public boolean row(String[] row) {
            if (values.size() >= MAX_LISTED) {
                return false;
            }
            if (row.length > 0 && row[0] != null) {
                values.add(row[0]);
            }
            return true;
        }

        @Override
        public void finish(boolean truncated) {}

        @Override
        public boolean readsEveryRow() {
            return false;
        }
    }
}
