package dataclips.web;

import dataclips.HumanBytes;
import dataclips.results.Storage;

/** What stored results take, as the clip page's History and the audit log say it. */
final class StorageText {
    private StorageText() {}

    /** "Stored results of this clip (live results and snapshots): 1 result, 170 bytes." whose: "this clip", … */
    static String of(String whose, Storage storage) {
        return "Stored results of " + whose + " (live results and snapshots): " + storage.results()
                + (storage.results() == 1 ? " result, " : " results, ") + HumanBytes.of(storage.bytes()) + ".";
    }
}
