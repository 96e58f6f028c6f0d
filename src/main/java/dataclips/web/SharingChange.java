package dataclips.web;

import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A change of who may open a clip: its access and its link's expiry (empty: unchanged; an empty expiry: none). Editors
 * may narrow it; widening (to a wider access, a later expiry or none) is for the owner and admins (MANAGE).
 */
record SharingChange(Optional<Access> access, Optional<Optional<OffsetDateTime>> expiry) {

    boolean widens(Clip clip) {
        boolean wider = access.filter(a -> a.widens(clip.access())).isPresent();
        boolean later = expiry.filter(e -> clip.linkExpiresAt() != null
                && (e.isEmpty() || e.get().isAfter(clip.linkExpiresAt()))).isPresent();
        return wider || later;
    }

    /**
     * Checks the right to make it, then makes it: the expiry first, so a refused expiry changes nothing. Each part
     * that changes something is audited with the actor.
     */
    Clip apply(Clips clips, ClipRights rights, User actor) {
        if (widens(rights.clip())) {
            rights.require(ClipAction.MANAGE);
        }
        Clip clip = rights.clip();
        if (expiry.isPresent()) {
            clip = clips.expireLink(clip, expiry.get(), actor);
        }
        if (access.isPresent()) {
            clip = clips.share(clip, access.get(), actor);
        }
        return clip;
    }
}
