package dataclips.web;

import com.fasterxml.jackson.databind.JsonNode;
import dataclips.UserError;
import dataclips.access.ClipRights;
import dataclips.accounts.Users;
import dataclips.delivery.NewSubscription;
import dataclips.delivery.Subscriptions;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A clip's subscriptions and deliveries (README, "Delivery"), for its editors: GET/POST
 * /api/v1/clips/{slug}/subscriptions, DELETE …/{id}, POST …/{id}/test and GET /api/v1/clips/{slug}/deliveries.
 */
final class SubscriptionApi {
    private final Subscriptions subscriptions;
    private final Users users;

    /** POST's body; condition's value and the parameters' values may be numbers or text. */
    record SubscriptionRequest(String channel, List<String> to, String attach, String url, String secret, String when,
                               ConditionRequest condition, Map<String, JsonNode> parameters) {}

    record ConditionRequest(String column, String op, JsonNode value) {}

    SubscriptionApi(Subscriptions subscriptions, Users users) {
        this.subscriptions = subscriptions;
        this.users = users;
    }

    void list(Context ctx, ClipRights rights) {
        ctx.json(subscriptions.of(rights.clip()).stream().map(s -> SubscriptionViews.of(s, users, Optional.empty())).toList());
    }

    void create(Context ctx, ClipRights rights) {
        SubscriptionRequest r = Json.body(ctx, SubscriptionRequest.class);
        Optional<ConditionRequest> c = Optional.ofNullable(r.condition());
        Map<String, String> parameters = new TreeMap<>();
        Optional.ofNullable(r.parameters()).orElse(Map.of()).forEach((k, v) -> parameters.put(k, text("parameters." + k, v)));
        NewSubscription asked = new NewSubscription(r.channel(), r.to(), r.attach(), r.url(), r.secret(), r.when(),
                c.map(ConditionRequest::column).orElse(null), c.map(ConditionRequest::op).orElse(null),
                c.map(x -> text("condition.value", x.value())).orElse(null), parameters);
        Subscriptions.Created created = subscriptions.create(rights, Auth.user(ctx).orElseThrow(), asked, ClipViews.base(ctx));
        ctx.status(201).json(SubscriptionViews.of(created.subscription(), users, created.secret()));
    }

    void delete(Context ctx, ClipRights rights) {
        subscriptions.delete(rights, Auth.user(ctx).orElseThrow(), RequestParts.subscriptionId(ctx));
        ctx.status(204);
    }

    void test(Context ctx, ClipRights rights) {
        ctx.json(subscriptions.test(rights, RequestParts.subscriptionId(ctx)).stream().map(SubscriptionViews::of).toList());
    }

    void deliveries(Context ctx, ClipRights rights) {
        ctx.json(subscriptions.deliveries(rights.clip()).stream().map(SubscriptionViews::of).toList());
    }

    /** Subscription ids in URLs; anything else is the same 404 as an unknown subscription. */
    private static String text(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new UserError(422, "bad_json", field + " must be a number or text, not " + value.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }
}
