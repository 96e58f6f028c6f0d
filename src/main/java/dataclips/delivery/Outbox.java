package dataclips.delivery;

import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import java.net.URI;
import java.util.Optional;

/**
 * One try of one delivery, everything checked again first (README, "Delivery"): the clip and the subscription still
 * exist, the subscription is not paused, an email recipient still may receive the clip (and has not unsubscribed), and
 * the snapshot is still kept; then its channel sends it.
 */
final class Outbox {
    private final Clips clips;
    private final Results results;
    private final SubscriptionStore store;
    private final Audience audience;
    private final Channels channels;
    private final Optional<URI> baseUrl;

    Outbox(Clips clips, Results results, SubscriptionStore store, Audience audience, Channels channels,
           Optional<URI> baseUrl) {
        this.clips = clips;
        this.results = results;
        this.store = store;
        this.audience = audience;
        this.channels = channels;
        this.baseUrl = baseUrl;
    }

    Tried send(Delivery d) {
        Optional<Clip> clip = clips.byId(d.clipId());
        Optional<Subscription> s = clip.flatMap(c -> d.subscriptionId() == null ? Optional.empty()
                : store.find(c.id(), d.subscriptionId()));
        if (s.isEmpty()) {
            return new Tried.Refused("the subscription was deleted");
        }
        Optional<String> paused = audience.pauseReason(s.get(), clip.get());
        if (paused.isPresent()) {
            return new Tried.Refused("paused: " + paused.get());
        }
        if (s.get().channel() == Channel.EMAIL) {
            Optional<String> refused = audience.refusal(clip.get(), d.recipient());
            if (refused.isPresent()) {
                return new Tried.Refused(refused.get());
            }
        }
        StoredResult snapshot;
        try {
            snapshot = results.stored(clip.get(), d.snapshotId());
        } catch (UserError gone) {
            return new Tried.Refused("snapshot " + d.snapshotId() + " was deleted");
        }
        String base = baseUrl.map(URI::toString).orElse(s.get().linkBase());
        Facts facts = new Facts(clip.get(), snapshot, base, d.changes(), d.cause());
        return channels.send(facts, s.get(), d, d.cause().equals("test") ? Optional.empty() : Decision.reason(s.get()));
    }
}
