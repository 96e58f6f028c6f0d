package dataclips.delivery;

import dataclips.access.ClipAction;
import dataclips.access.Policy;
import dataclips.accounts.User;
import dataclips.accounts.Users;
import dataclips.clips.Access;
import dataclips.clips.Clip;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may receive what (README, "Delivery"), asked when a subscription is saved and again before every send: a
 * subscription sends nothing while its creator or the clip's owner may not open the clip (it pauses); a private or
 * restricted clip goes only to users who may open it; other addresses get only link clips whose link has not expired,
 * and only within DATACLIPS_MAIL_ALLOWED_DOMAINS when that is set.
 */
final class Audience {
    private final Users users;
    private final Policy policy;
    private final DeliverySettings settings;
    private final Clock clock;

    Audience(Users users, Policy policy, DeliverySettings settings, Clock clock) {
        this.users = users;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    /** Why the subscription may send nothing now, if so: its creator or the clip's owner lost access. */
    Optional<String> pauseReason(Subscription s, Clip clip) {
        Optional<User> creator = s.createdBy() == null ? Optional.empty() : users.find(s.createdBy()).filter(User::active);
        if (creator.isEmpty()) {
            return Optional.of("its creator's account was deactivated or removed");
        }
        if (!policy.clip(creator, clip).may(ClipAction.OPEN)) {
            return Optional.of("its creator " + creator.get().email() + " may no longer open the clip");
        }
        Optional<User> owner = users.find(clip.ownerId()).filter(User::active);
        if (owner.isEmpty()) {
            return Optional.of("the clip's owner " + clip.ownerEmail() + " is deactivated; an admin hands the clip over");
        }
        return Optional.empty();
    }

    /** Why this address may not receive the clip's snapshots, if it may not. */
    Optional<String> refusal(Clip clip, String address) {
        Optional<User> user = users.find(address).filter(User::active);
        if (user.isPresent() && policy.clip(user, clip).may(ClipAction.OPEN)) {
            return Optional.empty();
        }
        if (clip.access() != Access.LINK) {
            return Optional.of(address + " is not a user who may open this " + clip.access().wire() + " clip; its "
                    + "snapshots go only to them");
        }
        if (clip.linkExpired(clock.instant())) {
            return Optional.of(address + " is not a user who may open this clip, and its link has expired");
        }
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!settings.domainAllowed(domain)) {
            return Optional.of(address + " is outside the domains mail may go to (DATACLIPS_MAIL_ALLOWED_DOMAINS: "
                    + String.join(", ", settings.mailAllowedDomains()) + ") and not a user who may open the clip");
        }
        return Optional.empty();
    }
}
