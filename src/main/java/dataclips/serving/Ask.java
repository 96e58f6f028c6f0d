package dataclips.serving;

import dataclips.clips.AskedClip;

/**
 * One request for a clip's result: whose (the clip, found with its access rules, with the request's checked values),
 * what, and via what ("csv", "page").
 */
public record Ask(AskedClip clip, Viewer viewer, Want want, String via) {}
