package dataclips.delivery;

import dataclips.clips.Clip;
import dataclips.parameters.Parameters;
import dataclips.results.StoredResult;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What every message of one delivery says: the clip and its snapshot, the links (on DATACLIPS_BASE_URL, else the
 * address the subscription was made at), the rows added and removed since the previous snapshot when that was asked,
 * and what caused it: "snapshot" (taken by hand), "scheduled" or "test".
 */
record Facts(Clip clip, StoredResult snapshot, String base, Optional<Delivery.Changes> changes, String cause) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH);

    String title() {
        return clip.title();
    }

    String clipUrl() {
        return base + clip.path();
    }

    String snapshotUrl() {
        return clipUrl() + "/snapshots/" + snapshot.id();
    }

    /**
     * Why the snapshot's links may not open for this message's reader, if so: its fixed parameters have other values
     * than the defaults (a subscription of the owner's choosing), and such snapshots show only to those who may see
     * the clip's SQL ({@link Parameters#shownToDefaultsOnly}), never to link holders.
     */
    Optional<String> linkNote() {
        return Parameters.shownToDefaultsOnly(clip.parameters(), snapshot.parameters(), snapshot.startedAt()) ? Optional.empty()
                : Optional.of("Its fixed values are not the clip's defaults, so its links open only for signed-in "
                + "users who may see the clip's SQL; the clip's own link shows its default values.");
    }

    /** "12 rows · 3 added, 1 removed since the previous snapshot · taken 2026-01-05 06:00 UTC (scheduled)". */
    String summary() {
        String rows = String.format(Locale.ENGLISH, "%,d %s", snapshot.rowCount(), snapshot.rowCount() == 1 ? "row" : "rows")
                + (snapshot.truncated() ? " (cut at the row limit)" : "");
        String changed = changes.map(c -> String.format(Locale.ENGLISH, " · %,d added, %,d removed since the previous "
                + "snapshot", c.added(), c.removed())).orElse("");
        String when = SHOWN.format(snapshot.startedAt().atZoneSameInstant(java.time.ZoneOffset.UTC));
        return rows + changed + " · taken " + when + switch (cause) {
            case "scheduled" -> " by its schedule";
            case "test" -> " (a test send)";
            default -> "";
        };
    }

    /** "region = north, since = 2024-01-01", or "" for a clip without parameters. */
    String values() {
        return snapshot.parameters().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** A header-safe one-line text: no control characters (CR, LF), at most 200 characters. */
    static String oneLine(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }
}
