package dataclips.delivery;

import dataclips.UserError;
import java.util.Locale;

/** Where a subscription delivers: mail to addresses, a Slack incoming webhook, or any HTTP endpoint (README, "Delivery"). */
public enum Channel {
    EMAIL, SLACK, WEBHOOK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Channel parse(String value) {
        for (Channel c : values()) {
            if (c.wire().equals(value)) {
                return c;
            }
        }
        throw new UserError(422, "bad_channel", "channel must be \"email\", \"slack\" or \"webhook\", not "
                + UserError.quoted(value));
    }
}
