package dataclips.web;

import dataclips.access.ClipRights;
import dataclips.accounts.Users;
import dataclips.delivery.NewSubscription;
import dataclips.delivery.Subscriptions;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The clip page's Subscriptions section (templates/clips/subscriptions.html), for the clip's editors: the list, a form
 * to add an email, Slack or webhook subscription with its condition, delete, send a test, and the delivery log. Plain
 * forms: it works without JavaScript. A webhook secret made for the caller is shown once, on a page of its own.
 */
final class SubscriptionPages {
    /** The form's field for a parameter's value is this and the parameter's name. */
    private static final String PARAMETER_FIELD = "parameter.";
    private final Subscriptions subscriptions;
    private final Users users;
    private final Pages pages;

    SubscriptionPages(Subscriptions subscriptions, Users users, Pages pages) {
        this.subscriptions = subscriptions;
        this.users = users;
        this.pages = pages;
    }

    /**
     * The form: channel, to (addresses, one a line or comma-separated), attach, url, secret, when, column, op, value, and
     * parameter.{name} for each of the clip's parameters (left empty: the clip's default, worked out at each snapshot).
     */
    void create(Context ctx, ClipRights rights) {
        String channel = field(ctx, "channel");
        boolean email = "email".equals(channel);
        List<String> to = email ? Arrays.stream(Optional.ofNullable(field(ctx, "to")).orElse("").split("[,\\n]"))
                .map(String::strip).filter(a -> !a.isEmpty()).toList() : List.of();
        boolean condition = "condition".equals(field(ctx, "when"));
        NewSubscription asked = new NewSubscription(channel, to, email ? field(ctx, "attach") : null,
                email ? null : field(ctx, "url"), "webhook".equals(channel) ? field(ctx, "secret") : null, field(ctx, "when"),
                condition ? field(ctx, "column") : null, condition ? field(ctx, "op") : null,
                condition ? Optional.ofNullable(field(ctx, "value")).orElse("") : null, parameterValues(ctx));
        Subscriptions.Created created = subscriptions.create(rights, Auth.user(ctx).orElseThrow(), asked, ClipViews.base(ctx));
        if (created.secret().isPresent()) {
            pages.render(ctx, "clips/subscription-secret", new SecretPage(ClipViews.of(rights, ctx),
                    SubscriptionViews.where(created.subscription()), created.secret().get()));
            return;
        }
        ctx.redirect(rights.clip().path() + "?notice=subscribed#subscriptions");
    }

    /** templates/clips/subscription-secret.html: a webhook's secret, shown once. */
    record SecretPage(ClipViews.ClipView clip, String where, String secret) {}

    void delete(Context ctx, ClipRights rights) {
        subscriptions.delete(rights, Auth.user(ctx).orElseThrow(), RequestParts.subscriptionId(ctx));
        ctx.redirect(rights.clip().path() + "?notice=unsubscribed-one#subscriptions");
    }

    void test(Context ctx, ClipRights rights) {
        long sent = subscriptions.test(rights, RequestParts.subscriptionId(ctx)).stream().filter(d -> d.status().equals("sent")).count();
        ctx.redirect(rights.clip().path() + "?notice=" + (sent > 0 ? "test-sent" : "test-failed") + "#subscriptions");
    }

    /** The values given for the clip's parameters, by name; none given: the subscription follows the defaults. */
    private static Map<String, String> parameterValues(Context ctx) {
        Map<String, String> values = new TreeMap<>();
        ctx.formParamMap().forEach((field, given) -> {
            if (field.startsWith(PARAMETER_FIELD) && !given.isEmpty() && !given.get(0).isEmpty()) {
                values.put(field.substring(PARAMETER_FIELD.length()), given.get(0));
            }
        });
        return values;
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null || value.isBlank() ? null : value;
    }
}
