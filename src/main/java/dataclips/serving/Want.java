package dataclips.serving;

import dataclips.results.ResultKind;

/** What a request asks of a clip (README, "Architecture": the path of a request). */
public sealed interface Want {
    /**
     * The clip's current result: its pinned snapshot, its newest scheduled one (if it follows its schedule), a
     * stored result within its max age, or a run. refresh: the owner's "Run now", which skips the stored result.
     */
    record Current(boolean refresh) implements Want {}

    /**
     * A new stored result run now for the store alone: a snapshot (with an optional label), a scheduled one, or
     * the API's refresh (a live result).
     */
    record Recorded(ResultKind kind, String label) implements Want {}
}
