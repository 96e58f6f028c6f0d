package dataclips.web;

import dataclips.accounts.User;
import dataclips.accounts.Users;
import dataclips.delivery.Condition;
import dataclips.delivery.Delivery;
import dataclips.delivery.Subscription;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the API and the clip page's Subscriptions section show of subscriptions and deliveries (never a URL or secret). */
final class SubscriptionViews {
    private SubscriptionViews() {}

    /**
     * One subscription: to (email) or target (the host of a Slack or webhook URL), when with its condition, the values
     * it fires for (null: the declared defaults), state active or paused (with why); secret only when just made.
     */
    record SubscriptionView(long id, String channel, List<String> to, String attach, String target, String when,
                            ConditionView condition, Map<String, String> parameters, String createdBy,
                            OffsetDateTime createdAt, String state, String pausedReason, String secret) {}

    record ConditionView(String column, String op, String value) {}

    /** One delivery: the contract's fields, then recipient, cause, delivery_id (X-Dataclips-Delivery) and changes. */
    record DeliveryView(long id, Long subscription, long snapshot, String status, int attempts, OffsetDateTime at,
                        String error, String recipient, String cause, String deliveryId, OffsetDateTime nextAttemptAt,
                        Delivery.Changes changes) {}

    static SubscriptionView of(Subscription s, Users users, Optional<String> secret) {
        return new SubscriptionView(s.id(), s.channel().wire(), s.channel().wire().equals("email") ? s.recipients() : null,
                s.channel().wire().equals("email") ? s.attach().wire() : null, s.targetHost(), s.fires().wire(),
                s.condition().map(SubscriptionViews::condition).orElse(null), s.parameters().orElse(null),
                s.createdBy() == null ? null : users.find(s.createdBy()).map(User::email).orElse(null), s.createdAt(),
                s.paused().isPresent() ? "paused" : "active", s.paused().orElse(null), secret.orElse(null));
    }

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.subscriptionId(), d.snapshotId(), d.wireStatus(), d.attempts(), d.updatedAt(),
                d.error(), d.recipient().isEmpty() ? null : d.recipient(), d.cause(), d.key().toString(),
                d.wireStatus().equals("retrying") ? d.nextAttemptAt() : null, d.changes().orElse(null));
    }

    /** "email to a@x, b@y (CSV attached)", "Slack (hooks.slack.com)", "webhook to hooks.example.com", for the page. */
    static String where(Subscription s) {
        return switch (s.channel()) {
            case EMAIL -> "Email to " + String.join(", ", s.recipients()) + switch (s.attach()) {
                case CSV -> " (CSV attached)";
                case XLSX -> " (XLSX attached)";
                case NONE -> "";
            };
            case SLACK -> "Slack (" + s.targetHost() + ")";
            case WEBHOOK -> "Webhook to " + s.targetHost();
        };
    }

    /**
     * "every new snapshot", "when it changed", "when it has rows", "when a row has total > 100", each followed by the
     * values it fires for when it names any (" for region = EU").
     */
    static String when(Subscription s) {
        return switch (s.fires()) {
            case ALWAYS -> "every new snapshot";
            case CHANGED -> "when it changed since the previous snapshot";
            case ROWS -> "when it has rows";
            case CONDITION -> "when a row has " + s.condition().map(Condition::describe).orElse("");
        } + s.parameters().map(SubscriptionViews::values).orElse("");
    }

    /** " for region = EU, year = 2024": the values a subscription fires for, by name. */
    private static String values(Map<String, String> values) {
        return new java.util.TreeMap<>(values).entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ", " for ", ""));
    }

    private static ConditionView condition(Condition c) {
        return new ConditionView(c.column(), c.op(), c.value());
    }
}
