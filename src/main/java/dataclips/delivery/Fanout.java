package dataclips.delivery;

import dataclips.UserError;
import dataclips.accounts.AccessAudit;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.Results;
import dataclips.results.SnapshotDiff;
import dataclips.results.StoredResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one new snapshot into deliveries (the 'delivery-fanout' execution the snapshot's own transaction queued): for
 * each subscription of the clip whose values the snapshot has, a queued delivery per recipient when its condition
 * holds, else one skipped delivery saying why. A subscription whose creator or the clip's owner lost access pauses
 * (its deliveries skipped, the change in the access audit) and resumes once they have it again. Done again after a
 * crash, it adds nothing already written.
 */
final class Fanout {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);
    private final DSLContext db;
    private final Clips clips;
    private final Results results;
    private final SnapshotDiff diff;
    private final SubscriptionStore store;
    private final DeliveryLog log;
    private final Audience audience;
    private final Clock clock;

    Fanout(DSLContext db, Clips clips, Results results, SubscriptionStore store, DeliveryLog log, Audience audience,
           Clock clock) {
        this.db = db;
        this.clips = clips;
        this.results = results;
        this.diff = new SnapshotDiff(results);
        this.store = store;
        this.log = log;
        this.audience = audience;
        this.clock = clock;
    }

    /** The deliveries of snapshot "clipId:snapshotId" (the execution's instance); answers how many were new. */
    int fanOut(String instance) {
        String[] ids = instance.split(":", 2);
        Optional<Clip> clip = clips.byId(Long.parseLong(ids[0]));
        if (clip.isEmpty()) {
            return 0; // deleted meanwhile, with its subscriptions
        }
        StoredResult snapshot;
        try {
            snapshot = results.snapshot(clip.get(), Long.parseLong(ids[1]));
        } catch (UserError gone) {
            return 0;
        }
        Conditions conditions = new Conditions(results, diff, clip.get(), snapshot);
        List<DeliveryLog.Planned> planned = new ArrayList<>();
        for (Subscription s : store.ofClip(clip.get().id())) {
            if (forValues(clips, s, clip.get(), snapshot)) {
                planned.addAll(plan(s, clip.get(), snapshot, conditions));
            }
        }
        int added = log.plan(planned, clock.instant());
        LOG.info("snapshot {} of clip {}: {} deliveries planned", snapshot.id(), clip.get().id(), added);
        return added;
    }

    private List<DeliveryLog.Planned> plan(Subscription s, Clip clip, StoredResult snapshot, Conditions conditions) {
        Optional<String> paused = audience.pauseReason(s, clip);
        notePause(s, clip, paused);
        String cause = snapshot.kind().wire();
        if (paused.isPresent()) {
            return List.of(skipped(s, snapshot, cause, "paused: " + paused.get()));
        }
        Decision decision = conditions.decide(s);
        if (!decision.fire()) {
            return List.of(skipped(s, snapshot, cause, decision.why()));
        }
        List<String> recipients = s.channel() == Channel.EMAIL ? s.recipients() : List.of("");
        return recipients.stream().map(r -> new DeliveryLog.Planned(clip.id(), s.id(), snapshot.id(), r, cause, "queued",
                null, decision.changes())).toList();
    }

    /**
     * Whether the result has the subscription's values: its own, or the declared defaults as of the result's start. So a
     * subscription made without values (one a link holder may get) never carries a result of other fixed values.
     */
    static boolean forValues(Clips clips, Subscription s, Clip clip, StoredResult snapshot) {
        try {
            SortedMap<String, String> wanted = s.parameters().orElseGet(() -> clips.withDefaultsAt(clip,
                    snapshot.startedAt().toInstant()).arguments().shown());
            return wanted.equals(snapshot.parameters());
        } catch (UserError noDefaults) {
            return false; // a parameter without a default: no snapshot has "the defaults"
        }
    }

    private void notePause(Subscription s, Clip clip, Optional<String> paused) {
        db.transaction(c -> {
            if (store.setPaused(c.dsl(), s.id(), paused.orElse(null))) {
                AccessAudit.record(c.dsl(), "dataclips", paused.isPresent() ? "subscription_paused" : "subscription_resumed",
                        "clip " + clip.id() + " (" + clip.title() + ")", Map.of("subscription", s.id(),
                                "reason", paused.orElse("its creator and the clip's owner may open the clip again")));
            }
        });
    }

    private static DeliveryLog.Planned skipped(Subscription s, StoredResult snapshot, String cause, String why) {
        return new DeliveryLog.Planned(s.clipId(), s.id(), snapshot.id(), "", cause, "skipped", why, Optional.empty());
    }
}
