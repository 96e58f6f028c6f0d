package dataclips.web;

import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.accounts.Users;
import dataclips.delivery.Delivery;
import dataclips.delivery.NewSubscription;
import dataclips.delivery.Subscription;
import dataclips.delivery.Subscriptions;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clip page's Subscriptions section (templates/clips/subscriptions.html), for the clip's editors: the list, a form
 * to add an email, Slack or webhook subscription with its condition, delete, send a test, and the delivery log. Plain
 * forms: it works without JavaScript. A webhook secret made for the caller is shown once, on a page of its own.
 */
final class SubscriptionPages {
    /** Where the clip page finds it (Javalin's app data), as it finds the members panel. */
    static final Key<SubscriptionPages> KEY = new Key<>("dataclips.subscriptions");
    private static final int LOG_SHOWN = 20;
    private final Subscriptions subscriptions;
    private final Users users;
    private final Pages pages;

    SubscriptionPages(Subscriptions subscriptions, Users users, Pages pages) {
        this.subscriptions = subscriptions;
        this.users = users;
        this.pages = pages;
    }

    /** The form: channel, to (addresses, one a line or comma-separated), attach, url, secret, when, column, op, value. */
    void create(Context ctx, ClipRights rights) {
        String channel = field(ctx, "channel");
        boolean email = "email".equals(channel);
        List<String> to = email ? Arrays.stream(Optional.ofNullable(field(ctx, "to")).orElse("").split("[,\\n]"))
                .map(String::strip).filter(a -> !a.isEmpty()).toList() : List.of();
        boolean condition = "condition".equals(field(ctx, "when"));
        NewSubscription asked = new NewSubscription(channel, to, email ? field(ctx, "attach") : null,
                email ? null : field(ctx, "url"), "webhook".equals(channel) ? field(ctx, "secret") : null, field(ctx, "when"),
                condition ? field(ctx, "column") : null, condition ? field(ctx, "op") : null,
                condition ? Optional.ofNullable(field(ctx, "value")).orElse("") : null, Map.of());
        Subscriptions.Created created = subscriptions.create(rights, Auth.user(ctx).orElseThrow(), asked, ClipViews.base(ctx));
        if (created.secret().isPresent()) {
            pages.render(ctx, "clips/subscription-secret", Map.of("clip", ClipViews.of(rights, ctx),
                    "where", SubscriptionViews.where(created.subscription()), "secret", created.secret().get()));
            return;
        }
        ctx.redirect(rights.clip().path() + "?notice=subscribed#subscriptions");
    }

    void delete(Context ctx, ClipRights rights) {
        subscriptions.delete(rights, Auth.user(ctx).orElseThrow(), SubscriptionApi.id(ctx));
        ctx.redirect(rights.clip().path() + "?notice=unsubscribed-one#subscriptions");
    }

    void test(Context ctx, ClipRights rights) {
        long sent = subscriptions.test(rights, SubscriptionApi.id(ctx)).stream().filter(d -> d.status().equals("sent")).count();
        ctx.redirect(rights.clip().path() + "?notice=" + (sent > 0 ? "test-sent" : "test-failed") + "#subscriptions");
    }

    /**
     * The section's model for a clip page: empty (not shown) for anyone who may not edit the clip. snapshots: the
     * clip's, which name a delivery's snapshot as pages do ("Snapshot 3", by number) and link to it.
     */
    static Map<String, Object> panel(Context ctx, ClipRights rights, List<SnapshotViews.SnapshotView> snapshots) {
        SubscriptionPages self = ctx.appData(KEY);
        Map<String, Object> model = new HashMap<>();
        boolean shown = rights.may(ClipAction.EDIT);
        model.put("subscriptionsShown", shown);
        if (!shown) {
            return model;
        }
        List<Subscription> list = self.subscriptions.of(rights.clip());
        model.put("subscriptions", list.stream().map(s -> Map.of("id", s.id(), "where", SubscriptionViews.where(s),
                "when", SubscriptionViews.when(s), "paused", s.paused().orElse(""))).toList());
        Map<Long, Integer> numbers = new HashMap<>();
        snapshots.forEach(v -> numbers.put(v.id(), v.number()));
        model.put("deliveries", self.subscriptions.deliveries(rights.clip()).stream().limit(LOG_SHOWN)
                .map(d -> row(d, numbers.get(d.snapshotId()), rights.clip().path())).toList());
        model.put("subscriptionsSummary", list.isEmpty() ? "Email, Slack or a webhook on each new snapshot"
                : list.size() + (list.size() == 1 ? " subscription" : " subscriptions")
                + (list.stream().anyMatch(s -> s.paused().isPresent()) ? " · some paused" : ""));
        model.put("subscriptionNotice", switch (Optional.ofNullable(ctx.queryParam("notice")).orElse("")) {
            case "subscribed" -> "Subscription added: it delivers the clip's next snapshot.";
            case "unsubscribed-one" -> "Subscription deleted.";
            case "test-sent" -> "Test sent: see the delivery log below.";
            case "test-failed" -> "The test was not delivered: the delivery log below says why.";
            default -> null;
        });
        return model;
    }

    /** One line of the delivery log; number: its snapshot's (null for a live result, or a snapshot since deleted). */
    private static Map<String, Object> row(Delivery d, Integer number, String clipPath) {
        return Map.of("at", ClipViews.shown(d.updatedAt()),
                "subscription", d.subscriptionId() == null ? "deleted" : "#" + d.subscriptionId(),
                "snapshot", number == null ? "a live result" : "Snapshot " + number,
                "snapshotUrl", number == null ? "" : clipPath + "/snapshots/" + d.snapshotId(),
                "to", d.recipient(), "status", d.wireStatus(), "attempts", d.attempts(),
                "error", Optional.ofNullable(d.error()).orElse(""), "cause", d.cause());
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null || value.isBlank() ? null : value;
    }
}
