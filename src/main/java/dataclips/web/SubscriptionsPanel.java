package dataclips.web;

import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.delivery.Delivery;
import dataclips.delivery.Subscription;
import dataclips.delivery.Subscriptions;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clip page's Subscriptions section (templates/clips/subscriptions.html), for the clip's editors: the list, the
 * delivery log and what a change did; subscriptionsShown only, false, for anyone who may not edit the clip. Its forms
 * are {@link SubscriptionPages}'.
 */
record SubscriptionsPanel(boolean subscriptionsShown, List<SubscriptionsPanel.SubscriptionRow> subscriptions,
                          List<SubscriptionsPanel.DeliveryRow> deliveries, String subscriptionsSummary,
                          String subscriptionNotice) implements Pages.Section {
    /** Where the clip page finds the subscriptions (Javalin's app data), as it finds the members. */
    static final Key<Subscriptions> SUBSCRIPTIONS = new Key<>("dataclips.subscriptions");
    private static final int LOG_SHOWN = 20;

    /** One subscription of the list; paused: why it is paused ("" when it is not). */
    record SubscriptionRow(long id, String where, String when, String paused) {}

    /** One line of the delivery log, as shown. */
    record DeliveryRow(String at, String subscription, String snapshot, String snapshotUrl, String to, String status,
                       int attempts, String error, String cause) {}

    /**
     * The section's model for a clip page: empty (not shown) for anyone who may not edit the clip. snapshots: the
     * clip's, which name a delivery's snapshot as pages do ("Snapshot 3", by number) and link to it.
     */
    static SubscriptionsPanel of(Context ctx, ClipRights rights, List<SnapshotViews.SnapshotView> snapshots) {
        if (!rights.may(ClipAction.EDIT)) {
            return new SubscriptionsPanel(false, null, null, null, null);
        }
        Subscriptions subscriptions = ctx.appData(SUBSCRIPTIONS);
        List<Subscription> list = subscriptions.of(rights.clip());
        Map<Long, Integer> numbers = new HashMap<>();
        snapshots.forEach(v -> numbers.put(v.id(), v.number()));
        return new SubscriptionsPanel(true, list.stream().map(s -> new SubscriptionRow(s.id(), SubscriptionViews.where(s),
                SubscriptionViews.when(s), s.paused().orElse(""))).toList(),
                subscriptions.deliveries(rights.clip()).stream().limit(LOG_SHOWN)
                        .map(d -> row(d, numbers.get(d.snapshotId()), rights.clip().path())).toList(),
                list.isEmpty() ? "Email, Slack or a webhook on each new snapshot"
                        : list.size() + (list.size() == 1 ? " subscription" : " subscriptions")
                        + (list.stream().anyMatch(s -> s.paused().isPresent()) ? " · some paused" : ""),
                switch (Optional.ofNullable(ctx.queryParam("notice")).orElse("")) {
                    case "subscribed" -> "Subscription added: it delivers the clip's next snapshot.";
                    case "unsubscribed-one" -> "Subscription deleted.";
                    case "test-sent" -> "Test sent: see the delivery log below.";
                    case "test-failed" -> "The test was not delivered: the delivery log below says why.";
                    default -> null;
                });
    }

    /** One line of the delivery log; number: its snapshot's (null for a live result, or a snapshot since deleted). */
    private static DeliveryRow row(Delivery d, Integer number, String clipPath) {
        return new DeliveryRow(ClipViews.shown(d.updatedAt()),
                d.subscriptionId() == null ? "deleted" : "#" + d.subscriptionId(),
                number == null ? "a live result" : "Snapshot " + number,
                number == null ? "" : clipPath + "/snapshots/" + d.snapshotId(), d.recipient(), d.wireStatus(),
                d.attempts(), Optional.ofNullable(d.error()).orElse(""), d.cause());
    }
}
