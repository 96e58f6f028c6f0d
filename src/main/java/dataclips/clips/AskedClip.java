package dataclips.clips;

import dataclips.parameters.Parameter;
import dataclips.parameters.Arguments;
import java.util.List;

/**
 * A clip as one request asks for it: the saved {@link Clip}, its parameters with their choices as listed now, and
 * the values the request gives them, checked (README, "Parameters"). Only {@link Clips#asked} and
 * {@link Clips#withDefaults} make one, so whatever runs a clip, keys its stored results or reads its values (serving,
 * the run, the recorder, the chart and the choice lists) takes this type and never a bare {@code Clip}: a caller
 * that forgets the URL's values does not compile, instead of running the clip with none (an optional
 * {@code [[ … {{p}} … ]]} filter silently dropped).
 */
public final class AskedClip {
    private final Clip clip;
    private final List<Parameter> parameters;
    private final Arguments arguments;

    /** For {@link ClipArguments} alone: values reach a run only once checked. */
    AskedClip(Clip clip, List<Parameter> parameters, Arguments arguments) {
        this.clip = clip;
        this.parameters = List.copyOf(parameters);
        this.arguments = arguments;
    }

    /** The clip as saved. */
    public Clip clip() {
        return clip;
    }

    /** Its declared parameters, a choices clip's with the choices read for this request. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The checked values it is asked with; its stored results are kept under their {@link Arguments#key()}. */
    public Arguments arguments() {
        return arguments;
    }

    public long id() {
        return clip.id();
    }

    @Override
    public String toString() {
        return "AskedClip[" + clip.id() + ", " + arguments.shown() + "]";
    }
}
