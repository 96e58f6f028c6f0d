package dataclips.delivery;

import dataclips.UserError;
import dataclips.access.ClipAction;
import dataclips.access.ClipRights;
import dataclips.accounts.User;
import dataclips.clips.Access;
import dataclips.clips.Clip;
import dataclips.clips.Clips;
import dataclips.parameters.Parameter;
import dataclips.results.Results;
import dataclips.sources.SecretBox;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Checks a new subscription (README, "Delivery") into what the store keeps: a 422 that says what is wrong and what to
 * do for anything that does not fit, a 403 needs_owner for what only the clip's owner and admins decide (Slack and
 * webhooks of private or restricted clips, values of fixed parameters other than their defaults).
 */
final class SubscriptionCheck {
    static final String TARGET_PURPOSE = "subscription target";
    static final String SECRET_PURPOSE = "subscription secret";
    static final int MAX_RECIPIENTS = 50;
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9]"
            + "([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private final Clips clips;
    private final Results results;
    private final Audience audience;
    private final Targets targets;
    private final SecretBox box;
    private final DeliverySettings settings;
    private final boolean baseUrlSet;
    private final SecureRandom random = new SecureRandom();

    /** A checked subscription and, when the caller gave none, the webhook secret made for it (shown once). */
    record Checked(SubscriptionStore.Draft draft, Optional<String> madeSecret) {}

    SubscriptionCheck(Clips clips, Results results, Audience audience, Targets targets, SecretBox box,
                      DeliverySettings settings, boolean baseUrlSet) {
        this.clips = clips;
        this.results = results;
        this.audience = audience;
        this.targets = targets;
        this.box = box;
        this.settings = settings;
        this.baseUrlSet = baseUrlSet;
    }

    Checked check(ClipRights rights, User caller, NewSubscription n, String linkBase) {
        Clip clip = rights.clip();
        Channel channel = Channel.parse(n.channel());
        Fires fires = Fires.parse(n.when());
        Optional<Condition> condition = condition(clip, fires, n);
        if (channel != Channel.WEBHOOK && !baseUrlSet) {
            throw new UserError(422, "base_url_required", channel.wire() + " messages link to the clip, so they need "
                    + "the app's public address: set DATACLIPS_BASE_URL (e.g. https://clips.example.com) and restart");
        }
        refuseUnused(channel, n);
        Optional<SortedMap<String, String>> parameters = parameters(rights, n.parameters());
        if (channel == Channel.EMAIL) {
            return new Checked(draft(clip, channel, Attach.parse(n.attach()), null, null, null, fires, condition, parameters,
                    linkBase, caller, recipients(clip, n.to())), Optional.empty());
        }
        if (clip.access() != Access.LINK && !rights.may(ClipAction.MANAGE)) {
            throw new UserError(403, "needs_owner", "this clip is " + clip.access().wire() + ": only its owner ("
                    + clip.ownerEmail() + ") and admins send its snapshots to " + channel.wire() + " targets");
        }
        URI target = targets.check(channel, n.url());
        Optional<String> made = channel == Channel.WEBHOOK && blank(n.secret()) ? Optional.of(newSecret()) : Optional.empty();
        String secret = channel == Channel.WEBHOOK ? made.orElseGet(() -> givenSecret(n.secret())) : null;
        return new Checked(draft(clip, channel, Attach.NONE, box.encrypt(target.toString(), TARGET_PURPOSE),
                target.getHost().toLowerCase(Locale.ROOT), secret == null ? null : box.encrypt(secret, SECRET_PURPOSE),
                fires, condition, parameters, linkBase, caller, List.of()), made);
    }

    private static SubscriptionStore.Draft draft(Clip clip, Channel channel, Attach attach, byte[] target, String host,
                                                 byte[] secret, Fires fires, Optional<Condition> condition,
                                                 Optional<SortedMap<String, String>> parameters, String linkBase,
                                                 User caller, List<String> recipients) {
        return new SubscriptionStore.Draft(clip.id(), channel, attach, target, host, secret, fires, condition, parameters,
                linkBase, caller.id(), recipients);
    }

    private Optional<Condition> condition(Clip clip, Fires fires, NewSubscription n) {
        boolean given = !blank(n.conditionColumn()) || !blank(n.conditionOp()) || n.conditionValue() != null;
        if (fires != Fires.CONDITION) {
            if (given) {
                throw new UserError(422, "unused_condition", "a condition is only for \"when\": \"condition\"; leave it out");
            }
            return Optional.empty();
        }
        Condition condition = new Condition(n.conditionColumn(), n.conditionOp(), n.conditionValue());
        results.newestColumns(clip).ifPresent(condition::check);
        return Optional.of(condition);
    }

    private void refuseUnused(Channel channel, NewSubscription n) {
        if (channel == Channel.EMAIL && (!blank(n.url()) || !blank(n.secret()))) {
            throw unused("email subscriptions take \"to\" (addresses), not a url or secret");
        }
        if (channel != Channel.EMAIL && (n.to() != null && !n.to().isEmpty() || !blank(n.attach()))) {
            throw unused(channel.wire() + " subscriptions take a \"url\", not \"to\" or \"attach\"");
        }
        if (channel == Channel.SLACK && !blank(n.secret())) {
            throw unused("Slack subscriptions take no secret (the incoming-webhook URL is the secret)");
        }
    }

    private List<String> recipients(Clip clip, List<String> to) {
        if (settings.smtp().isEmpty()) {
            throw new UserError(422, "mail_not_set_up", "this app sends no mail yet: set DATACLIPS_SMTP_URL (e.g. "
                    + "smtp://user:pass@mail.example.com:587) and DATACLIPS_MAIL_FROM, and restart");
        }
        if (to == null || to.isEmpty() || to.size() > MAX_RECIPIENTS) {
            throw new UserError(422, "bad_recipients", "give \"to\": 1 to " + MAX_RECIPIENTS + " email addresses");
        }
        LinkedHashSet<String> addresses = new LinkedHashSet<>();
        for (String entry : to) {
            String address = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
                throw new UserError(422, "bad_recipient", UserError.quoted(entry) + " is not one email address such as "
                        + "ann@example.com (one address per entry; no names, commas or line breaks)");
            }
            audience.refusal(clip, address).ifPresent(why -> {
                throw new UserError(422, "bad_recipient", why);
            });
            addresses.add(address);
        }
        return new ArrayList<>(addresses);
    }

    /** The values the subscription fires for; empty (the declared defaults) when none are given. */
    private Optional<SortedMap<String, String>> parameters(ClipRights rights, Map<String, String> given) {
        if (given == null || given.isEmpty()) {
            return Optional.empty();
        }
        Clip clip = rights.clip();
        Map<String, List<String>> query = new java.util.HashMap<>();
        given.forEach((name, value) -> {
            if (clip.parameters().stream().noneMatch(p -> p.name().equals(name))) {
                throw new UserError(422, "unknown_parameter", "the clip has no parameter " + UserError.quoted(name));
            }
            query.put(name, List.of(value == null ? "" : value));
        });
        SortedMap<String, String> values = clips.asked(clip, query, false).arguments().shown();
        SortedMap<String, String> defaults = clips.withDefaults(clip).arguments().shown();
        for (Parameter p : clip.parameters()) {
            boolean changed = !java.util.Objects.equals(values.get(p.name()), defaults.get(p.name()));
            if (p.linkHolders() == Parameter.LinkHolders.FIXED && changed && !rights.may(ClipAction.MANAGE)) {
                throw new UserError(403, "needs_owner", "parameter '" + p.name() + "' is fixed: only the clip's owner ("
                        + clip.ownerEmail() + ") and admins send snapshots of other values than its default");
            }
        }
        return Optional.of(values);
    }

    private String givenSecret(String secret) {
        if (secret.length() < 16 || secret.length() > 200) {
            throw new UserError(422, "bad_secret", "a webhook secret is 16 to 200 characters; leave it out and one is "
                    + "made for you (shown once)");
        }
        return secret;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }

    private static UserError unused(String message) {
        return new UserError(422, "unused_field", message);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
