package dataclips.serving;

import dataclips.clips.Clip;

/** One request for a clip's result: whose (the clip, found with its access rules), what, and via what ("csv", "page"). */
public record Ask(Clip clip, Viewer viewer, Want want, String via) {}
