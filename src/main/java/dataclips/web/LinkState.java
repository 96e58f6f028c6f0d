package dataclips.web;

import dataclips.clips.Clip;
import dataclips.clips.Clips;
import java.time.ZoneOffset;

/**
 * What the clip page and its access page show about the link: whether it expired, its expiry as shown and as the
 * form's datetime-local value ("" without one), and the last anonymous open ("never").
 */
record LinkState(boolean expired, String expiresText, String expiresValue, String lastOpenedText) {
    static LinkState of(Clip clip, Clips clips) {
        return new LinkState(clips.linkExpired(clip),
                clip.linkExpiresAt() == null ? null : ClipViews.shown(clip.linkExpiresAt()),
                clip.linkExpiresAt() == null ? "" : clip.linkExpiresAt().withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime().withSecond(0).withNano(0).toString(),
                clip.linkOpenedAt() == null ? "never" : ClipViews.shown(clip.linkOpenedAt()));
    }
}
