package dataclips.web;

import dataclips.clips.Clip;
import dataclips.clips.Clips;
import io.javalin.http.Context;

/**
 * A clip as a URL asks for it: with the parameter values of its query string (README, "Parameters"), checked
 * before anything runs. Viewers without an account are link holders: fixed parameters are not theirs to set.
 */
final class Asked {
    private Asked() {}

    static Clip clip(Context ctx, Clips clips, Clip clip) {
        if (clip.parameters().isEmpty() && !clip.sql().contains("{{")) {
            return clip; // nothing to read from the URL: the common case costs nothing
        }
        return clips.asked(clip, ctx.queryParamMap(), Auth.user(ctx).isEmpty());
    }
}
