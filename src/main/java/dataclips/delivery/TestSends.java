package dataclips.delivery;

import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.results.ResultKind;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * POST …/subscriptions/{id}/test: the subscription's message sent now, once per recipient, from the newest snapshot of
 * its values (the declared defaults unless it names others; else the newest live result of them), whatever its
 * condition says, through the same checks as any delivery, and logged with cause "test"; a failure is not tried again.
 */
final class TestSends {
    private final Clips clips;
    private final Results results;
    private final DeliveryLog log;
    private final Attempts attempts;

    TestSends(Clips clips, Results results, DeliveryLog log, Attempts attempts) {
        this.clips = clips;
        this.results = results;
        this.log = log;
        this.attempts = attempts;
    }

    List<Delivery> send(Clip clip, Subscription s) {
        StoredResult newest = newest(clip, s).orElseThrow(() -> new UserError(409, "no_snapshot", "this clip has no "
                + "result of the subscription's values to send yet; take a snapshot first"));
        List<Delivery> sent = new ArrayList<>();
        for (String recipient : s.channel() == Channel.EMAIL ? s.recipients() : List.of("")) {
            long id = log.insertTest(new DeliveryLog.Planned(clip.id(), s.id(), newest.id(), recipient, "test", "queued",
                    null, Optional.empty()));
            attempts.tryOnce(id);
            sent.add(log.find(id).orElseThrow());
        }
        return sent;
    }

    private Optional<StoredResult> newest(Clip clip, Subscription s) {
        Optional<StoredResult> live = results.newest(clip, ResultKind.LIVE);
        return Stream.concat(results.snapshots(clip).stream(), live.stream())
                .filter(r -> Fanout.forValues(clips, s, clip, r)).findFirst();
    }
}
