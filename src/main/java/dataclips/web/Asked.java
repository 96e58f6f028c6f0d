package dataclips.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dataclips.UserError;
import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.access.Policy;
import dataclips.clips.AskedClip;
import dataclips.parameters.ChoiceList;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.parameters.Parameter;
import dataclips.results.ResultKind;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import dataclips.serving.Ask;
import dataclips.serving.Joined;
import dataclips.serving.Led;
import dataclips.serving.Outcome;
import dataclips.serving.Ran;
import dataclips.serving.Serving;
import dataclips.serving.Stored;
import dataclips.serving.Viewer;
import dataclips.serving.Want;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A clip as a URL asks for it: with the parameter values of its query string (README, "Parameters"), checked
 * before anything runs. Fixed parameters are not for callers who may not see the clip's SQL (link holders, view
 * members, users with view on its database) to set. A choice whose list comes from another clip ("choices_clip") reads
 * that clip's current result first, through the same serving as any download of it (its stored result while fresh,
 * else one run, which the viewer leaving stops), if this viewer may see its values at all ({@link ChoicesAccess}); the
 * list of a stored result is kept by its checksum, so many viewers of one result read it once.
 */
final class Asked {
    /** Where the routes find it (Javalin's app data), as they find the site's address. */
    static final Key<Asked> KEY = new Key<>("dataclips.asked");
    /** Lists kept, weighed in characters: at most 64 KB of UTF-8 each, so a few hundred lists. */
    private static final long KEPT_CHARS = 8L << 20;
    private final Clips clips;
    private final Serving serving;
    private final ClientWatch clientWatch;
    private final Policy policy;
    private final Cache<String, List<String>> kept = Caffeine.newBuilder().maximumWeight(KEPT_CHARS)
            .weigher((String checksum, List<String> values) -> values.stream().mapToInt(String::length).sum() + 64)
            .build();

    Asked(Clips clips, Serving serving, ClientWatch clientWatch, Policy policy) {
        this.clips = clips;
        this.serving = serving;
        this.clientWatch = clientWatch;
        this.policy = policy;
    }

    /** The clip as this request asks for it. */
    static AskedClip of(Context ctx, ClipRights rights) {
        return ctx.appData(KEY).clip(ctx, rights.clip(), !rights.may(ClipAction.SEE_SQL));
    }

    /**
     * Runs the clip as asked for the store while its requester waits (a snapshot, the API's refresh): one who leaves
     * stops the run (README, "Security").
     */
    static StoredResult record(Context ctx, AskedClip asked, ResultKind kind, String label) {
        Asked self = ctx.appData(KEY);
        Viewer viewer = Auth.viewer(ctx);
        return self.clientWatch.during(ctx, viewer, () -> self.serving.record(asked, viewer, kind, label));
    }

    private AskedClip clip(Context ctx, Clip clip, boolean fixedHidden) {
        Map<String, List<String>> listed = new HashMap<>();
        for (Parameter p : clip.parameters()) {
            if (p.choicesFromClip()) {
                Clip source = clips.choicesSource(p);
                if (ChoicesAccess.listable(policy, clips, source, clip, Auth.user(ctx))) { // else the default is the one
                    listed.put(p.name(), listed(ctx, clips.withDefaults(source)));
                }
            }
        }
        return clips.asked(clip, ctx.queryParamMap(), fixedHidden, listed);
    }

    /** The choices the clip's current result lists ({@link ChoiceList}), read while the viewer waits for them. */
    private List<String> listed(Context ctx, AskedClip source) {
        Viewer viewer = Auth.viewer(ctx);
        return clientWatch.during(ctx, viewer, () -> {
            try (Outcome outcome = serving.serve(new Ask(source, viewer, new Want.Current(false), "choices"))) {
                return listed(outcome);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private List<String> listed(Outcome outcome) throws IOException {
        ChoiceList list = new ChoiceList();
        if (outcome instanceof Stored stored) {
            return kept.get(stored.result().checksum(), checksum -> replayed(stored));
        }
        if (outcome instanceof Led led) {
            Ran ran = led.run(list, () -> 0);
            if (!ran.ok()) {
                throw new UserError(409, "choices_clip_failed", "the clip that lists this clip's choices failed to "
                        + "run; its owner should fix it (open it to see the error)");
            }
            ran.checksum().ifPresent(checksum -> kept.put(checksum, list.values()));
            return list.values();
        }
        Results.SharedRunEnd end = ((Joined) outcome).stream(list);
        end.facts().ifPresent(facts -> kept.put(facts.checksum(), list.values()));
        return list.values();
    }

    private static List<String> replayed(Stored stored) {
        ChoiceList list = new ChoiceList();
        try {
            stored.replay(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list.values();
    }
}
